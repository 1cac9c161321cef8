import ArgumentParser
import ProofmintWallet

/// `dev delete-snapshot NAME`: forgets a snapshot and the undo records only it needed.
struct DevDeleteSnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-snapshot",
        abstract: "Forget a snapshot; the node stops keeping undo records once no snapshot needs them.",
        discussion: "Example: proofmint dev delete-snapshot before-vote")

    @Argument(help: "The snapshot's name.")
    var name: String

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try nodeOptions.client(WalletEnvironment())
        let deleted = try await client.call(Calls.DeleteSnapshot.self, SnapshotNameParams(name: name))
        output.console.result(deleted.json, text: "Deleted snapshot '\(deleted.name)'\n\(Console.table(deleted.rows))")
    }
}
