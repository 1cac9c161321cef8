import ProofmintCrypto

/// A block header. It commits to the parent, the transactions, their receipts and the state after the block.
public struct BlockHeader: Equatable, Sendable {
    public static let version: UInt8 = 1

    public var chainId: String
    public var height: UInt64
    public var parentHash: Hash32
    /// The producer's clock in Unix milliseconds; never earlier than the parent's.
    public var timestamp: UInt64
    public var transactionRoot: Hash32
    public var receiptRoot: Hash32
    public var stateRoot: Hash32
    public var transactionCount: UInt32
    /// The producer's public key; 32 zero bytes for the genesis block.
    public var producer: Bytes

    public init(
        chainId: String, height: UInt64, parentHash: Hash32, timestamp: UInt64, transactionRoot: Hash32,
        receiptRoot: Hash32, stateRoot: Hash32, transactionCount: UInt32, producer: Bytes
    ) {
        self.chainId = chainId
        self.height = height
        self.parentHash = parentHash
        self.timestamp = timestamp
        self.transactionRoot = transactionRoot
        self.receiptRoot = receiptRoot
        self.stateRoot = stateRoot
        self.transactionCount = transactionCount
        self.producer = producer
    }

    /// The block hash: BLAKE2b-256 of the canonical header bytes (the signature is not part of it).
    public var hash: Hash32 { Hash32.digest(canonicalBytes) }

    public var signingMessage: Bytes { SigningDomain.blockHeader.message(canonicalBytes) }
}

extension BlockHeader: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.string(chainId)
        writer.u64(height)
        writer.fixed(parentHash.bytes)
        writer.u64(timestamp)
        writer.fixed(transactionRoot.bytes)
        writer.fixed(receiptRoot.bytes)
        writer.fixed(stateRoot.bytes)
        writer.u32(transactionCount)
        writer.fixed(producer)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> BlockHeader {
        try reader.expectVersion(Self.version, of: "block header")
        return BlockHeader(
            chainId: try reader.string(field: "chain id", max: Transaction.maxChainIdBytes),
            height: try reader.u64(),
            parentHash: try reader.hash(),
            timestamp: try reader.u64(),
            transactionRoot: try reader.hash(),
            receiptRoot: try reader.hash(),
            stateRoot: try reader.hash(),
            transactionCount: try reader.u32(),
            producer: try reader.fixed(Ed25519.publicKeyLength))
    }
}
