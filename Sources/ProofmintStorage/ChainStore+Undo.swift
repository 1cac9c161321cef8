import ProofmintCore

/// Undo records (reth's changesets, kept only while a devnet snapshot exists): a block's commit also writes, in the same
/// write transaction, the value every `state` key and `tree` group it writes had before, so `revert(to:)` can walk back
/// from the head in time proportional to the writes since the snapshot, not to the chain.
extension ChainStore {
    /// Writes block `height`'s undo record if any snapshot exists; call it inside the block's write transaction before
    /// its writes are applied. `stateWrites` and `treeNodes` are the outcome's writes; only their keys are read (a
    /// tree node's, to find its group: `TreeGroup`). Without snapshots it costs one cursor seek in `meta`.
    func captureUndo(
        _ txn: LMDBTransaction, height: UInt64, stateWrites: [(key: StateKey, value: Bytes?)], treeNodes: [(path: NodePath, node: TreeNode?)]
    ) throws(LMDBError) {
        guard try Self.hasSnapshots(txn, tables: tables) else { return }
        var entries = [UndoRecord.Entry]()
        entries.reserveCapacity(stateWrites.count + treeNodes.count)
        for (key, _) in stateWrites {
            entries.append(UndoRecord.Entry(target: .state, key: key.bytes, previous: try txn.get(tables[.state], key.bytes)))
        }
        for top in TreeGroupWriter.tops(of: treeNodes) {
            let key = top.storageKey
            entries.append(UndoRecord.Entry(target: .tree, key: key, previous: try txn.get(tables[.tree], key)))
        }
        try txn.put(tables[.undo], height.bigEndianBytes, UndoRecord(entries: entries).bytes)
    }

    /// Puts back the `state` and `tree` entries block `height` changed and removes its undo record; refuses when the
    /// record is missing (the block was committed while no snapshot existed, or by a build without undo records).
    func undoBlock(_ txn: LMDBTransaction, height: UInt64) throws(StorageError) {
        let key = height.bigEndianBytes
        let context = "reading the undo record of block \(height)"
        guard let bytes = try wrap(context, path: path, { () throws(LMDBError) in try txn.get(tables[.undo], key) }) else {
            throw .cannotRevert(path: path, detail: "block \(height) has no undo record (it was committed by a build without snapshots)")
        }
        let record: UndoRecord
        do { record = try UndoRecord(bytes) } catch { throw corruptRecord(.undo, "undo of height \(height)", "it does not decode: \(error)") }
        try wrap("undoing block \(height)", path: path) { () throws(LMDBError) in
            for entry in record.entries {
                let table = tables[entry.target.table]
                if let previous = entry.previous { try txn.put(table, entry.key, previous) } else { try txn.delete(table, entry.key) }
            }
            try txn.delete(tables[.undo], key)
        }
    }

    /// Deletes the undo records no snapshot needs: those at or below the oldest snapshot's height (all of them when
    /// none is left). Cost: the records removed, plus one seek.
    func pruneUndo(_ txn: LMDBTransaction, oldestSnapshot: UInt64?) throws(StorageError) {
        var stale = [Bytes]()
        try scanTable(txn, .undo, "pruning undo records") { key in
            guard let oldestSnapshot, let height = UInt64(bigEndianBytes: key), height > oldestSnapshot else {
                stale.append(key)
                return true
            }
            return false
        }
        try wrap("pruning undo records", path: path) { () throws(LMDBError) in
            for key in stale { try txn.delete(tables[.undo], key) }
        }
    }

    /// How many undo records are kept and their bytes (checksums included): what keeping snapshots costs on disk.
    public func undoFootprint() throws(StorageError) -> (records: Int, bytes: Int) {
        // A home opened read-only that never had the table: nothing is kept (and there is no handle to scan).
        guard tables.contains(.undo) else { return (0, 0) }
        return try environment.read(beginFailed: { .lmdb($0, context: "measuring undo records") }) { txn throws(StorageError) in
            var records = 0, bytes = 0
            do {
                try txn.scanRaw(tables[.undo].dbi) { _, stored in
                    records += 1
                    bytes += stored.count
                    return true
                }
            } catch {
                throw .lmdb((error as? LMDBError) ?? .badTransaction, context: "measuring undo records")
            }
            return (records, bytes)
        }
    }

    /// Whether any snapshot is stored: one seek to the first `snapshot/` key in `meta`.
    static func hasSnapshots(_ txn: LMDBTransaction, tables: Tables) throws(LMDBError) -> Bool {
        var found = false
        do {
            try txn.scan(tables[.meta], from: ChainSnapshot.keyPrefix) { key, _ in
                found = key.starts(with: ChainSnapshot.keyPrefix)
                return false
            }
        } catch {
            throw (error as? LMDBError) ?? .badTransaction
        }
        return found
    }

    /// Visits the keys of `table` in order until `body` returns false; its values' checksums are checked on the way.
    func scanTable(_ txn: LMDBTransaction, _ table: Table, _ context: String, from start: Bytes? = nil, _ body: (Bytes) -> Bool) throws(StorageError) {
        do {
            try txn.scan(tables[table], from: start) { key, _ in body(key) }
        } catch {
            throw StorageError((error as? LMDBError) ?? .badTransaction, context: context, path: path)
        }
    }
}
