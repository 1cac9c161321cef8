/// What a tree reader found at the group it read last on each level of groups (`TreeGroup`). A tree update reads its
/// nodes in key order (a node, its left subtree, its right) and a proof reads one path, so each group is looked up once
/// where its nodes are visited, not once a node. Both stores use it: a snapshot of LMDB remembers decoded records, the
/// in-memory store where a group's places are.
public struct GroupReadMemory<Value> {
    @usableFromInline var levels: [(top: NodePath, value: Value)?] = []

    public init() {}

    /// What `top`'s group holds, remembered or from `load`.
    @inlinable
    public mutating func value<E: Error>(at top: NodePath, load: (NodePath) throws(E) -> Value) throws(E) -> Value {
        let level = top.depth / TreeGroup.levels
        if level < levels.count, let last = levels[level], last.top == top { return last.value }
        let value = try load(top)
        if level >= levels.count { levels.append(contentsOf: repeatElement(nil, count: level + 1 - levels.count)) }
        levels[level] = (top, value)
        return value
    }

    /// Forgets everything, for a reader whose groups are about to change.
    @inlinable
    public mutating func forget() { levels.removeAll(keepingCapacity: true) }
}
