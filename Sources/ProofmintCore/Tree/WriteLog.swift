/// The node writes of one tree update, appended as the recursion makes them. Sorting once at the end (by path, then
/// by order of writing) and keeping each path's last write replaces a dictionary updated on every node: hashing a
/// path per write cost more than the node hashes themselves.
struct WriteLog {
    private var paths: [NodePath] = []
    private var nodes: [TreeNode?] = []

    mutating func write(_ path: NodePath, _ node: TreeNode?) {
        paths.append(path)
        nodes.append(node)
    }

    /// Each written path once, with its last write (nil deletes), in storage-key order.
    func sortedLastWrites() -> [(path: NodePath, node: TreeNode?)] {
        var order = Array(paths.indices)
        paths.withUnsafeBufferPointer { paths in
            order.sort { paths[$0] == paths[$1] ? $0 < $1 : paths[$0] < paths[$1] }
        }
        var result: [(path: NodePath, node: TreeNode?)] = []
        result.reserveCapacity(order.count)
        for (position, index) in order.enumerated() {
            let next = position + 1 < order.count ? order[position + 1] : nil
            if let next, paths[next] == paths[index] { continue }
            result.append((path: paths[index], node: nodes[index]))
        }
        return result
    }
}
