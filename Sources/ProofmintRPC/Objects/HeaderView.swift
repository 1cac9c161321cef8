import ProofmintCore

/// A block header (PROTOCOL.md, "Blocks"); `producer` is the producer's public key in hex, `beacon` its VRF proof and
/// `randomness` the block's beacon value derived from it (null for genesis, which has no proof).
public struct HeaderView: RPCNamedObject {
    public static let rpcName = "Header"

    public var chainId: String
    public var height: UInt64
    public var parentHash: Hash32
    public var timestamp: UInt64
    public var transactionRoot: Hash32
    public var receiptRoot: Hash32
    public var stateRoot: Hash32
    public var transactionCount: UInt64
    public var producer: Hex
    public var beacon: Hex
    public var randomness: Hash32?

    public init(_ header: BlockHeader) {
        chainId = header.chainId
        height = header.height
        parentHash = header.parentHash
        timestamp = header.timestamp
        transactionRoot = header.transactionRoot
        receiptRoot = header.receiptRoot
        stateRoot = header.stateRoot
        transactionCount = UInt64(header.transactionCount)
        producer = Hex(header.producer)
        beacon = Hex(header.beacon)
        // The stored block's beacon was verified when it was applied; this only reads its output.
        randomness = VRF.output(proof: header.beacon).map(Hash32.digest)
    }
}

/// A header with its canonical bytes, hash and producer signature: a block's, or one half of double-sign evidence.
public struct SignedHeaderView: RPCNamedObject {
    public static let rpcName = "SignedHeader"

    public var header: HeaderView
    public var headerHex: Hex
    public var hash: Hash32
    public var signature: Hex

    public init(header: BlockHeader, signature: Bytes) {
        self.header = HeaderView(header)
        headerHex = Hex(header.canonicalBytes)
        hash = header.hash
        self.signature = Hex(signature)
    }
}
