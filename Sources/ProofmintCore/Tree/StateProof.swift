/// A proof that a key has a given value, or no value, under a state root.
///
/// `siblings[i]` is the sibling hash at depth `i` on the way from the root to the key. The walk ends at
/// `terminal`: the key's own leaf (inclusion), another key's leaf sharing the path, or an empty subtree (absence).
public struct StateProof: Equatable, Sendable {
    public enum Terminal: Equatable, Sendable {
        case empty
        case leaf(key: Hash32, valueHash: Hash32)
    }

    public let siblings: [Hash32]
    public let terminal: Terminal

    public init(siblings: [Hash32], terminal: Terminal) {
        self.siblings = siblings
        self.terminal = terminal
    }

    /// Walks the tree toward `key` and collects the proof.
    public static func make(for key: Hash32, reader: any TreeNodeReader) throws(StateReadError) -> StateProof {
        var siblings = [Hash32]()
        var path = NodePath.root
        var node = try reader.treeNode(at: path)
        while case let .internal(left, right)? = node {
            let bit = key.bit(path.depth)
            siblings.append(bit == 0 ? right : left)
            path = path.child(bit)
            if (bit == 0 ? left : right) == .zero {
                node = nil
            } else {
                node = try reader.treeNode(at: path)
                if node == nil { throw StateReadError("state tree node missing at depth \(path.depth)") }
            }
        }
        if case let .leaf(leafKey, valueHash)? = node {
            return StateProof(siblings: siblings, terminal: .leaf(key: leafKey, valueHash: valueHash))
        }
        return StateProof(siblings: siblings, terminal: .empty)
    }

    /// The root this proof leads to, if it is well formed for `key`.
    public func computedRoot(for key: Hash32) -> Hash32? {
        guard siblings.count <= 256 else { return nil }
        var hash: Hash32
        switch terminal {
        case .empty:
            hash = .zero
        case let .leaf(leafKey, valueHash):
            // The leaf must lie on the key's path for the walk to have ended there.
            for depth in 0..<siblings.count where leafKey.bit(depth) != key.bit(depth) { return nil }
            hash = TreeNode.leaf(key: leafKey, valueHash: valueHash).hash
        }
        for depth in stride(from: siblings.count - 1, through: 0, by: -1) {
            let sibling = siblings[depth]
            hash = key.bit(depth) == 0
                ? TreeNode.internal(left: hash, right: sibling).hash
                : TreeNode.internal(left: sibling, right: hash).hash
        }
        return hash
    }

    /// True if the proof shows that `key` maps to a value with hash `valueHash` under `root`.
    public func verifiesInclusion(key: Hash32, valueHash: Hash32, root: Hash32) -> Bool {
        guard case let .leaf(leafKey, leafValue) = terminal, leafKey == key, leafValue == valueHash else { return false }
        return computedRoot(for: key) == root
    }

    /// True if the proof shows that `key` has no value under `root`.
    public func verifiesAbsence(key: Hash32, root: Hash32) -> Bool {
        if case let .leaf(leafKey, _) = terminal, leafKey == key { return false }
        return computedRoot(for: key) == root
    }
}

extension StateProof: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u16(UInt16(siblings.count))
        for sibling in siblings { writer.hash(sibling) }
        switch terminal {
        case .empty:
            writer.u8(0)
        case let .leaf(key, valueHash):
            writer.u8(1)
            writer.hash(key)
            writer.hash(valueHash)
        }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> StateProof {
        let count = Int(try reader.u16())
        guard count <= 256 else { throw .lengthTooLarge(field: "proof siblings", length: count, max: 256) }
        var siblings = [Hash32]()
        for _ in 0..<count { siblings.append(try reader.hash()) }
        let at = reader.offset
        switch try reader.u8() {
        case 0: return StateProof(siblings: siblings, terminal: .empty)
        case 1: return StateProof(siblings: siblings, terminal: .leaf(key: try reader.hash(), valueHash: try reader.hash()))
        case let tag: throw .unknownTag(type: "proof terminal", tag: tag, offset: at)
        }
    }
}
