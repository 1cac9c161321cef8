/// The node writes of one tree update, kept in the order of the storage keys where it can. The update reserves each
/// visited node's place before it descends (`reserve`, then `fill`), and a fresh subtree's nodes come in ascending
/// order, so the log is in key order (a parent, its left subtree, its right) except where a deletion hoists an untouched
/// leaf. Then one pass keeps each path's last write; only a log out of order is sorted (by path, then order of writing).
/// This replaces a sort of ~100,000 writes a block, which cost as much as the node hashes themselves.
struct WriteLog {
    private var paths: [NodePath] = []
    /// `nil` deletes; a place reserved and never filled (`live` false) writes nothing.
    private var nodes: [TreeNode?] = []
    private var live: [Bool] = []

    init() {}

    /// A log for about `expected` writes, so that ~100,000 node writes a block are not reallocated and copied some
    /// seventeen times as the arrays grow.
    init(expected: Int) {
        paths.reserveCapacity(expected)
        nodes.reserveCapacity(expected)
        live.reserveCapacity(expected)
    }

    /// Appends a write of `node` (nil deletes) at `path`.
    mutating func write(_ path: NodePath, _ node: TreeNode?) {
        paths.append(path)
        nodes.append(node)
        live.append(true)
    }

    /// Holds `path`'s place, before the writes below it; `fill` makes it a write. Returns the place.
    mutating func reserve(_ path: NodePath) -> Int {
        paths.append(path)
        nodes.append(nil)
        live.append(false)
        return paths.count - 1
    }

    /// Makes the reserved `place` a write of `node` (nil deletes), replacing what it held.
    mutating func fill(_ place: Int, _ node: TreeNode?) {
        nodes[place] = node
        live[place] = true
    }

    /// Each written path once, with its last write (nil deletes), in storage-key order.
    func sortedLastWrites() -> [(path: NodePath, node: TreeNode?)] {
        let order = live.indices.filter { live[$0] }
        var ascending = true
        paths.withUnsafeBufferPointer { paths in
            for position in order.indices.dropFirst() where paths[order[position]] < paths[order[position - 1]] {
                ascending = false
                break
            }
        }
        return lastWrites(in: ascending ? order : sorted(order))
    }

    /// `order` sorted by path, writes to one path kept in the order they were made.
    private func sorted(_ order: [Int]) -> [Int] {
        var order = order
        paths.withUnsafeBufferPointer { paths in
            order.sort { paths[$0] == paths[$1] ? $0 < $1 : paths[$0] < paths[$1] }
        }
        return order
    }

    /// The last write of each run of one path in `order` (sorted by path).
    private func lastWrites(in order: [Int]) -> [(path: NodePath, node: TreeNode?)] {
        var result: [(path: NodePath, node: TreeNode?)] = []
        result.reserveCapacity(order.count)
        for (position, index) in order.enumerated() {
            if position + 1 < order.count, paths[order[position + 1]] == paths[index] { continue }
            result.append((path: paths[index], node: nodes[index]))
        }
        return result
    }
}
