import ArgumentParser
import ProofmintWallet

/// `query block`: a block's header and transaction ids.
struct QueryBlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block",
        abstract: "Show a block by height, by hash, or the latest one.",
        discussion: "Example: proofmint query block latest")

    @Argument(help: "A height (42), a 64-hex-digit block hash, or 'latest'.")
    var block: String

    @Flag(name: .customLong("full"), help: "Include whole transactions instead of ids (in --json output).")
    var full = false

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let selector = try BlockSelector(text: block)
        let client = try nodeOptions.client(WalletEnvironment())
        let result: BlockView
        do {
            result = try await client.block(selector, full: full)
        } catch {
            if error.isNotFound { throw CommandFailure("the node at \(client.url.absoluteString) has no block \(block)") }
            throw error
        }
        let header = result.header
        let rows: [(String, String)] = [
            ("height", String(header.height)), ("hash", result.hash.hex), ("parent", header.parentHash.hex),
            ("timestamp", Formatting.timestamp(milliseconds: header.timestamp)), ("producer", header.producer.description),
            ("state root", header.stateRoot.hex), ("tx root", header.transactionRoot.hex), ("receipt root", header.receiptRoot.hex),
            ("transactions", String(header.transactionCount)),
            ("randomness", header.randomness?.hex ?? "none (genesis)"),
        ]
        let ids: [String]
        switch result.transactions {
        case let .ids(list): ids = list.map(\.hex)
        case let .full(list): ids = list.map(\.id.hex)
        }
        let list = ids.isEmpty ? "" : "\n" + ids.map { "  - \($0)" }.joined(separator: "\n")
        output.console.result(result.json, text: "Block\n\(Console.table(rows))\(list)")
    }
}
