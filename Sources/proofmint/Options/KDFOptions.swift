import ArgumentParser
import ProofmintWallet

/// `--kdf`: how expensive the password hashing of a newly stored key is.
struct KDFOptions: ParsableArguments {
    @Option(name: .customLong("kdf"), help: ArgumentHelp(
        "Argon2id strength for the stored key: 'moderate' (~256 MiB) or 'interactive' (~64 MiB, for devnets and tests). "
            + "Default: $PROOFMINT_KDF, else moderate (interactive for `keys import-dev`).",
        valueName: "STRENGTH"))
    var strength: String?

    func limits(_ environment: WalletEnvironment, fallback: KDFLimits = .moderate) throws -> KDFLimits {
        try environment.kdfLimits(flag: strength, fallback: fallback)
    }
}
