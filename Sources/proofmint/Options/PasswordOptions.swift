import ArgumentParser
import ProofmintWallet

/// `--password-file FILE`: a non-interactive password source.
struct PasswordOptions: ParsableArguments {
    @Option(name: .customLong("password-file"), help: ArgumentHelp(
        "Read the key password from FILE (one trailing newline is ignored). Otherwise $PROOFMINT_PASSWORD, else a prompt.",
        valueName: "FILE"))
    var file: String?

    func source(_ environment: WalletEnvironment) -> PasswordSource { environment.passwordSource(file: file) }
}
