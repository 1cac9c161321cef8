import ProofmintCore

/// A `tx_index` value (schema 5): `u64 height ‖ u32 index ‖ (u32 offset ‖ u32 length)` of the transaction in its stored
/// block, then the same of its receipt in the stored receipt list; 28 bytes, big-endian.
struct TransactionIndexEntry: Equatable {
    struct Span: Equatable {
        let offset: UInt32
        let length: UInt32

        /// The span's bytes copied out of `buffer` (a record lent in place by LMDB), nil if it runs past its end.
        func slice(of buffer: UnsafeRawBufferPointer) -> Bytes? {
            let end = Int(offset) + Int(length)
            return end <= buffer.count ? Bytes(buffer[Int(offset)..<end]) : nil
        }
    }

    static let length = 28

    let height: UInt64
    let index: Int
    let transaction: Span
    let receipt: Span

    var bytes: Bytes {
        Bytes(unsafeUninitializedCapacity: Self.length) { buffer, count in
            write(into: UnsafeMutableRawBufferPointer(buffer))
            count = Self.length
        }
    }

    /// The 28 bytes of `bytes` into the first 28 of `buffer`.
    func write(into buffer: UnsafeMutableRawBufferPointer) {
        buffer.storeBytes(of: height.bigEndian, toByteOffset: 0, as: UInt64.self)
        buffer.storeBytes(of: UInt32(index).bigEndian, toByteOffset: 8, as: UInt32.self)
        buffer.storeBytes(of: transaction.offset.bigEndian, toByteOffset: 12, as: UInt32.self)
        buffer.storeBytes(of: transaction.length.bigEndian, toByteOffset: 16, as: UInt32.self)
        buffer.storeBytes(of: receipt.offset.bigEndian, toByteOffset: 20, as: UInt32.self)
        buffer.storeBytes(of: receipt.length.bigEndian, toByteOffset: 24, as: UInt32.self)
    }

    init(height: UInt64, index: Int, transaction: Span, receipt: Span) {
        self.height = height
        self.index = index
        self.transaction = transaction
        self.receipt = receipt
    }

    init(_ bytes: Bytes, corrupt: (String) -> StorageError) throws(StorageError) {
        guard bytes.count == Self.length else { throw corrupt("the entry is \(bytes.count) bytes, not \(Self.length)") }
        var reader = CanonicalReader(bytes)
        do {
            height = try reader.u64()
            index = Int(try reader.u32())
            transaction = Span(offset: try reader.u32(), length: try reader.u32())
            receipt = Span(offset: try reader.u32(), length: try reader.u32())
        } catch {
            throw corrupt("the entry does not decode: \(error)")
        }
    }

    /// The entries of a block's transactions, in order: where each lies in `block.canonicalBytes` (after the header,
    /// the signature and the u32 count) and where its receipt lies in the receipt list's bytes (after its u32 count).
    static func entries(for block: Block, receipts: [Receipt]) -> [TransactionIndexEntry] {
        entries(for: block, receipts: EncodedReceipts(receipts))
    }

    /// `entries(for:receipts:)` from receipts already encoded. A transaction past the last receipt (a damaged store
    /// being verified) gets an empty span at the list's end.
    static func entries(for block: Block, receipts: EncodedReceipts) -> [TransactionIndexEntry] {
        var transactionOffset = block.header.canonicalBytes.count + 64 + 4
        return block.transactions.enumerated().map { index, transaction in
            let size = transaction.encodedSize
            defer { transactionOffset += size }
            let receipt = index < receipts.spans.count ? receipts.spans[index] : receipts.bytes.count..<receipts.bytes.count
            return TransactionIndexEntry(
                height: block.height, index: index,
                transaction: Span(offset: UInt32(clamping: transactionOffset), length: UInt32(clamping: size)),
                receipt: Span(offset: UInt32(clamping: receipt.lowerBound), length: UInt32(clamping: receipt.count)))
        }
    }
}

/// A transaction found by its id: the transaction, its receipt, where it is, and its block's hash.
public struct IncludedTransaction: Sendable {
    public let transaction: SignedTransaction
    public let receipt: Receipt?
    public let height: UInt64
    public let index: Int
    public let blockHash: Hash32
}
