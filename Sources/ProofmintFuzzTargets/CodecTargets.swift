import ProofmintCore
import ProofmintRPC

/// The binary decoders a peer or a chain file feeds: a signed transaction (`pm_sendTransaction`, blocks), a block
/// (chain files, the store) and a block's receipt list (the store). Each must round-trip exactly, and what is derived
/// from a decoded value (ids, roots, the signature check, the RPC view the node would serve) must not trap either.
enum CodecTargets {
    static func transaction(_ bytes: Bytes) throws(FuzzFailure) -> FuzzVerdict {
        guard let signed = try CanonicalRoundTrip.check(SignedTransaction.self, bytes, target: .transaction) else { return .refused }
        guard signed.encodedSize == bytes.count else {
            throw FuzzFailure(.transaction, "encodedSize \(signed.encodedSize) differs from the \(bytes.count) bytes decoded")
        }
        try keptBytesAreFields(signed, target: .transaction)
        _ = signed.hasValidSignature()
        try servable(TransactionView(signed), target: .transaction)
        return .accepted
    }

    static func block(_ bytes: Bytes) throws(FuzzFailure) -> FuzzVerdict {
        guard let block = try CanonicalRoundTrip.check(Block.self, bytes, target: .block) else { return .refused }
        _ = Block.transactionRoot(block.transactions)
        try servable(SignedHeaderView(header: block.header, signature: block.signature), target: .block)
        for signed in block.transactions {
            try keptBytesAreFields(signed, target: .block)
            try servable(TransactionView(signed), target: .block)
        }
        return .accepted
    }

    static func receipts(_ bytes: Bytes) throws(FuzzFailure) -> FuzzVerdict {
        guard let list = try CanonicalRoundTrip.check(ReceiptList.self, bytes, target: .receipts) else { return .refused }
        _ = Block.receiptRoot(list.receipts)
        for receipt in list.receipts { try servable(ReceiptView(receipt), target: .receipts) }
        return .accepted
    }

    /// A decoded transaction keeps the bytes it was read from and re-encodes as them, so the round trip above cannot see
    /// a decoder that accepts another form of the same fields: encoding the fields afresh must give the same bytes.
    private static func keptBytesAreFields(_ signed: SignedTransaction, target: FuzzTarget) throws(FuzzFailure) {
        let fresh = signed.transaction.canonicalBytes + signed.signature
        guard fresh == signed.encoded else {
            throw FuzzFailure(target, "a transaction decoded from \(signed.encoded.count) bytes encodes its fields as \(fresh.count) other bytes")
        }
    }

    /// A decoded value is served over RPC as this view: its JSON encoding must not fail.
    private static func servable<View: Encodable>(_ view: View, target: FuzzTarget) throws(FuzzFailure) {
        do {
            _ = try JSONValueEncoder.encode(view).compactText
        } catch {
            throw FuzzFailure(target, "the RPC view \(View.self) of a decoded value does not encode: \(error)")
        }
    }
}
