import ProofmintCore

/// Named devnet snapshots and the revert to one (issue 16 point 2). A snapshot is one `meta` entry (O(1)); while one
/// exists every commit also writes an undo record (`ChainStore+Undo.swift`), and a revert applies those records from the
/// head down in one write transaction, checking the stored tree's root against the snapshot block's before it commits.
extension ChainStore {
    /// Names the current head `name` (replacing a snapshot of that name) and returns it.
    @discardableResult
    public func takeSnapshot(named name: String) throws(StorageError) -> ChainSnapshot {
        try ChainSnapshot.checkName(name)
        return try writeChecked("taking snapshot \(name)") { txn throws(StorageError) in
            let (height, _) = try Self.readHeadPointer(txn, tables: tables, path: path)
            let header = try Self.readBlock(txn, tables: tables, height: height, path: path).header
            let snapshot = ChainSnapshot(name: name, height: height, blockHash: header.hash, stateRoot: header.stateRoot)
            try wrap("storing snapshot \(name)", path: path) { () throws(LMDBError) in
                try txn.put(tables[.meta], ChainSnapshot.key(name), snapshot.value)
            }
            try pruneUndo(txn, oldestSnapshot: try storedSnapshots(txn).map(\.height).min())
            return snapshot
        }
    }

    /// Every stored snapshot, oldest first (by height, then name).
    public func snapshots() throws(StorageError) -> [ChainSnapshot] {
        try environment.read(beginFailed: { .lmdb($0, context: "listing snapshots") }) { txn throws(StorageError) in try storedSnapshots(txn) }
    }

    /// Deletes the snapshot `name` and the undo records only it needed; returns it.
    @discardableResult
    public func deleteSnapshot(named name: String) throws(StorageError) -> ChainSnapshot {
        try ChainSnapshot.checkName(name)
        return try writeChecked("deleting snapshot \(name)") { txn throws(StorageError) in
            var snapshots = try storedSnapshots(txn)
            guard let index = snapshots.firstIndex(where: { $0.name == name }) else {
                throw .unknownSnapshot(name: name, known: snapshots.map(\.name))
            }
            let deleted = snapshots.remove(at: index)
            try wrap("deleting snapshot \(name)", path: path) { () throws(LMDBError) in try txn.delete(tables[.meta], ChainSnapshot.key(name)) }
            try pruneUndo(txn, oldestSnapshot: snapshots.map(\.height).min())
            return deleted
        }
    }

    /// Returns the chain to the snapshot `name` in one write transaction: the state and tree entries of every block
    /// above it are put back from their undo records, those blocks, their index entries, receipts and transaction index
    /// entries are deleted, the head is set to the snapshot's block, and the snapshots above it are forgotten (`name`
    /// stays, to revert to again). The stored tree's root must equal the snapshot block's state root, or nothing is
    /// committed. Cost: proportional to the blocks and writes since the snapshot, not to the chain.
    public func revert(to name: String) throws(StorageError) -> RevertOutcome {
        try ChainSnapshot.checkName(name)
        recentBlocks.forgetAll()
        let outcome = try writeChecked("reverting to snapshot \(name)") { txn throws(StorageError) -> RevertOutcome in
            let snapshots = try storedSnapshots(txn)
            guard let target = snapshots.first(where: { $0.name == name }) else {
                throw .unknownSnapshot(name: name, known: snapshots.map(\.name))
            }
            let (head, _) = try Self.readHeadPointer(txn, tables: tables, path: path)
            guard head >= target.height else {
                throw .cannotRevert(path: path, detail: "the head \(head) is below the snapshot's height \(target.height)")
            }
            var height = head
            while height > target.height {
                try undoBlock(txn, height: height)
                try removeBlock(txn, height: height)
                height -= 1
            }
            let header = try setHead(txn, to: target)
            let forgotten = snapshots.filter { $0.height > target.height }
            try wrap("forgetting later snapshots", path: path) { () throws(LMDBError) in
                for snapshot in forgotten { try txn.delete(tables[.meta], ChainSnapshot.key(snapshot.name)) }
            }
            try pruneUndo(txn, oldestSnapshot: snapshots.filter { $0.height <= target.height }.map(\.height).min())
            return RevertOutcome(
                snapshot: target, header: header, revertedBlocks: head - target.height, forgottenSnapshots: forgotten.map(\.name))
        }
        recentBlocks.forgetAll()
        setCachedHead(outcome.header)
        return outcome
    }

    /// Points the head at the snapshot's block after checking that it is the block the snapshot named and that the
    /// stored tree's root is its state root; returns its header.
    private func setHead(_ txn: LMDBTransaction, to target: ChainSnapshot) throws(StorageError) -> BlockHeader {
        let header = try Self.readBlock(txn, tables: tables, height: target.height, path: path).header
        guard header.hash == target.blockHash else {
            throw .cannotRevert(path: path, detail: "block \(target.height) is \(header.hash), the snapshot was taken at \(target.blockHash)")
        }
        let root: Hash32
        do {
            root = try StateSnapshot(transaction: txn, tables: tables, path: path).stateRoot()
        } catch {
            throw .cannotRevert(path: path, detail: "the state tree's root cannot be read after undoing: \(error)")
        }
        guard root == header.stateRoot, root == target.stateRoot else {
            throw .cannotRevert(
                path: path,
                detail: "after undoing the blocks above \(target.height) the state tree's root is \(root), block \(target.height) commits to "
                    + "\(header.stateRoot) (a block above it was committed without an undo record, for example by an older build)")
        }
        try wrap("moving the head", path: path) { () throws(LMDBError) in
            try txn.put(tables[.meta], MetaKey.head, target.height.bigEndianBytes + header.hash.bytes)
        }
        return header
    }

    /// Deletes block `height`, its `block_index` entry, its receipts, its transactions' `tx_index` entries and, in a
    /// home that keeps them, its explorer index entries (supply and account history).
    private func removeBlock(_ txn: LMDBTransaction, height: UInt64) throws(StorageError) {
        let block = try Self.readBlock(txn, tables: tables, height: height, path: path)
        try wrap("removing block \(height)", path: path) { () throws(LMDBError) in
            if keepsExplorerIndexes { try ExplorerIndexes.remove(forHeight: height, block: block, txn: txn, tables: tables) }
            for transaction in block.transactions { try txn.delete(tables[.transactionIndex], transaction.id.bytes) }
            try txn.delete(tables[.receipts], height.bigEndianBytes)
            try txn.delete(tables[.blockIndex], block.hash.bytes)
            try txn.delete(tables[.blocks], height.bigEndianBytes)
        }
    }

    /// The snapshots in `meta`, oldest first; a record that is not one is reported as damaged.
    func storedSnapshots(_ txn: LMDBTransaction) throws(StorageError) -> [ChainSnapshot] {
        var found = [ChainSnapshot]()
        var malformed: Bytes?
        do {
            try txn.scan(tables[.meta], from: ChainSnapshot.keyPrefix) { key, value in
                guard key.starts(with: ChainSnapshot.keyPrefix) else { return false }
                guard let snapshot = ChainSnapshot(key: key, value: value) else {
                    malformed = key
                    return false
                }
                found.append(snapshot)
                return true
            }
        } catch {
            throw StorageError((error as? LMDBError) ?? .badTransaction, context: "listing snapshots", path: path)
        }
        if let malformed { throw corruptRecord(.meta, Table.meta.describe(key: malformed), "a snapshot record is not 72 bytes") }
        return found.sorted { ($0.height, $0.name) < ($1.height, $1.name) }
    }

    /// A write transaction whose body throws `StorageError`: any error aborts it (nothing is kept) and reaches the caller
    /// unchanged; a full map still grows and the body runs again, as for a block's commit.
    func writeChecked<T>(_ context: String, _ body: (LMDBTransaction) throws(StorageError) -> T) throws(StorageError) -> T {
        var refusal: StorageError?
        do throws(LMDBError) {
            return try environment.write { (txn: LMDBTransaction) throws(LMDBError) -> T in
                refusal = nil
                do throws(StorageError) {
                    return try body(txn)
                } catch {
                    if case .lmdb(.mapFull, _) = error { throw LMDBError.mapFull }
                    refusal = error
                    throw LMDBError.badTransaction
                }
            }
        } catch {
            if let refusal { throw refusal }
            throw StorageError(error, context: context, path: path)
        }
    }
}
