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
        if let value = status.headHash { rows.append(("head hash", value)) }
        if let value = status.stateRoot { rows.append(("state root", value)) }
        if let value = status.timestamp { rows.append(("timestamp", Formatting.timestamp(milliseconds: value))) }
        if let value = status.mempoolSize { rows.append(("mempool", "\(value) transactions")) }
        if let value = status.miningMode { rows.append(("mining", value)) }
        rows.append(("validator", status.validator ?? "none (this node does not produce blocks)"))
        if let value = status.genesisHash { rows.append(("genesis hash", value)) }
        output.console.result(status.json, text: "Node \(client.url.absoluteString)\n\(Console.table(rows))")
    }
}
