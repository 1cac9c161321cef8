import ProofmintCore

/// The state as of one committed block, read through one LMDB read transaction.
/// Valid only inside the `ChainStore.withSnapshot` call that made it.
public struct StateSnapshot: StateReader {
    let transaction: LMDBTransaction
    let tables: Tables
    /// The database's directory, named in errors about damaged records.
    let path: String
    /// The tree groups this snapshot read last, one a level.
    let groups = TreeGroupCache()

    public func value(for key: StateKey) throws(StateReadError) -> Bytes? {
        do {
            return try transaction.get(tables[.state], key.bytes)
        } catch {
            throw failure(error, "reading \(key)")
        }
    }

    /// The node at `path`, from its group (`TreeGroup`), which is read by a key written on the stack, decoded where LMDB
    /// holds it, and kept for the reads of its other nodes (`TreeGroupCache`).
    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? {
        // A closure, not `load: readGroup`: the method reference copied the snapshot (its path string included) at
        // every node read, a cached one too.
        try groups.group(at: TreeGroup.top(of: path)) { top throws(StateReadError) in try readGroup(at: top) }?[TreeGroup.place(of: path)]
    }

    private func readGroup(at top: NodePath) throws(StateReadError) -> TreeGroup? {
        let decoded: TreeGroup??
        do {
            decoded = try withUnsafeTemporaryAllocation(
                byteCount: NodePath.storageKeyLength, alignment: 8
            ) { key throws(LMDBError) in
                top.writeStorageKey(into: key)
                return try transaction.withValue(tables[.tree], key: UnsafeRawBufferPointer(key)) { TreeGroup(record: $0) }
            }
        } catch {
            throw failure(error, "reading the tree nodes at depth \(top.depth)")
        }
        guard let decoded else { return nil }
        guard let group = decoded else {
            let damage = LMDBError.inconsistentRecord(
                table: Table.tree.rawValue, key: Table.tree.describe(key: top.storageKey), detail: TreeGroup.malformed)
            throw failure(damage, "reading the tree nodes at depth \(top.depth)")
        }
        return group
    }

    /// The height of the block this snapshot is the state after (read from the same transaction, so it always
    /// matches the snapshot's state root even while new blocks commit).
    public func height() throws(StateReadError) -> UInt64 {
        let bytes: Bytes?
        do { bytes = try transaction.get(tables[.meta], MetaKey.head) } catch { throw failure(error, "reading head") }
        guard let bytes, bytes.count == 40, let height = UInt64(bigEndianBytes: Array(bytes.prefix(8))) else {
            throw StateReadError("head record is missing or malformed")
        }
        return height
    }

    /// A read failure in the snapshot's terms; a damaged record's message names its table and key and what to do.
    func failure(_ error: any Error, _ context: String) -> StateReadError {
        guard let error = error as? LMDBError else { return StateReadError("\(context): \(error)") }
        return StateReadError(StorageError(error, context: context, path: path).description)
    }
}

extension StateSnapshot {
    /// Every state entry whose key starts with `prefix`, in ascending key order, read from this snapshot's
    /// transaction (so a listing and the other reads of one query always describe the same block).
    /// Read-only: for queries such as the provider list, never for the state transition.
    public func entries(withPrefix prefix: Bytes) throws(StateReadError) -> [(key: StateKey, value: Bytes)] {
        var entries = [(key: StateKey, value: Bytes)]()
        do {
            try transaction.scan(tables[.state], from: prefix.isEmpty ? nil : prefix) { key, value in
                guard key.starts(with: prefix) else { return false }
                entries.append((StateKey(bytes: key), value))
                return true
            }
        } catch {
            throw failure(error, "scanning state keys with prefix \(prefix.hex)")
        }
        return entries
    }

    /// Every record of one kind (`0x05` stakes, `0x06` unbonding queues, …), in ascending key order.
    public func entries(of kind: StateKey.Prefix) throws(StateReadError) -> [(key: StateKey, value: Bytes)] {
        try entries(withPrefix: [kind.rawValue])
    }
}
