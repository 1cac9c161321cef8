import ProofmintCore

/// A deliberately naive, independent model of the state tree, written from the definition rather than from
/// `StateTree`'s code, to check the incremental implementation against:
///
/// - the empty set hashes to 32 zero bytes;
/// - a set of one entry is that entry's leaf: `BLAKE2b-256(0x00 ‖ keyHash ‖ valueHash)`;
/// - a larger set at depth `d` splits on bit `d` of the key hashes (most significant bit of byte 0 first) and is
///   `BLAKE2b-256(0x01 ‖ left ‖ right)`; keys sharing a prefix therefore give chains of internal nodes with one
///   empty side, down to the depth where the set first splits.
///
/// It recomputes everything from scratch on every call (cost: entries × depth), uses its own bit extraction and
/// calls BLAKE2b directly, sharing no code with `StateTree`, `TreeNode.hash` or `Hash32.bit`.
public enum ReferenceTree {
    public static let zero = Bytes(repeating: 0, count: 32)

    /// Bit `index` of `key`, counted from the most significant bit of byte 0.
    public static func bit(_ key: Bytes, _ index: Int) -> Int {
        Int(key[index / 8] >> UInt8(7 - index % 8)) & 1
    }

    /// The root of a set of (key hash → value hash) entries.
    public static func root(_ entries: [Hash32: Hash32]) -> Hash32 {
        try! Hash32(bytes: subtreeHash(entries.map { ($0.key.bytes, $0.value.bytes) }, depth: 0))
    }

    /// The root of a state given as key → value bytes: entries are `(BLAKE2b(key), BLAKE2b(value))`.
    public static func root(values: [StateKey: Bytes]) -> Hash32 { root(entries(values: values)) }

    public static func entries(values: [StateKey: Bytes]) -> [Hash32: Hash32] {
        var out = [Hash32: Hash32]()
        for (key, value) in values {
            out[try! Hash32(bytes: Blake2b.hash256(key.bytes))] = try! Hash32(bytes: Blake2b.hash256(value))
        }
        return out
    }

    static func subtreeHash(_ entries: [(Bytes, Bytes)], depth: Int) -> Bytes {
        if entries.isEmpty { return zero }
        if entries.count == 1 { return Blake2b.hash256([0x00] + entries[0].0 + entries[0].1) }
        precondition(depth < 256, "duplicate keys in reference tree")
        let left = entries.filter { bit($0.0, depth) == 0 }
        let right = entries.filter { bit($0.0, depth) == 1 }
        return Blake2b.hash256([0x01] + subtreeHash(left, depth: depth + 1) + subtreeHash(right, depth: depth + 1))
    }

    /// Every node the tree over `entries` must store, by path: an internal node at each depth where the subtree
    /// holds two or more entries, a leaf where it holds exactly one, nothing where it is empty.
    public static func nodes(_ entries: [Hash32: Hash32]) -> [NodePath: TreeNode] {
        var out = [NodePath: TreeNode]()
        _ = collect(entries.map { ($0.key.bytes, $0.value.bytes) }, depth: 0, into: &out)
        return out
    }

    /// The same recursion as `subtreeHash`, recording each node under its path on the way back up.
    private static func collect(_ entries: [(Bytes, Bytes)], depth: Int, into out: inout [NodePath: TreeNode]) -> Bytes {
        guard let first = entries.first else { return zero }
        let path = NodePath.toward(try! Hash32(bytes: first.0), depth: depth)
        if entries.count == 1 {
            out[path] = .leaf(key: try! Hash32(bytes: first.0), valueHash: try! Hash32(bytes: first.1))
            return Blake2b.hash256([0x00] + first.0 + first.1)
        }
        precondition(depth < 256, "duplicate keys in reference tree")
        let left = collect(entries.filter { bit($0.0, depth) == 0 }, depth: depth + 1, into: &out)
        let right = collect(entries.filter { bit($0.0, depth) == 1 }, depth: depth + 1, into: &out)
        out[path] = .internal(left: try! Hash32(bytes: left), right: try! Hash32(bytes: right))
        return Blake2b.hash256([0x01] + left + right)
    }
}

/// A tree node map in memory that applies `StateTree.Changes` the way storage does (nil deletes).
public final class InMemoryTree: TreeNodeReader, @unchecked Sendable {
    public private(set) var nodes: [NodePath: TreeNode] = [:]

    public init() {}

    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? { nodes[path] }

    public var root: Hash32 { (try? StateTree.root(of: self)) ?? .zero }

    /// Runs `StateTree.update` against this map and applies the resulting node writes.
    @discardableResult
    public func update(_ updates: [StateTree.Update]) throws -> StateTree.Changes {
        let changes = try StateTree.update(updates, reader: self)
        apply(changes)
        return changes
    }

    public func apply(_ changes: StateTree.Changes) {
        for (path, node) in changes.nodes { nodes[path] = node }
    }
}
