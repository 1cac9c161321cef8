import ArgumentParser
import ProofmintWallet

/// `query status`: chain id and head.
struct QueryStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the node's chain id, head height and hash, state root, mempool size, and its peers and sync state.",
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
            ("genesis hash", status.genesisHash.hex), ("sync", Self.syncText(status.syncState)),
        ]
        rows += status.peers.map { peer in
            ("peer", "\(peer.url)  height \(peer.height.map(String.init) ?? "?")  \(peer.state)\(peer.lastError.map { ": \($0)" } ?? "")")
        }
        output.console.result(status.json, text: "Node \(client.url.absoluteString)\n\(Console.table(rows))")
    }

    /// The sync state in words.
    static func syncText(_ state: String) -> String {
        switch state {
        case "standalone": return "standalone (follows no peers)"
        case "caught_up": return "caught up with its peers"
        case "syncing": return "syncing (a peer is ahead)"
        default: return state
        }
    }
}
