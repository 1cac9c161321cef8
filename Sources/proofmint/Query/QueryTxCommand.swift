import ArgumentParser
import ProofmintWallet

/// `query tx`: where a transaction is and what it did.
struct QueryTxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tx",
        abstract: "Show a transaction by id: pending or included, its fields and its receipt.",
        discussion: "Example: proofmint query tx 3f9a…")

    @Argument(help: "The transaction id (64 hex digits).")
    var id: String

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let txId = try WalletInput.transactionId(id)
        let client = try nodeOptions.client(WalletEnvironment())
        let status: TransactionStatus
        do {
            status = try await client.transaction(txId)
        } catch {
            if error.isNotFound { throw CommandFailure("transaction \(txId) is unknown to the node at \(client.url.absoluteString): not in its mempool or any block") }
            throw error
        }
        var rows: [(String, String)] = [("id", status.id.hex), ("status", status.status)]
        if let height = status.height { rows.append(("height", String(height))) }
        if let index = status.index { rows.append(("index", String(index))) }
        if let blockHash = status.blockHash { rows.append(("block", blockHash.hex)) }
        // Shown from the canonical bytes, checked against the id: what is shown is what was signed.
        if let signed = try? SignedTransaction(canonical: status.raw.bytes), signed.id == status.id {
            rows += TransactionSummary.lines(signed.transaction)
        }
        if let receipt = status.receipt {
            rows.append(("receipt", receipt.succeeded ? "ok (code 0)" : receipt.failureText))
            rows.append(("fee charged", "\(Tokens.format(receipt.feeCharged)) \(Tokens.symbol)"))
        }
        let eventText = Console.section("Events", status.receipt?.eventLines ?? [])
        output.console.result(status.json, text: "Transaction\n\(Console.table(rows))\(eventText)")
    }
}
