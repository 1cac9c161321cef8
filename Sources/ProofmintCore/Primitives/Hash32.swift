import ProofmintCrypto

/// A 32-byte BLAKE2b-256 digest: transaction ids, block hashes, tree nodes and roots.
///
/// Stored inline as four big-endian 64-bit words, so hashes are never heap objects: comparing, hashing into
/// dictionaries and copying them costs a few instructions (the state tree handles hundreds of thousands per block).
/// Numeric order of the words is byte-lexicographic order.
public struct Hash32: Hashable, Comparable, Sendable, CustomStringConvertible {
    let w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// Bytes in a hash.
    public static let length = 32

    /// The all-zero hash: the empty tree root, the genesis block's parent.
    public static let zero = Hash32(w0: 0, w1: 0, w2: 0, w3: 0)

    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    public init(bytes: Bytes) throws(CodecError) {
        guard bytes.count == 32 else { throw CodecError.invalidValue(field: "hash", reason: "must be 32 bytes, got \(bytes.count)") }
        self.init(unchecked: bytes)
    }

    /// From exactly 32 bytes (callers guarantee the length).
    init(unchecked bytes: Bytes) {
        self = bytes.withUnsafeBytes { Hash32(raw: $0) }
    }

    init(raw: UnsafeRawBufferPointer) {
        func word(_ offset: Int) -> UInt64 { UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        self.init(w0: word(0), w1: word(8), w2: word(16), w3: word(24))
    }

    /// Parses 64 hex digits (an optional 0x prefix is accepted).
    public init?(hex: String) {
        guard let bytes = Bytes(hex: hex), bytes.count == 32 else { return nil }
        self.init(unchecked: bytes)
    }

    public var bytes: Bytes {
        var out = Bytes(repeating: 0, count: 32)
        out.withUnsafeMutableBytes { write(into: $0, at: 0) }
        return out
    }

    /// Writes the 32 bytes at `offset` of `buffer`.
    public func write(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        buffer.storeBytes(of: w0.bigEndian, toByteOffset: offset, as: UInt64.self)
        buffer.storeBytes(of: w1.bigEndian, toByteOffset: offset + 8, as: UInt64.self)
        buffer.storeBytes(of: w2.bigEndian, toByteOffset: offset + 16, as: UInt64.self)
        buffer.storeBytes(of: w3.bigEndian, toByteOffset: offset + 24, as: UInt64.self)
    }

    /// BLAKE2b-256 of `message`.
    public static func digest(_ message: Bytes) -> Hash32 {
        message.withUnsafeBytes { digest(raw: $0) }
    }

    /// BLAKE2b-256 of the concatenation of `parts`.
    public static func digest(parts: [Bytes]) -> Hash32 { Hash32(unchecked: Blake2b.hash256(parts: parts)) }

    /// BLAKE2b-256 of raw memory, with no allocation.
    static func digest(raw: UnsafeRawBufferPointer) -> Hash32 {
        withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { output in
            Blake2b.hash256(raw, into: output)
            return Hash32(raw: UnsafeRawBufferPointer(output))
        }
    }

    /// BLAKE2b-256 of `tag ‖ a`: a Merkle list's leaf, computed without allocating.
    static func digest(tag: UInt8, _ a: Hash32) -> Hash32 {
        withUnsafeTemporaryAllocation(byteCount: 33, alignment: 8) { buffer in
            buffer.storeBytes(of: tag, toByteOffset: 0, as: UInt8.self)
            a.write(into: buffer, at: 1)
            return digest(raw: UnsafeRawBufferPointer(buffer))
        }
    }

    /// BLAKE2b-256 of `tag ‖ a ‖ b`: the shape of every tree node hash, computed without allocating.
    static func digest(tag: UInt8, _ a: Hash32, _ b: Hash32) -> Hash32 {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer.storeBytes(of: tag, toByteOffset: 0, as: UInt8.self)
            a.write(into: buffer, at: 1)
            b.write(into: buffer, at: 33)
            return digest(raw: UnsafeRawBufferPointer(buffer))
        }
    }

    /// The 64-bit word holding bit `index`.
    @inline(__always)
    func word(_ index: Int) -> UInt64 {
        switch index {
        case 0: return w0
        case 1: return w1
        case 2: return w2
        default: return w3
        }
    }

    /// Bit `index` counted from the most significant bit of byte 0: the tree's path order.
    @inline(__always)
    public func bit(_ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: word(index >> 6) >> (63 - UInt64(index & 63)) & 1) }

    /// The first `depth` bits, the rest zero.
    func masked(toDepth depth: Int) -> Hash32 {
        func mask(_ word: UInt64, _ index: Int) -> UInt64 {
            let keep = depth - index * 64
            if keep >= 64 { return word }
            if keep <= 0 { return 0 }
            return word & ~(UInt64.max >> UInt64(keep))
        }
        return Hash32(w0: mask(w0, 0), w1: mask(w1, 1), w2: mask(w2, 2), w3: mask(w3, 3))
    }

    /// This hash with bit `index` set to 1.
    func settingBit(_ index: Int) -> Hash32 {
        let bit = UInt64(1) << (63 - UInt64(index & 63))
        switch index >> 6 {
        case 0: return Hash32(w0: w0 | bit, w1: w1, w2: w2, w3: w3)
        case 1: return Hash32(w0: w0, w1: w1 | bit, w2: w2, w3: w3)
        case 2: return Hash32(w0: w0, w1: w1, w2: w2 | bit, w3: w3)
        default: return Hash32(w0: w0, w1: w1, w2: w2, w3: w3 | bit)
        }
    }

    public var hex: String { bytes.hex }
    public var description: String { hex }

    public static func < (lhs: Hash32, rhs: Hash32) -> Bool {
        (lhs.w0, lhs.w1, lhs.w2, lhs.w3) < (rhs.w0, rhs.w1, rhs.w2, rhs.w3)
    }
}
