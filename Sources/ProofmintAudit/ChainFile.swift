import ProofmintCore

/// The export format (docs/PROTOCOL.md, "Chain files"): a magic, a version, then framed records, each checksummed.
///
///     file   = "PMCHAIN\0" ‖ u16 version (1) ‖ frame(genesis) ‖ frame(block)* ‖ frame(end)
///     frame  = u8 kind ‖ u32 length ‖ payload ‖ first 8 bytes of BLAKE2b-256(kind ‖ length ‖ payload)
///     kinds  = 1 genesis (the genesis JSON, byte for byte), 2 block (canonical Block), 3 end
///     end    = u64 block count ‖ u64 first height ‖ u64 last height ‖ bytes32 last block hash
///
/// Frames are read one at a time, so memory stays constant however long the chain; a missing end frame means the
/// file was cut short.
public enum ChainFile {
    public static let magic: Bytes = Array("PMCHAIN".utf8) + [0]
    public static let version: UInt16 = 1
    public static let checksumLength = 8
    /// Larger payloads are refused before they are read (a block is at most max_block_bytes plus its header).
    public static let maxPayload = 128 << 20

    public enum Kind: UInt8, Sendable {
        case genesis = 1
        case block = 2
        case end = 3
    }

    /// The summary the end frame carries; the reader checks it against the blocks it read.
    public struct End: Equatable, Sendable {
        public var count: UInt64
        public var firstHeight: UInt64
        public var lastHeight: UInt64
        public var lastHash: Hash32

        public init(count: UInt64, firstHeight: UInt64, lastHeight: UInt64, lastHash: Hash32) {
            self.count = count
            self.firstHeight = firstHeight
            self.lastHeight = lastHeight
            self.lastHash = lastHash
        }
    }

    static func header() -> Bytes {
        var writer = CanonicalWriter()
        writer.fixed(magic)
        writer.u16(version)
        return writer.bytes
    }

    static func frame(_ kind: Kind, _ payload: Bytes) -> Bytes {
        var writer = CanonicalWriter()
        writer.u8(kind.rawValue)
        writer.u32(UInt32(payload.count))
        writer.fixed(payload)
        let checksum = Array(Blake2b.hash256(writer.bytes).prefix(checksumLength))
        return writer.bytes + checksum
    }

    static func encode(_ end: End) -> Bytes {
        var writer = CanonicalWriter()
        writer.u64(end.count)
        writer.u64(end.firstHeight)
        writer.u64(end.lastHeight)
        writer.hash(end.lastHash)
        return writer.bytes
    }

    static func decodeEnd(_ payload: Bytes) throws(CodecError) -> End {
        var reader = CanonicalReader(payload)
        let end = End(count: try reader.u64(), firstHeight: try reader.u64(), lastHeight: try reader.u64(), lastHash: try reader.hash())
        try reader.finish()
        return end
    }
}
