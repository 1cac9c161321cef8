/// A block's receipts encoded once: the bytes of their `ReceiptList` (what storage keeps) and where each receipt lies
/// in them. The receipt root hashes those spans and the transaction index points into them, so a committed block's
/// receipts are encoded once instead of once for the root, once for the record and once more for the index.
public struct EncodedReceipts: Sendable, Equatable {
    /// `ReceiptList(receipts).canonicalBytes`.
    public let bytes: Bytes
    /// Receipt i's encoding is `bytes[spans[i]]`.
    public let spans: [Range<Int>]

    public init(_ receipts: [Receipt]) {
        var writer = CanonicalWriter(capacity: 4 + receipts.count * 128)
        writer.u32(UInt32(receipts.count))
        var spans = [Range<Int>]()
        spans.reserveCapacity(receipts.count)
        for receipt in receipts {
            let start = writer.bytes.count
            receipt.encode(to: &writer)
            spans.append(start..<writer.bytes.count)
        }
        self.bytes = writer.bytes
        self.spans = spans
    }

    /// The receipt root (PROTOCOL.md): the Merkle list of each receipt's BLAKE2b-256, each span hashed where it lies.
    public var root: Hash32 {
        bytes.withUnsafeBytes { raw in
            MerkleList.root(spans.map { Hash32.digest(raw: UnsafeRawBufferPointer(rebasing: raw[$0])) })
        }
    }
}
