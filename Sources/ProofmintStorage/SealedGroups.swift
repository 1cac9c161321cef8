import ProofmintCore

/// A genesis subtree's tree groups as the `tree` table stores them, made ready off the writing thread, on the core that
/// built the subtree: each whole group's key and sealed record (encoding ‖ checksum), back to back in one buffer, in key
/// order. The subtree's nodes whose group reaches above it (and all the nodes above every subtree) share their groups
/// with nodes made elsewhere; they are kept apart (`partial`) for `TreeGroupWriter` to merge once all are made.
struct SealedGroups: Sendable {
    private let tops: [NodePath]
    /// Where each group's record ends in `records`.
    private let ends: [Int]
    private let records: Bytes
    let partial: [(path: NodePath, node: TreeNode?)]
    /// The nodes it holds, whole groups and partial: what bounds a genesis write transaction.
    let nodeCount: Int

    /// Groups the nodes of the subtree at `subtree` (nil: the nodes above all subtrees, every one of them partial).
    init(subtree: NodePath?, nodes: [(path: NodePath, node: TreeNode)]) {
        var whole: [(top: NodePath, place: Int, node: TreeNode)] = []
        var partial: [(path: NodePath, node: TreeNode?)] = []
        whole.reserveCapacity(nodes.count)
        for (path, node) in nodes {
            let top = TreeGroup.top(of: path)
            if let subtree, top.depth >= subtree.depth {
                whole.append((top, TreeGroup.place(of: path), node))
            } else {
                partial.append((path, node))
            }
        }
        whole.sort { $0.top < $1.top }
        var tops: [NodePath] = [], ends: [Int] = [], records = Bytes()
        records.reserveCapacity(nodes.count * (TreeNode.canonicalLength + 24))
        withUnsafeTemporaryAllocation(byteCount: TreeGroup.maximumLength, alignment: 8) { encoding in
            var start = whole.startIndex
            while start < whole.endIndex {
                var group = TreeGroup()
                var end = start
                while end < whole.endIndex, whole[end].top == whole[start].top {
                    group[whole[end].place] = whole[end].node
                    end += 1
                }
                group.encode(into: encoding)
                Self.append(whole[start].top, UnsafeRawBufferPointer(rebasing: encoding[..<group.encodedLength]), to: &records)
                tops.append(whole[start].top)
                ends.append(records.count)
                start = end
            }
        }
        self.tops = tops
        self.ends = ends
        self.records = records
        self.partial = partial
        nodeCount = nodes.count
    }

    /// Appends `top`'s key and the sealed `value` to `records`, both written in place.
    private static func append(_ top: NodePath, _ value: UnsafeRawBufferPointer, to records: inout Bytes) {
        let keyStart = records.count, sealedStart = keyStart + NodePath.storageKeyLength
        records.append(contentsOf: repeatElement(0, count: NodePath.storageKeyLength + value.count + RecordChecksum.length))
        records.withUnsafeMutableBytes { raw in
            top.writeStorageKey(into: UnsafeMutableRawBufferPointer(rebasing: raw[keyStart..<sealedStart]))
            RecordChecksum.seal(
                value, table: .tree, key: UnsafeRawBufferPointer(rebasing: raw[keyStart..<sealedStart]),
                into: UnsafeMutableRawBufferPointer(rebasing: raw[sealedStart...]))
        }
    }

    /// Puts every whole group into the `tree` table (the one they were sealed for), appending those whose keys sort
    /// after every key written before.
    func put(into txn: LMDBTransaction, tables: Tables, ascending: inout AscendingKeys<NodePath>) throws(LMDBError) {
        let table = tables[.tree], keyLength = NodePath.storageKeyLength
        let failure: LMDBError? = records.withUnsafeBytes { records -> LMDBError? in
            var start = 0
            for (top, end) in zip(tops, ends) {
                let record = UnsafeRawBufferPointer(rebasing: records[start..<end])
                start = end
                do throws(LMDBError) {
                    try txn.putSealed(
                        table, key: UnsafeRawBufferPointer(rebasing: record[..<keyLength]),
                        sealed: UnsafeRawBufferPointer(rebasing: record[keyLength...]), appending: ascending.admit(top))
                } catch {
                    return error
                }
            }
            return nil
        }
        if let failure { throw failure }
    }
}
