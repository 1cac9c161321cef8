import ProofmintCrypto

/// A 32-byte BLAKE2b-256 digest: transaction ids, block hashes, tree nodes and roots.
public struct Hash32: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let bytes: Bytes

    /// The all-zero hash: the empty tree root, the genesis block's parent.
    public static let zero = Hash32(unchecked: Bytes(repeating: 0, count: 32))

    public init(bytes: Bytes) throws(CodecError) {
        guard bytes.count == 32 else { throw CodecError.invalidValue(field: "hash", reason: "must be 32 bytes, got \(bytes.count)") }
        self.bytes = bytes
    }

    init(unchecked bytes: Bytes) { self.bytes = bytes }

    /// Parses 64 hex digits (an optional 0x prefix is accepted).
    public init?(hex: String) {
        guard let bytes = Bytes(hex: hex), bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// BLAKE2b-256 of `message`.
    public static func digest(_ message: Bytes) -> Hash32 { Hash32(unchecked: Blake2b.hash256(message)) }

    /// BLAKE2b-256 of the concatenation of `parts`.
    public static func digest(parts: [Bytes]) -> Hash32 { Hash32(unchecked: Blake2b.hash256(parts: parts)) }

    /// Bit `index` counted from the most significant bit of byte 0: the tree's path order.
    @inline(__always)
    public func bit(_ index: Int) -> UInt8 { (bytes[index >> 3] >> (7 - UInt8(index & 7))) & 1 }

    public var hex: String { bytes.hex }
    public var description: String { bytes.hex }

    public static func < (lhs: Hash32, rhs: Hash32) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}
