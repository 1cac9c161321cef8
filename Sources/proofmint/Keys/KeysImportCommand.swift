import ArgumentParser
import ProofmintWallet

/// `keys import NAME --seed-file FILE`: store an existing raw Ed25519 seed.
struct KeysImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a raw 32-byte Ed25519 seed (64 hex digits in a file) and store it encrypted.",
        discussion: "Example: proofmint keys import bob --seed-file bob.seed")

    @Argument(help: "Name for the key: 1-32 characters from a-z, 0-9, '_' and '-'.")
    var name: String

    @Option(name: .customLong("seed-file"), help: ArgumentHelp("File holding the seed as 64 hex digits.", valueName: "FILE"))
    var seedFile: String

    @Flag(name: .customLong("force"), help: "Replace an existing key of the same name.")
    var force = false

    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var passwordOptions: PasswordOptions
    @OptionGroup var kdfOptions: KDFOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = WalletEnvironment()
        let keystore = keystoreOptions.keystore(environment)
        let keyName = try KeyName(name)
        if !force && keystore.contains(keyName) { throw KeystoreError.keyExists(name: name, path: keystore.path(for: keyName)) }
        let limits = try kdfOptions.limits(environment)
        let key = try WalletInput.seed(hex: String(decoding: try FileSystem.read(seedFile, limit: 4096), as: UTF8.self))
        let password = try passwordOptions.source(environment).newPassword(for: name)
        let info = try keystore.save(key, as: keyName, password: password, limits: limits, overwrite: force)
        output.console.result(KeyPresentation.json(info), text: "Imported key '\(name)'\n\(Console.table(KeyPresentation.rows(info)))")
    }
}
