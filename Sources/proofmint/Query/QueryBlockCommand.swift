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
        let result: JSONValue
        do {
            result = try await client.block(selector, full: full)
        } catch {
            if error.isNotFound { throw CommandFailure("the node at \(client.url.absoluteString) has no block \(block)") }
            throw error
        }
        let header = result["header"]
        var rows = [(String, String)]()
        func add(_ label: String, _ value: JSONValue?) {
            guard let value, !value.isNull else { return }
            rows.append((label, value.stringValue ?? value.compactText))
        }
        add("height", header?["height"])
        add("hash", result["hash"])
        add("parent", header?["parent_hash"])
        if let millis = header?["timestamp"]?.uint64Value { rows.append(("timestamp", Formatting.timestamp(milliseconds: millis))) }
        add("producer", header?["producer"])
        add("state root", header?["state_root"])
        add("tx root", header?["transaction_root"])
        add("receipt root", header?["receipt_root"])
        add("transactions", header?["transaction_count"])
        let transactions = result["transactions"]?.arrayValue ?? []
        let ids = transactions.map { $0.stringValue ?? $0["id"]?.stringValue ?? $0.compactText }
        let list = ids.isEmpty ? "" : "\n" + ids.map { "  - \($0)" }.joined(separator: "\n")
        output.console.result(result, text: "Block\n\(Console.table(rows))\(list)")
    }
}
