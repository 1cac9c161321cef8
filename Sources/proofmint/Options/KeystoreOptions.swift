import ArgumentParser
import ProofmintWallet

/// `--keystore DIR`: where keys are stored.
struct KeystoreOptions: ParsableArguments {
    @Option(name: .customLong("keystore"), help: ArgumentHelp(
        "Keystore directory (default $HOME/.proofmint/keys, or $PROOFMINT_KEYSTORE).", valueName: "DIR"))
    var directory: String?

    func keystore(_ environment: WalletEnvironment) -> Keystore { environment.keystore(flag: directory) }
}
