/// A state store in memory that applies outcomes exactly as the LMDB store does: the state transition computes
/// every value and tree node, a store only keeps them. The simulation and the unit tests of the pure core use it;
/// the node uses LMDB (ProofmintStorage). Not thread-safe: one owner at a time.
public final class MemoryStateStore: StateReader, @unchecked Sendable {
    public private(set) var values: [StateKey: Bytes] = [:]
    public private(set) var nodes: [NodePath: TreeNode] = [:]
    /// The last committed header (nil before genesis).
    public private(set) var head: BlockHeader?

    public init() {}

    /// A store holding the genesis state of `genesis`.
    public convenience init(genesis: Genesis) throws(StateReadError) {
        self.init()
        commit(genesis.genesisBlock().outcome)
    }

    public func value(for key: StateKey) throws(StateReadError) -> Bytes? { values[key] }

    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? { nodes[path] }

    /// Applies a block's (or genesis's) state and tree writes (nil deletes) and makes its header the head.
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
