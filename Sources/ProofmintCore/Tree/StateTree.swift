/// The authenticated state tree: a binary Merkle radix tree over `BLAKE2b-256(state key)`, in the style of the
/// Jellyfish Merkle tree. A subtree holding one entry is that entry's leaf, hoisted as high as it can go, so the
/// shape depends only on the set of keys (never on insertion order) and a path is about log2(entries) long.
///
/// `update` reads only the nodes on the paths of the changed keys and returns the new root together with the
/// node writes; it persists nothing itself (storage commits the changes with the block).
public struct StateTree {
    /// One changed entry: a key hash and the new value hash, or nil to delete.
    public struct Update: Sendable {
        public let key: Hash32
        public let valueHash: Hash32?
        public init(key: Hash32, valueHash: Hash32?) {
            self.key = key
            self.valueHash = valueHash
        }
    }

    /// The result of an update: the new root hash and the node writes (nil deletes), sorted by path.
    public struct Changes: Sendable {
        public let root: Hash32
        public let nodes: [(path: NodePath, node: TreeNode?)]
    }

    private let reader: any TreeNodeReader
    /// Every node write in the order the update made it; a later write to a path replaces an earlier one.
    private var log: WriteLog

    public init(reader: any TreeNodeReader) {
        self.reader = reader
        log = WriteLog()
    }

    /// A tree for an update of `updates` entries: each rewrites its path below where the changed paths meet, about
    /// four nodes at 10⁵ entries, five at 10⁶.
    private init(reader: any TreeNodeReader, updates: Int) {
        self.reader = reader
        log = WriteLog(expected: updates * 5 + 64)
    }

    /// The root hash of the tree `reader` holds.
    public static func root(of reader: any TreeNodeReader) throws(StateReadError) -> Hash32 {
        try reader.treeNode(at: .root)?.hash ?? .zero
    }

    /// Applies `updates` (any order; at most one per key) and returns the new root with the node writes.
    public static func update(_ updates: [Update], reader: any TreeNodeReader) throws(StateReadError) -> Changes {
        var tree = StateTree(reader: reader, updates: updates.count)
        let sorted = updates.sorted { $0.key < $1.key }
        let current = try reader.treeNode(at: .root)
        let root: TreeNode?
        if sorted.isEmpty {
            root = current
        } else {
            root = try tree.updateSubtree(at: .root, place: tree.log.reserve(.root), current: current, updates: sorted[...])
        }
        return Changes(root: root?.hash ?? .zero, nodes: tree.log.sortedLastWrites())
    }

    // MARK: - Recursive update

    /// Rebuilds the subtree at `path` whose current node is `current`, with `updates` (non-empty, sorted,
    /// all under `path`). Records its own write at `path` in `place`, which the caller reserved for it before anything
    /// below it was written (so the log stays in key order), and returns the new node there.
    private mutating func updateSubtree(
        at path: NodePath, place: Int, current: TreeNode?, updates: ArraySlice<Update>
    ) throws(StateReadError) -> TreeNode? {
        let result: TreeNode?
        switch current {
        case nil:
            result = build(at: path, entries: updates.compactMap(Self.entry)[...])
        case let .leaf(key, valueHash)?:
            var entries = updates.compactMap(Self.entry)
            if !updates.contains(where: { $0.key == key }) {
                let position = entries.firstIndex { key < $0.0 } ?? entries.endIndex
                entries.insert((key, valueHash), at: position)
            }
            result = build(at: path, entries: entries[...])
        case let .internal(left, right)?:
            result = try updateInternal(at: path, left: left, right: right, updates: updates)
        }
        record(place, result, hadNode: current != nil)
        return result
    }

    private mutating func updateInternal(
        at path: NodePath, left: Hash32, right: Hash32, updates: ArraySlice<Update>
    ) throws(StateReadError) -> TreeNode? {
        let split = updates.firstIndex { $0.key.bit(path.depth) == 1 } ?? updates.endIndex
        let leftUpdates = updates[updates.startIndex..<split]
        let rightUpdates = updates[split..<updates.endIndex]
        let leftPath = path.child(0), rightPath = path.child(1)

        let newLeft = try child(at: leftPath, hash: left, updates: leftUpdates)
        let newRight = try child(at: rightPath, hash: right, updates: rightUpdates)

        switch (newLeft, newRight) {
        case (.empty, .empty):
            return nil
        case let (.empty, .node(node, place)) where node.isLeaf,
             let (.node(node, place), .empty) where node.isLeaf:
            // A lone leaf moves up to take this node's place.
            log.fill(place, nil)
            return node
        case let (.empty, .unchanged(_, nodePath)), let (.unchanged(_, nodePath), .empty):
            // The untouched side may be a lone leaf that must now move up: only here is it read.
            guard let node = try reader.treeNode(at: nodePath) else {
                throw StateReadError("state tree node missing at depth \(nodePath.depth): the database is inconsistent")
            }
            if node.isLeaf {
                log.write(nodePath, nil)
                return node
            }
            return .internal(left: newLeft.hash, right: newRight.hash)
        default:
            return .internal(left: newLeft.hash, right: newRight.hash)
        }
    }

    private enum Child {
        case empty
        /// The updated child and its place in the log.
        case node(TreeNode, place: Int)
        case unchanged(Hash32, NodePath)

        var hash: Hash32 {
            switch self {
            case .empty: return .zero
            case let .node(node, _): return node.hash
            case let .unchanged(hash, _): return hash
            }
        }
    }

    /// The child after the update. An untouched child is not read: its hash is already in the parent.
    private mutating func child(at path: NodePath, hash: Hash32, updates: ArraySlice<Update>) throws(StateReadError) -> Child {
        if updates.isEmpty { return hash == .zero ? .empty : .unchanged(hash, path) }
        var current: TreeNode? = nil
        if hash != .zero {
            current = try reader.treeNode(at: path)
            if current == nil {
                throw StateReadError("state tree node missing at depth \(path.depth): the database is inconsistent")
            }
        }
        let place = log.reserve(path)
        guard let node = try updateSubtree(at: path, place: place, current: current, updates: updates) else { return .empty }
        return .node(node, place: place)
    }

    /// Builds a fresh subtree at `path` from sorted entries, recording every node it creates below `path` (the caller
    /// records `path` itself) in ascending key order: `buildSubtree` makes them in descending order.
    private mutating func build(at path: NodePath, entries: ArraySlice<(Hash32, Hash32)>) -> TreeNode? {
        var made: [(NodePath, TreeNode)] = []
        let node = Self.buildSubtree(at: path, entries: entries) { nodePath, node in
            if nodePath != path { made.append((nodePath, node)) }
        }
        for (nodePath, node) in made.reversed() { log.write(nodePath, node) }
        return node
    }

    // MARK: - Bulk build

    /// The root hash of a tree built from nothing out of `entries` (key hash, value hash; sorted by key, keys distinct),
    /// handing `emit` each node as it is made: children before parents, right before left, which is descending key
    /// order (keys sort a parent before its children, left before right). These are exactly the nodes `update` writes
    /// into an empty tree.
    public static func build<E: Error>(
        sorted entries: ArraySlice<(Hash32, Hash32)>, emit: (NodePath, TreeNode) throws(E) -> Void
    ) throws(E) -> Hash32 {
        try buildSubtree(at: .root, entries: entries, emit: emit)?.hash ?? .zero
    }

    /// `build` for a bulk load (a large genesis), which stores nodes as they come rather than holding two per entry
    /// until the end (gigabytes at 10⁷ entries) and wants them in key order, so that each one appends. Each subtree of at
    /// most `batch` entries is built in memory, two at a time on two cores, and its nodes emitted in key order, left
    /// subtree before right; the nodes above those subtrees can only be made after their children, and come last, in
    /// key order.
    public static func buildInKeyOrder<E: Error>(
        sorted entries: ArraySlice<(Hash32, Hash32)>, batch: Int, emit: (NodePath, TreeNode) throws(E) -> Void
    ) throws(E) -> Hash32 {
        try buildInKeyOrder(sorted: entries, batch: batch, prepare: { $1 }) { nodes throws(E) in
            for (path, node) in nodes { try emit(path, node) }
        }
    }

    /// `buildInKeyOrder`, handing over each subtree's nodes (in key order) through `prepare` with the subtree's path,
    /// which runs on the core that built them: a store encodes and checksums them there, so that the thread that writes
    /// only writes. The nodes above the subtrees come last, with no path.
    public static func buildInKeyOrder<Prepared: Sendable, E: Error>(
        sorted entries: ArraySlice<(Hash32, Hash32)>, batch: Int,
        prepare: @Sendable (_ subtree: NodePath?, _ nodes: [(path: NodePath, node: TreeNode)]) -> Prepared,
        emit: (Prepared) throws(E) -> Void
    ) throws(E) -> Hash32 {
        let batch = max(1, batch)
        let batches = subtrees(of: entries, at: .root, batch: batch)
        var roots: [TreeNode?] = []
        roots.reserveCapacity(batches.count)
        for group in stride(from: 0, to: batches.count, by: 2) {
            let built = ParallelMap.map(count: min(2, batches.count - group), threshold: 2) { offset in
                let (path, range) = batches[group + offset]
                var nodes: [(path: NodePath, node: TreeNode)] = []
                let root = buildSubtree(at: path, entries: entries[range]) { path, node in nodes.append((path, node)) }
                nodes.reverse()
                return (root: root, prepared: prepare(path, nodes))
            }
            for (root, prepared) in built {
                try emit(prepared)
                roots.append(root)
            }
        }
        var above: [(path: NodePath, node: TreeNode)] = []
        var next = roots.startIndex
        // The same descent as `subtrees`, meeting the subtrees in the same order.
        func combine(at path: NodePath, entries: ArraySlice<(Hash32, Hash32)>) -> TreeNode? {
            guard entries.count > batch else {
                defer { next += 1 }
                return roots[next]
            }
            let split = firstRight(of: entries, depth: path.depth)
            let left = combine(at: path.child(0), entries: entries[..<split])
            let right = combine(at: path.child(1), entries: entries[split...])
            let node = TreeNode.internal(left: left?.hash ?? .zero, right: right?.hash ?? .zero)
            above.append((path, node))
            return node
        }
        let root = combine(at: .root, entries: entries)
        above.sort { $0.path < $1.path }
        if !above.isEmpty { try emit(prepare(nil, above)) }
        return root?.hash ?? .zero
    }

    /// The subtrees of at most `batch` entries that `buildInKeyOrder` builds whole, in key order.
    private static func subtrees(
        of entries: ArraySlice<(Hash32, Hash32)>, at path: NodePath, batch: Int
    ) -> [(path: NodePath, range: Range<Int>)] {
        guard entries.count > batch else { return [(path, entries.indices)] }
        let split = firstRight(of: entries, depth: path.depth)
        return subtrees(of: entries[..<split], at: path.child(0), batch: batch)
            + subtrees(of: entries[split...], at: path.child(1), batch: batch)
    }

    private static func buildSubtree<E: Error>(
        at path: NodePath, entries: ArraySlice<(Hash32, Hash32)>, emit: (NodePath, TreeNode) throws(E) -> Void
    ) throws(E) -> TreeNode? {
        guard let first = entries.first else { return nil }
        let node: TreeNode
        if entries.count == 1 {
            node = .leaf(key: first.0, valueHash: first.1)
        } else {
            let split = firstRight(of: entries, depth: path.depth)
            let right = try buildSubtree(at: path.child(1), entries: entries[split...], emit: emit)
            let left = try buildSubtree(at: path.child(0), entries: entries[..<split], emit: emit)
            node = .internal(left: left?.hash ?? .zero, right: right?.hash ?? .zero)
        }
        try emit(path, node)
        return node
    }

    /// The first entry whose key has bit `depth` set. The entries share their first `depth` bits and are sorted, so
    /// the bit reads 0…0 1…1 along them: a binary search (a scan would read each key once a level, 2·10⁸ times for a
    /// genesis of 10⁷ accounts).
    private static func firstRight(of entries: ArraySlice<(Hash32, Hash32)>, depth: Int) -> Int {
        var (low, high) = (entries.startIndex, entries.endIndex)
        while low < high {
            let middle = low + (high - low) / 2
            if entries[middle].0.bit(depth) == 1 { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Fills the place reserved for a visited path: each is visited once per update, and nothing below writes it, so
    /// a node that neither existed nor was created needs no write.
    private mutating func record(_ place: Int, _ node: TreeNode?, hadNode: Bool) {
        if node != nil || hadNode { log.fill(place, node) }
    }

    private static func entry(_ update: Update) -> (Hash32, Hash32)? {
        update.valueHash.map { (update.key, $0) }
    }
}
