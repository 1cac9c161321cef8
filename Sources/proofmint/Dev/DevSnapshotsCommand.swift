import ArgumentParser
import ProofmintWallet

/// `dev snapshots`: the node's snapshots and what keeping them costs.
struct DevSnapshotsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "List the node's snapshots, oldest first, and the undo records kept for them.",
        discussion: "Example: proofmint dev snapshots")

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try nodeOptions.client(WalletEnvironment())
        let result = try await client.call(Calls.ListSnapshots.self)
        let list = result.snapshots.map { "\($0.name)\n\(Console.table($0.rows, indent: 4))" }
        let text = result.snapshots.isEmpty
            ? "No snapshots (take one with `proofmint dev snapshot NAME`)"
            : "Snapshots\n" + list.map { "  " + $0 }.joined(separator: "\n")
        output.console.result(result.json, text: text + "\nUndo records: \(result.undoRecords) (\(result.undoBytes) bytes)")
    }
}
