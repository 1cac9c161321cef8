import ProofmintCore

/// Four levels of the state tree kept as one `tree` record (schema 9), as the Jellyfish Merkle tree keeps sixteen
/// children in one node: a changed key's path rewrites about five records at 10⁶ accounts instead of twenty, and the
/// table holds fewer, larger records, so a block dirties fewer pages and a path is read in fewer seeks. Only storage
/// changes: the nodes, their hashes and the root are the binary tree's (PROTOCOL §7).
///
/// A group is keyed by the path of its top (`NodePath.storageKey`; the top's depth is a multiple of four) and holds the
/// nodes at the top's depth and the three below it under that path, in 15 places: the node `r` levels below the top whose
/// next `r` path bits read `b` is at place `2^r − 1 + b`. The record is a big-endian u16 with bit `p` set for each place
/// `p` that holds a node (bit 15 clear, never all clear), then each node's 65-byte encoding, in place order.
struct TreeGroup: Equatable {
    static let levels = 4
    static let places = 15
    private static let nodeLength = TreeNode.canonicalLength
    /// The longest record: every place filled.
    static let maximumLength = 2 + places * nodeLength
    /// What is wrong with a record that does not decode, for a corrupt-record error.
    static let malformed = "it is not a group of tree nodes (a u16 of places, then 65 bytes a node)"

    /// Bit `p` set when place `p` holds a node.
    private var present: UInt16 = 0
    private var nodes = [TreeNode?](repeating: nil, count: places)

    init() {}

    /// Decodes a stored record (its checksum already checked and removed); nil unless it is exactly as described above.
    init?(record: UnsafeRawBufferPointer) {
        guard let present = Self.places(ofRecord: record) else { return nil }
        var offset = 2
        for place in 0..<Self.places where present >> place & 1 == 1 {
            let encoding = UnsafeRawBufferPointer(rebasing: record[offset..<(offset + Self.nodeLength)])
            guard let node = TreeNode(canonicalRaw: encoding) else { return nil }
            nodes[place] = node
            offset += Self.nodeLength
        }
        self.present = present
    }

    /// The places a record holds, nil unless it is exactly as described above (each node's tag known).
    static func places(ofRecord record: UnsafeRawBufferPointer) -> UInt16? {
        guard record.count >= 2 else { return nil }
        let present = UInt16(record[0]) << 8 | UInt16(record[1])
        guard present != 0, present >> Self.places == 0, record.count == 2 + present.nonzeroBitCount * Self.nodeLength else {
            return nil
        }
        for offset in stride(from: 2, to: record.count, by: Self.nodeLength) {
            guard TreeNode(canonicalRaw: UnsafeRawBufferPointer(rebasing: record[offset..<(offset + Self.nodeLength)])) != nil else {
                return nil
            }
        }
        return present
    }

    /// The top of the group that holds `path`.
    static func top(of path: NodePath) -> NodePath { path.ancestor(atDepth: path.depth - path.depth % levels) }

    /// Where `path` sits in its group.
    static func place(of path: NodePath) -> Int {
        let below = path.depth % levels
        return (1 << below) - 1 + path.bits(from: path.depth - below, count: below)
    }

    /// The path of `place` in the group whose top is `top`.
    static func path(of place: Int, under top: NodePath) -> NodePath {
        let below = (place + 1).bitWidth - 1 - (place + 1).leadingZeroBitCount
        let bits = place + 1 - (1 << below)
        var path = top
        for level in stride(from: below - 1, through: 0, by: -1) { path = path.child(UInt8(bits >> level & 1)) }
        return path
    }

    subscript(place: Int) -> TreeNode? {
        get { nodes[place] }
        set {
            nodes[place] = newValue
            if newValue == nil { present &= ~(1 << place) } else { present |= 1 << place }
        }
    }

    var isEmpty: Bool { present == 0 }
    var count: Int { present.nonzeroBitCount }
    var encodedLength: Int { 2 + count * Self.nodeLength }

    /// Writes the record into the first `encodedLength` bytes of `buffer`.
    func encode(into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count >= encodedLength, "a tree group of \(count) nodes needs \(encodedLength) bytes")
        buffer[0] = UInt8(present >> 8)
        buffer[1] = UInt8(present & 0xff)
        var offset = 2
        for case let node? in nodes {
            node.writeCanonicalBytes(into: UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + Self.nodeLength)]))
            offset += Self.nodeLength
        }
    }

    /// Every node with its path, in place order.
    func nodes(under top: NodePath) -> [(path: NodePath, node: TreeNode)] {
        (0..<Self.places).compactMap { place in nodes[place].map { (Self.path(of: place, under: top), $0) } }
    }
}
