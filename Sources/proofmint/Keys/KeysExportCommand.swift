import ArgumentParser
import ProofmintWallet

/// `keys export NAME`: the raw seed, for moving a key to another wallet.
struct KeysExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Decrypt a key and print its raw Ed25519 seed in hex (asks for the password).",
        discussion: """
            Anyone who sees the printed seed controls the key. The warning goes to stderr, the seed alone to stdout.
            Example: proofmint keys export alice > alice.seed
            """)

    @Argument(help: "The key's name.")
    var name: String

    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var passwordOptions: PasswordOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = WalletEnvironment()
        let keystore = keystoreOptions.keystore(environment)
        let keyName = try KeyName(name)
        let info = try keystore.info(keyName)
        let key = try keystore.unlock(keyName, password: try passwordOptions.source(environment).unlockPassword(for: name))
        let warning = "WARNING: this is the private key of '\(name)' (\(info.address)). Anyone who sees it can spend from the account."
        output.console.note(warning)
        output.console.result(
            .object([
                ("name", .string(name)), ("address", .string(info.address.text)), ("seed", .string(key.seed.hex)),
                ("warning", .string(warning)),
            ]),
            text: key.seed.hex)
    }
}
