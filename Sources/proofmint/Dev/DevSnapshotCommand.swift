import ArgumentParser
import ProofmintWallet

/// `dev snapshot NAME`: names the node's head so `dev revert NAME` can return to it.
struct DevSnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Name the chain's current head (blocks, state, head) so that `dev revert NAME` can return to it.",
        discussion: """
            Taking a snapshot costs nothing; while one exists the node keeps an undo record per block, so a revert takes \
            time proportional to the blocks since the snapshot. A name already used is moved to the current head. \
            Example: proofmint dev snapshot before-vote
            """)

    @Argument(help: "1 to 64 characters of A-Z a-z 0-9 . _ -")
    var name: String

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try nodeOptions.client(WalletEnvironment())
        let snapshot = try await client.call(Calls.Snapshot.self, SnapshotNameParams(name: name))
        output.console.result(snapshot.json, text: "Snapshot '\(snapshot.name)'\n\(Console.table(snapshot.rows))")
    }
}
