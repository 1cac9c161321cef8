import ProofmintCrypto

/// Where a node sits in the state tree: the first `depth` bits of a key hash (later bits zeroed).
/// Stored keys sort by prefix, then depth, so a subtree's nodes sit together in the database.
public struct NodePath: Hashable, Comparable, Sendable {
    public let depth: Int
    /// The path bits, zero at and after `depth`.
    let bits: Hash32

    public static let root = NodePath(depth: 0, bits: .zero)

    init(depth: Int, bits: Hash32) {
        self.depth = depth
        self.bits = bits
    }

    /// The 32-byte prefix (bits at and after `depth` are zero).
    public var prefix: Bytes { bits.bytes }

    /// The path of the child on side `bit` (0 = left, 1 = right).
    public func child(_ bit: UInt8) -> NodePath {
        NodePath(depth: depth + 1, bits: bit == 1 ? bits.settingBit(depth) : bits)
    }

    /// The node above this one (or this one) at `depth`, which must not be deeper than this path.
    public func ancestor(atDepth depth: Int) -> NodePath {
        NodePath(depth: depth, bits: bits.masked(toDepth: depth))
    }

    /// The `count` path bits from bit `start` on (at most 62; within `depth`), as a number whose highest bit is the first.
    public func bits(from start: Int, count: Int) -> Int {
        var value = 0
        for index in start..<(start + count) { value = value << 1 | Int(bits.bit(index)) }
        return value
    }

    /// The path at `depth` on the way to `key`.
    public static func toward(_ key: Hash32, depth: Int) -> NodePath {
        NodePath(depth: depth, bits: key.masked(toDepth: depth))
    }

    /// The database key: the 32-byte prefix, then the depth as u16.
    public var storageKey: Bytes { prefix + [UInt8(depth >> 8), UInt8(depth & 0xff)] }

    /// The length of `storageKey`.
    public static let storageKeyLength = 34

    /// Writes `storageKey` into the first 34 bytes of `buffer`, which the caller keeps on its stack: a commit writes
    /// ~100,000 node keys a block. Not a generic `withStorageKey { }`: called from another module, a generic lender ran
    /// unspecialised and looked up type metadata at every node.
    public func writeStorageKey(into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count >= Self.storageKeyLength, "a node key needs \(Self.storageKeyLength) bytes")
        bits.write(into: buffer, at: 0)
        buffer.storeBytes(of: UInt16(truncatingIfNeeded: depth).bigEndian, toByteOffset: 32, as: UInt16.self)
    }

    public init(storageKey: Bytes) throws(CodecError) {
        guard storageKey.count == 34 else { throw .invalidValue(field: "tree node key", reason: "must be 34 bytes") }
        let depth = Int(storageKey[32]) << 8 | Int(storageKey[33])
        guard depth <= 256 else { throw .invalidValue(field: "tree node key", reason: "depth \(depth) > 256") }
        let bits = Hash32(unchecked: Array(storageKey.prefix(32)))
        guard bits.masked(toDepth: depth) == bits else {
            throw .invalidValue(field: "tree node key", reason: "bits set after depth \(depth)")
        }
        self.init(depth: depth, bits: bits)
    }

    /// One word for the hasher instead of five: the path's first 64 bits plus its depth. Bits after `depth` are zero,
    /// so the sum tells paths apart down to depth 56 (deeper paths only share buckets). Only for in-memory
    /// dictionaries (`BatchState` of a fast-mined run, `MemoryStateStore.nodes` for tests; the in-memory store's groups
    /// are in `GroupTable`): nothing hashed this way is encoded or ordered.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(bits.w0 &+ UInt64(truncatingIfNeeded: depth))
    }

    /// Storage-key order (prefix, then depth), without building the keys: one pass over the words, where comparing the
    /// prefixes for equality first and then for order read them twice (the tree's gallops and sorts call this ~10⁶ times
    /// a block).
    public static func < (lhs: NodePath, rhs: NodePath) -> Bool {
        (lhs.bits.w0, lhs.bits.w1, lhs.bits.w2, lhs.bits.w3, lhs.depth) < (rhs.bits.w0, rhs.bits.w1, rhs.bits.w2, rhs.bits.w3, rhs.depth)
    }
}
