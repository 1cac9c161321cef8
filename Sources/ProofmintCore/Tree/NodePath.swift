import ProofmintCrypto

/// Where a node sits in the state tree: the first `depth` bits of a key hash (later bits zeroed).
/// Stored keys sort by prefix, then depth, so a subtree's nodes sit together in the database.
public struct NodePath: Hashable, Comparable, Sendable {
    public let depth: Int
    /// 32 bytes; bits at and after `depth` are zero.
    public let prefix: Bytes

    public static let root = NodePath(depth: 0, prefix: Bytes(repeating: 0, count: 32))

    init(depth: Int, prefix: Bytes) {
        self.depth = depth
        self.prefix = prefix
    }

    /// The path of the child on side `bit` (0 = left, 1 = right).
    func child(_ bit: UInt8) -> NodePath {
        var next = prefix
        if bit == 1 { next[depth >> 3] |= 1 << (7 - UInt8(depth & 7)) }
        return NodePath(depth: depth + 1, prefix: next)
    }

    /// The path at `depth` on the way to `key`.
    public static func toward(_ key: Hash32, depth: Int) -> NodePath {
        var prefix = Bytes(repeating: 0, count: 32)
        let fullBytes = depth >> 3
        for i in 0..<fullBytes { prefix[i] = key.bytes[i] }
        let rest = depth & 7
        if rest > 0 { prefix[fullBytes] = key.bytes[fullBytes] & ~(0xff >> UInt8(rest)) }
        return NodePath(depth: depth, prefix: prefix)
    }

    /// The database key: the 32-byte prefix, then the depth as u16.
    public var storageKey: Bytes { prefix + [UInt8(depth >> 8), UInt8(depth & 0xff)] }

    public init(storageKey: Bytes) throws(CodecError) {
        guard storageKey.count == 34 else { throw .invalidValue(field: "tree node key", reason: "must be 34 bytes") }
        let depth = Int(storageKey[32]) << 8 | Int(storageKey[33])
        guard depth <= 256 else { throw .invalidValue(field: "tree node key", reason: "depth \(depth) > 256") }
        self.init(depth: depth, prefix: Array(storageKey.prefix(32)))
    }

    /// The order of `storageKey`s (prefix bytes, then depth), without building them: tree updates sort their
    /// node writes with it.
    public static func < (lhs: NodePath, rhs: NodePath) -> Bool {
        if lhs.prefix != rhs.prefix { return lhs.prefix.lexicographicallyPrecedes(rhs.prefix) }
        return lhs.depth < rhs.depth
    }
}
