import ProofmintCrypto

/// A header, the producer's signature over it, and the transactions it commits to.
public struct Block: Equatable, Sendable {
    public static let maxTransactions = 1 << 20

    public let header: BlockHeader
    /// Ed25519 over the header's signing message; 64 zero bytes for the genesis block.
    public let signature: Bytes
    public let transactions: [SignedTransaction]

    public init(header: BlockHeader, signature: Bytes, transactions: [SignedTransaction]) {
        self.header = header
        self.signature = signature
        self.transactions = transactions
    }

    public var hash: Hash32 { header.hash }
    public var height: UInt64 { header.height }

    /// The canonical bytes, written into one buffer sized up front: a block of 10,000 transfers is ~2 MiB, which a
    /// writer growing from its default capacity would copy some fifteen times.
    public var encoded: Bytes {
        var writer = CanonicalWriter(capacity: 1024 + transactions.reduce(0) { $0 + $1.encodedSize })
        encode(to: &writer)
        return writer.bytes
    }

    /// Signs `header` as `producer`.
    public static func sign(header: BlockHeader, transactions: [SignedTransaction], producer: Ed25519.PrivateKey) -> Block {
        Block(header: header, signature: producer.signature(for: header.signingMessage), transactions: transactions)
    }

    /// Commits to every transaction's signed bytes, in order.
    public static func transactionRoot(_ transactions: [SignedTransaction]) -> Hash32 {
        MerkleList.root(transactions.map(\.witnessHash))
    }

    /// Commits to every receipt's canonical bytes, in order (`EncodedReceipts` hashes them where it encoded them).
    public static func receiptRoot(_ receipts: [Receipt]) -> Hash32 {
        EncodedReceipts(receipts).root
    }
}

extension Block: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.encode(header)
        writer.fixed(signature)
        writer.array(transactions)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Block {
        Block(
            header: try reader.decode(BlockHeader.self),
            signature: try reader.fixed(Ed25519.signatureLength),
            transactions: try reader.array(SignedTransaction.self, field: "transactions", max: maxTransactions))
    }
}
