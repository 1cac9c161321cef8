import ProofmintCore

/// Stores tree node changes (a block's, or the genesis's nodes that no single subtree holds) as `TreeGroup` records: each
/// group they touch is read, changed and written back once, in key order, and deleted when nothing is left in it.
enum TreeGroupWriter {
    private static let nodeLength = TreeNode.canonicalLength
    private static let keyLength = NodePath.storageKeyLength

    /// Applies `nodes` (nil deletes; at most one change a path) to the `tree` table.
    static func write(_ nodes: [(path: NodePath, node: TreeNode?)], txn: LMDBTransaction, table: TableHandle) throws(LMDBError) {
        let tops = nodes.map { TreeGroup.top(of: $0.path) }
        let (order, ends) = TreeGroup.runs(of: tops)
        // The stored group, spread out a place a node, then changed, then packed into the record: all on the stack.
        try withUnsafeTemporaryAllocation(byteCount: keyLength + 2 * TreeGroup.maximumLength, alignment: 8) { buffer throws(LMDBError) in
            let key = UnsafeMutableRawBufferPointer(rebasing: buffer[..<keyLength])
            let spread = UnsafeMutableRawBufferPointer(rebasing: buffer[keyLength..<(keyLength + TreeGroup.maximumLength)])
            let record = UnsafeMutableRawBufferPointer(rebasing: buffer[(keyLength + TreeGroup.maximumLength)...])
            var start = 0
            for end in ends {
                tops[order[start]].writeStorageKey(into: key)
                var present = try read(UnsafeRawBufferPointer(key), into: spread, txn: txn, table: table)
                let stored = present != 0
                for index in order[start..<end] {
                    let place = TreeGroup.place(of: nodes[index].path)
                    if let node = nodes[index].node {
                        node.writeCanonicalBytes(into: UnsafeMutableRawBufferPointer(rebasing: spread[(place * nodeLength)...]))
                        present |= 1 << place
                    } else {
                        present &= ~(1 << place)
                    }
                }
                start = end
                if present == 0 {
                    if stored { try txn.delete(table, key: UnsafeRawBufferPointer(key)) }
                    continue
                }
                let length = pack(present, from: UnsafeRawBufferPointer(spread), into: record)
                try txn.put(table, key: UnsafeRawBufferPointer(key), value: UnsafeRawBufferPointer(rebasing: record[..<length]))
            }
        }
    }

    /// The tops of the groups that `nodes` change, each once, in key order: the records a block's undo keeps.
    static func tops(of nodes: [(path: NodePath, node: TreeNode?)]) -> [NodePath] {
        let tops = nodes.map { TreeGroup.top(of: $0.path) }
        let (order, ends) = TreeGroup.runs(of: tops)
        return ends.indices.map { tops[order[$0 == 0 ? 0 : ends[$0 - 1]]] }
    }

    /// Spreads the stored group at `key` into `spread` (place `p` at `65·p`) and returns its places (0: none stored);
    /// a record that is not a group is a damaged one.
    private static func read(
        _ key: UnsafeRawBufferPointer, into spread: UnsafeMutableRawBufferPointer, txn: LMDBTransaction, table: TableHandle
    ) throws(LMDBError) -> UInt16 {
        let present = try txn.withValue(table, key: key) { record -> UInt16? in
            guard let present = TreeGroup.places(ofRecord: record) else { return nil }
            var offset = 2
            for place in 0..<TreeGroup.places where present >> place & 1 == 1 {
                UnsafeMutableRawBufferPointer(rebasing: spread[(place * nodeLength)..<((place + 1) * nodeLength)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: record[offset..<(offset + nodeLength)]))
                offset += nodeLength
            }
            return present
        }
        guard let present else { return 0 }
        guard let present else {
            throw .inconsistentRecord(table: Table.tree.rawValue, key: Table.tree.describe(key: Bytes(key)), detail: TreeGroup.malformed)
        }
        return present
    }

    /// Writes the record of the places `present` of `spread` into `record`; returns its length.
    private static func pack(_ present: UInt16, from spread: UnsafeRawBufferPointer, into record: UnsafeMutableRawBufferPointer) -> Int {
        record[0] = UInt8(present >> 8)
        record[1] = UInt8(present & 0xff)
        var offset = 2
        for place in 0..<TreeGroup.places where present >> place & 1 == 1 {
            UnsafeMutableRawBufferPointer(rebasing: record[offset..<(offset + nodeLength)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: spread[(place * nodeLength)..<((place + 1) * nodeLength)]))
            offset += nodeLength
        }
        return offset
    }
}
