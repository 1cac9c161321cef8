/// Four levels of the state tree kept as one unit by the stores, as the Jellyfish Merkle tree keeps sixteen children in
/// one node: a changed key's path is about five groups at 10⁶ entries instead of twenty nodes, so a store looks up and
/// writes a quarter as many records (LMDB's `tree` table, schema 9) or table entries (`MemoryStateStore`'s
/// `GroupTable`). Only storage changes: the nodes, their hashes and the root are the binary tree's (PROTOCOL §7).
///
/// A group is keyed by the path of its top, whose depth is a multiple of four, and holds the nodes at the top's depth
/// and the three below it under that path, in 15 places: the node `r` levels below the top whose next `r` path bits
/// read `b` is at place `2^r − 1 + b`.
public struct TreeGroup: Equatable, Sendable {
    public static let levels = 4
    public static let places = 15

    /// Bit `p` set when place `p` holds a node.
    public private(set) var filled: UInt16 = 0
    private var nodes = [TreeNode?](repeating: nil, count: places)

    public init() {}

    /// The top of the group that holds `path`.
    public static func top(of path: NodePath) -> NodePath { path.ancestor(atDepth: path.depth - path.depth % levels) }

    /// Where `path` sits in its group.
    public static func place(of path: NodePath) -> Int {
        let below = path.depth % levels
        return (1 << below) - 1 + path.bits(from: path.depth - below, count: below)
    }

    /// The path of `place` in the group whose top is `top`.
    public static func path(of place: Int, under top: NodePath) -> NodePath {
        let below = (place + 1).bitWidth - 1 - (place + 1).leadingZeroBitCount
        let bits = place + 1 - (1 << below)
        var path = top
        for level in stride(from: below - 1, through: 0, by: -1) { path = path.child(UInt8(bits >> level & 1)) }
        return path
    }

    public subscript(place: Int) -> TreeNode? {
        get { nodes[place] }
        set {
            nodes[place] = newValue
            if newValue == nil { filled &= ~(1 << place) } else { filled |= 1 << place }
        }
    }

    public var isEmpty: Bool { filled == 0 }
    public var count: Int { filled.nonzeroBitCount }

    /// Every node with its path, in place order.
    public func nodes(under top: NodePath) -> [(path: NodePath, node: TreeNode)] {
        (0..<Self.places).compactMap { place in nodes[place].map { (Self.path(of: place, under: top), $0) } }
    }

    /// The indices of `tops` with each group's together and the groups in key order (`order`), and where each group's
    /// run in `order` ends. A tree update's writes come in key order, which meets a group at its top, before any node of
    /// a group below it, and never returns to it once it has left its subtree, so the groups' first appearances are
    /// already in key order and a counting pass groups them; any other order is sorted.
    public static func runs(of tops: [NodePath]) -> (order: [Int], ends: [Int]) {
        var groupOf = [Int](repeating: 0, count: tops.count)
        var groupTops: [NodePath] = []
        var open: [(top: NodePath, group: Int)?] = []
        for (index, top) in tops.enumerated() {
            let level = top.depth / levels
            if level < open.count, let current = open[level], current.top == top {
                groupOf[index] = current.group
                continue
            }
            guard groupTops.last.map({ $0 < top }) ?? true else { return sortedRuns(of: tops) }
            if level >= open.count { open.append(contentsOf: repeatElement(nil, count: level + 1 - open.count)) }
            open[level] = (top, groupTops.count)
            groupOf[index] = groupTops.count
            groupTops.append(top)
        }
        var ends = [Int](repeating: 0, count: groupTops.count)
        for group in groupOf { ends[group] += 1 }
        for group in ends.indices.dropFirst() { ends[group] += ends[group - 1] }
        var next = [0] + ends.dropLast()
        var order = [Int](repeating: 0, count: tops.count)
        for (index, group) in groupOf.enumerated() {
            order[next[group]] = index
            next[group] += 1
        }
        return (order, ends)
    }

    /// `runs` by sorting.
    private static func sortedRuns(of tops: [NodePath]) -> (order: [Int], ends: [Int]) {
        let order = tops.indices.sorted { tops[$0] == tops[$1] ? $0 < $1 : tops[$0] < tops[$1] }
        let ends = order.indices.filter { $0 + 1 == order.count || tops[order[$0 + 1]] != tops[order[$0]] }.map { $0 + 1 }
        return (order, ends)
    }
}
