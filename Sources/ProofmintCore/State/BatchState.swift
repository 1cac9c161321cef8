/// Several blocks' outcomes merged over a committed state, so a run of blocks can be executed one after another and
/// written in one commit (`pm_mine`'s fast path). Unlike `LayeredState`, which searches each outcome in turn, a read
/// here is one hash lookup however many blocks are merged; and the merged writes are what the commit writes, each key
/// once, with its final value.
public final class BatchState: StateReader {
    private let base: any StateReader
    private var values: [StateKey: Bytes?] = [:]
    private var nodes: [NodePath: TreeNode?] = [:]

    public init(base: any StateReader) { self.base = base }

    public func value(for key: StateKey) throws(StateReadError) -> Bytes? {
        if let merged = values[key] { return merged }
        return try base.value(for: key)
    }

    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? {
        if let merged = nodes[path] { return merged }
        return try base.treeNode(at: path)
    }

    /// Lays `outcome`'s writes over everything merged so far (later writes win, as committing in order would).
    public func merge(_ outcome: BlockOutcome) {
        for (key, value) in outcome.stateWrites { values[key] = .some(value) }
        for (path, node) in outcome.treeNodes { nodes[path] = .some(node) }
    }

    /// The net writes of every merged block, sorted by key as a `BlockOutcome`'s are (the order a commit writes in).
    public var stateWrites: [(key: StateKey, value: Bytes?)] {
        values.map { (key: $0.key, value: $0.value) }.sorted { $0.key < $1.key }
    }

    /// The net tree node writes of every merged block, sorted by path.
    public var treeNodes: [(path: NodePath, node: TreeNode?)] {
        nodes.map { (path: $0.key, node: $0.value) }.sorted { $0.path < $1.path }
    }
}
