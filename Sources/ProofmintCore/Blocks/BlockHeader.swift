import ProofmintCrypto

/// A block header. It commits to the parent, the transactions, their receipts and the state after the block.
public struct BlockHeader: Equatable, Sendable {
    /// Version 2 (protocol version 3) added `beacon`.
    public static let version: UInt8 = 2
    /// The beacon is an ECVRF proof (RFC 9381, ECVRF-EDWARDS25519-SHA512-TAI).
    public static let beaconLength = VRF.proofLength
    /// The genesis block's beacon: no producer, so no proof.
    public static let genesisBeacon = Bytes(repeating: 0, count: beaconLength)
    /// The text every beacon input starts with; bumping it would change every beacon.
    static let beaconTag = Array("proofmint/beacon/v1".utf8)

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
    /// The producer's VRF proof over `beaconInput(chainId:height:)`: 80 bytes, all zero for the genesis block. Its
    /// output is the block's randomness (`BlockContext.beacon`); unique per key and height, so it cannot be ground.
    public var beacon: Bytes

    public init(
        chainId: String, height: UInt64, parentHash: Hash32, timestamp: UInt64, transactionRoot: Hash32,
        receiptRoot: Hash32, stateRoot: Hash32, transactionCount: UInt32, producer: Bytes, beacon: Bytes
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
        self.beacon = beacon
    }

    /// What the producer of block `height` proves its beacon over: `"proofmint/beacon/v1" ‖ string(chain_id) ‖
    /// u64(height)`. It names nothing the producer chooses (no timestamp, no transactions, no parent hash), so the
    /// producer has exactly one valid beacon per height and cannot re-roll it by changing its block.
    public static func beaconInput(chainId: String, height: UInt64) -> Bytes {
        var writer = CanonicalWriter()
        writer.string(chainId)
        writer.u64(height)
        return beaconTag + writer.bytes
    }

    /// The producer's beacon proof for block `height` of `chainId`.
    public static func beaconProof(
        chainId: String, height: UInt64, producer: Ed25519.PrivateKey
    ) throws(CryptoError) -> Bytes {
        try VRF.prove(producer, alpha: beaconInput(chainId: chainId, height: height))
    }

    /// The block's randomness if `beacon` is `producer`'s valid proof for this header's chain and height:
    /// BLAKE2b-256 of the 64-byte VRF output. Nil if it does not verify.
    public static func beaconOutput(
        _ beacon: Bytes, producer: Ed25519.PublicKey, chainId: String, height: UInt64
    ) -> Hash32? {
        VRF.verify(producer, alpha: beaconInput(chainId: chainId, height: height), proof: beacon).map(Hash32.digest)
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
        writer.hash(parentHash)
        writer.u64(timestamp)
        writer.hash(transactionRoot)
        writer.hash(receiptRoot)
        writer.hash(stateRoot)
        writer.u32(transactionCount)
        writer.fixed(producer)
        writer.fixed(beacon)
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
            producer: try reader.fixed(Ed25519.publicKeyLength),
            beacon: try reader.fixed(beaconLength))
    }
}
