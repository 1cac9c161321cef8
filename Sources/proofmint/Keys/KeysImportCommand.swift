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

    @OptionGroup var newKey: NewKeyOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let target = try newKey.target(name, environment: WalletEnvironment())
        let key = try WalletInput.seed(hex: String(decoding: try FileSystem.read(seedFile, limit: 4096), as: UTF8.self))
        let info = try target.save(key)
        output.console.result(KeyPresentation.json(info), text: "Imported key '\(name)'\n\(Console.table(KeyPresentation.rows(info)))")
    }
}
