import ProofmintCore

/// The group a snapshot read last at each level of groups. A tree update reads its nodes in key order (a node, then its
/// left subtree, then its right) and a proof reads one path, so each group is read from LMDB, and its whole record
/// checksummed, once where its nodes are visited rather than once for each of them. Used by one snapshot, on the thread
/// that reads through it (as its LMDB read transaction is).
final class TreeGroupCache {
    private var levels: [(top: NodePath, group: TreeGroup?)?] = []

    /// The group at `top` (nil: no record), from the cache or from `load`.
    func group(at top: NodePath, load: (NodePath) throws(StateReadError) -> TreeGroup?) throws(StateReadError) -> TreeGroup? {
        let level = top.depth / TreeGroup.levels
        if level < levels.count, let cached = levels[level], cached.top == top { return cached.group }
        let group = try load(top)
        if level >= levels.count { levels.append(contentsOf: repeatElement(nil, count: level + 1 - levels.count)) }
        levels[level] = (top, group)
        return group
    }
}
