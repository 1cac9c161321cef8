/// A state store in memory that applies outcomes exactly as the LMDB store does: the state transition computes
/// every value and tree node, a store only keeps them. The simulation and the unit tests of the pure core use it;
/// the node uses LMDB (ProofmintStorage). Not thread-safe: one owner at a time.
public final class MemoryStateStore: StateReader, @unchecked Sendable {
    public private(set) var values: [StateKey: Bytes] = [:]
    /// The tree's nodes, four levels a group (`TreeGroup`): group `g`'s place `p` is `slots[15·g + p]`, and
    /// `groupOf` finds a group by its top. A block's writes and a tree update's reads are then a quarter as many
    /// lookups as with a node an entry (which were most of a replay's time beside its signature checks), and nothing
    /// of a group is reference-counted.
    private var slots: [TreeNode?] = []
    private var filled: [UInt16] = []
    private var groupOf = GroupTable()
    /// Groups emptied by deletions, for the next new ones.
    private var freeGroups: [Int] = []
    /// The group read last at each level (−1: none there), so a tree update looks a group up once where its nodes are
    /// visited. Emptied by every write.
    private var lastRead = GroupReadMemory<Int>()
    /// The last committed header (nil before genesis).
    public private(set) var head: BlockHeader?

    public init() {}

    /// A store holding the genesis state of `genesis`.
    public convenience init(genesis: Genesis) throws(StateReadError) {
        self.init()
        commit(genesis.genesisBlock().outcome)
    }

    /// Every node of the tree, by path: for tests and checks (it lists every group).
    public var nodes: [NodePath: TreeNode] {
        var nodes = [NodePath: TreeNode](minimumCapacity: groupOf.count * 2)
        groupOf.forEach { top, group in
            for place in 0..<TreeGroup.places {
                if let node = slots[group * TreeGroup.places + place] { nodes[TreeGroup.path(of: place, under: top)] = node }
            }
        }
        return nodes
    }

    public func value(for key: StateKey) throws(StateReadError) -> Bytes? { values[key] }

    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? {
        let group = lastRead.value(at: TreeGroup.top(of: path)) { groupOf.group(at: $0) ?? -1 }
        return group < 0 ? nil : slots[group * TreeGroup.places + TreeGroup.place(of: path)]
    }

    /// Applies a block's (or genesis's) state and tree writes (nil deletes) and makes its header the head.
    public func commit(_ outcome: BlockOutcome) {
        apply(writes: outcome.stateWrites, treeNodes: outcome.treeNodes)
        head = outcome.header
    }

    /// Applies state and tree writes that did not come from a block (records planted by a test, or the effects of
    /// a state-transition entry point called directly); the head is unchanged.
    public func apply(writes: [(key: StateKey, value: Bytes?)], treeNodes: [(path: NodePath, node: TreeNode?)]) {
        for (key, value) in writes { values[key] = value }
        lastRead.forget()
        let tops = treeNodes.map { TreeGroup.top(of: $0.path) }
        let (order, ends) = TreeGroup.runs(of: tops)
        var start = 0
        for end in ends {
            let top = tops[order[start]]
            let group = groupOf.group(at: top) ?? newGroup(at: top)
            for index in order[start..<end] {
                let place = TreeGroup.place(of: treeNodes[index].path)
                slots[group * TreeGroup.places + place] = treeNodes[index].node
                if treeNodes[index].node == nil { filled[group] &= ~(1 << place) } else { filled[group] |= 1 << place }
            }
            if filled[group] == 0 {
                groupOf.remove(at: top)
                freeGroups.append(group)
            }
            start = end
        }
    }

    /// An empty group for `top`: one emptied before, or new room at the end.
    private func newGroup(at top: NodePath) -> Int {
        let group: Int
        if let free = freeGroups.popLast() {
            group = free
        } else {
            group = filled.count
            filled.append(0)
            slots.append(contentsOf: repeatElement(nil, count: TreeGroup.places))
        }
        groupOf.set(group, at: top)
        return group
    }
}
