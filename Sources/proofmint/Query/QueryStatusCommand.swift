import ArgumentParser
import ProofmintWallet

/// `query status`: chain id and head.
struct QueryStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the node's chain id, head height and hash, state root and mempool size.",
        discussion: "Example: proofmint query status --node http://127.0.0.1:8645")

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try nodeOptions.client(WalletEnvironment())
        let status = try await client.status()
        var rows: [(String, String)] = [("chain id", status.chainId), ("height", String(status.height))]
        rows += [
            ("head hash", status.headHash.hex), ("state root", status.stateRoot.hex),
            ("timestamp", Formatting.timestamp(milliseconds: status.timestamp)), ("mempool", "\(status.mempoolSize) transactions"),
            ("mining", status.miningMode), ("validator", status.validator?.text ?? "none (this node does not produce blocks)"),
            ("genesis hash", status.genesisHash.hex),
        ]
        output.console.result(status.json, text: "Node \(client.url.absoluteString)\n\(Console.table(rows))")
    }
}
