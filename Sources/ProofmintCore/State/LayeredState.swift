/// Block outcomes not yet committed, layered over a committed state. Outcome writes are absolute values, so
/// layering an outcome over a state that already contains it changes nothing: this lets block N+1 execute
/// while block N is still being written.
public final class LayeredState: StateReader {
    private let base: any StateReader
    private var values: [StateKey: Bytes?] = [:]
    private var nodes: [NodePath: TreeNode?] = [:]

    public init(base: any StateReader, outcomes: [BlockOutcome] = []) {
        self.base = base
        for outcome in outcomes { apply(outcome) }
    }

    public func value(for key: StateKey) throws(StateReadError) -> Bytes? {
        if let layered = values[key] { return layered }
        return try base.value(for: key)
    }

    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? {
        if let layered = nodes[path] { return layered }
        return try base.treeNode(at: path)
    }

    /// Lays `outcome`'s writes over everything below.
    public func apply(_ outcome: BlockOutcome) {
        for (key, value) in outcome.stateWrites { values[key] = .some(value) }
        for (path, node) in outcome.treeNodes { nodes[path] = .some(node) }
    }
}
