import ArgumentParser
import ProofmintWallet

/// `keys show NAME`: one key's public facts.
struct KeysShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a key's address, public key and file (no password needed).",
        discussion: "Example: proofmint keys show alice")

    @Argument(help: "The key's name.")
    var name: String

    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let keystore = keystoreOptions.keystore(WalletEnvironment())
        let info = try keystore.info(try KeyName(name))
        output.console.result(KeyPresentation.json(info), text: "Key '\(name)'\n\(Console.table(KeyPresentation.rows(info)))")
    }
}
