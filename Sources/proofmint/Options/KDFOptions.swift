import ArgumentParser
import ProofmintWallet

/// `--kdf`: how expensive the password hashing of a newly stored key is.
struct KDFOptions: ParsableArguments {
    @Option(name: .customLong("kdf"), help: ArgumentHelp(
        "Argon2id strength for the stored key: 'moderate' (default, ~256 MiB) or 'interactive' (~64 MiB, for devnets and tests). Also $PROOFMINT_KDF.",
        valueName: "STRENGTH"))
    var strength: String?

    func limits(_ environment: WalletEnvironment) throws -> KDFLimits { try environment.kdfLimits(flag: strength) }
}
