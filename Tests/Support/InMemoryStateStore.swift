import ProofmintCore

/// A state store in memory, for unit tests of the pure core: it applies outcomes exactly as the LMDB store does.
public final class InMemoryStateStore: StateReader, @unchecked Sendable {
    public private(set) var values: [StateKey: Bytes] = [:]
    public private(set) var nodes: [NodePath: TreeNode] = [:]
    public private(set) var head: BlockHeader?

    public init() {}

    /// A store holding the genesis state of `genesis`.
    public convenience init(genesis: Genesis) throws {
        self.init()
        let (_, outcome) = try genesis.genesisBlock()
        commit(outcome)
    }

    public func value(for key: StateKey) throws(StateReadError) -> Bytes? { values[key] }

    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? { nodes[path] }

    public func commit(_ outcome: BlockOutcome) {
        apply(writes: outcome.stateWrites, treeNodes: outcome.treeNodes)
        head = outcome.header
    }

    /// Applies state and tree writes that did not come from a block (records planted by a test, or the effects of
    /// a state-transition entry point called directly); the head is unchanged.
    public func apply(writes: [(key: StateKey, value: Bytes?)], treeNodes: [(path: NodePath, node: TreeNode?)]) {
        for (key, value) in writes { values[key] = value }
        for (path, node) in treeNodes { nodes[path] = node }
    }
}
