import ArgumentParser
import ProofmintWallet

/// Sends a signed transaction, waits for its block unless told not to, and reports the receipt.
enum Submission {
    static func send(_ signed: SignedTransaction, client: NodeClient, wait: WaitOptions, console: Console) async throws {
        let id = try await client.send(signed)
        let summary = TransactionSummary.json(signed.transaction)
        if wait.noWait {
            console.result(
                .object([("id", .string(id.hex)), ("status", .string("pending")), ("transaction", summary)]),
                text: "Sent transaction \(id)\n\(Console.table(TransactionSummary.lines(signed.transaction)))\nNot waiting for inclusion (--no-wait).")
            return
        }
        if !console.json { console.note("Sent transaction \(id); waiting up to \(Int(wait.timeout))s for a block…") }
        let status: TransactionStatus
        do {
            status = try await InclusionWatcher(client: client, timeout: wait.duration).wait(for: id)
        } catch {
            if case .timedOut = error {
                console.note("error: \(error)")
                throw ExitCodes.timedOut
            }
            throw error
        }
        let receipt = status.receipt
        let feeCharged = receipt.map { "\(Tokens.format($0.feeCharged)) \(Tokens.symbol)" } ?? "unknown"
        var rows = TransactionSummary.lines(signed.transaction)
        rows.append(("height", status.height.map(String.init) ?? "?"))
        if let blockHash = status.blockHash { rows.append(("block", blockHash.hex)) }
        rows.append(("receipt", receipt.map { "\($0.status) (code \($0.code))" } ?? "none"))
        rows.append(("fee charged", feeCharged))
        let eventText = Console.section("Events", receipt?.eventLines ?? [])
        console.result(
            .object([
                ("id", .string(id.hex)),
                ("status", .string(status.status)),
                ("height", .optionalUInt(status.height)),
                ("index", .optionalUInt(status.index)),
                ("block_hash", .optionalString(status.blockHash?.hex)),
                ("receipt", receipt?.json ?? .null),
                ("transaction", summary),
            ]),
            text: "Transaction \(id) included\n\(Console.table(rows))\(eventText)")
        if let receipt, !receipt.succeeded {
            console.note("error: the transaction was included but failed: \(receipt.failureText); the fee was charged")
            throw ExitCodes.receiptFailed
        }
    }
}
