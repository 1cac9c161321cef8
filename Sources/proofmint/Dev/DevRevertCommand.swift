import ArgumentParser
import ProofmintWallet

/// `dev revert NAME`: returns the chain to a snapshot.
struct DevRevertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert",
        abstract: "Return the chain to a snapshot: the blocks after it are removed, the state root is the snapshot's again, the mempool is emptied.",
        discussion: """
            Snapshots taken after NAME are forgotten; NAME stays, so you can revert to it again. \
            Example: proofmint dev revert before-vote
            """)

    @Argument(help: "The snapshot's name (`proofmint dev snapshots` lists them).")
    var name: String

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try nodeOptions.client(WalletEnvironment())
        let result = try await client.call(Calls.Revert.self, SnapshotNameParams(name: name))
        let rows: [(String, String)] = [
            ("height", String(result.height)), ("block hash", result.blockHash.hex), ("state root", result.stateRoot.hex),
            ("blocks removed", String(result.revertedBlocks)), ("transactions dropped", String(result.droppedTransactions)),
            ("snapshots forgotten", result.forgottenSnapshots.isEmpty ? "none" : result.forgottenSnapshots.joined(separator: ", ")),
        ]
        output.console.result(result.json, text: "Reverted to snapshot '\(name)'\n\(Console.table(rows))")
    }
}
