import ProofmintCore

extension ChainStore {
    /// What a full check of the stored state found.
    public struct StateCheck: Sendable {
        public let height: UInt64
        public let entries: Int
        public let treeNodes: Int
        /// The root recomputed from scratch over every stored state entry.
        public let recomputedRoot: Hash32
        /// The root of the stored (incrementally maintained) tree.
        public let storedTreeRoot: Hash32
        /// The root the head block header commits to.
        public let headerRoot: Hash32

        public var isConsistent: Bool { recomputedRoot == storedTreeRoot && storedTreeRoot == headerRoot }
    }

    /// Rebuilds the state root from every stored entry and compares it with the stored tree and the head header.
    /// Cost is proportional to the whole state: an audit and crash-recovery tool, not something done per block.
    public func checkState() throws -> StateCheck {
        let head = self.head
        return try withSnapshot { snapshot in try Self.stateCheck(snapshot, head: head) }
    }

    /// Everything `inspect --verify` checks, in one snapshot: records, blocks, receipts, indexes and the state root
    /// (`StoreVerifier`). Problems are reported, not thrown; only a failure to open the snapshot throws.
    public func verify() throws(StorageError) -> StoreVerification {
        let tables = self.tables, path = self.path, indexes = keepsExplorerIndexes
        return try environment.read(beginFailed: { .lmdb($0, context: "verifying the store") }) { txn throws(StorageError) in
            var verifier = StoreVerifier(txn: txn, tables: tables, path: path, explorerIndexes: indexes)
            return verifier.run()
        }
    }

    /// The state check within one snapshot, against `head` (read from the same snapshot by the verifier). Reading every
    /// entry checks every state record's checksum; the first damaged one throws.
    static func stateCheck(_ snapshot: StateSnapshot, head: BlockHeader) throws -> StateCheck {
        var updates = [StateTree.Update]()
        do {
            try snapshot.transaction.scan(snapshot.tables[.state]) { key, value in
                updates.append(StateTree.Update(key: StateKey(bytes: key).treeKey, valueHash: Hash32.digest(value)))
                return true
            }
        } catch let error as LMDBError {
            throw StorageError(error, context: "reading the state", path: snapshot.path)
        }
        let rebuilt = try StateTree.update(updates, reader: EmptyState())
        let nodes = try treeNodeCount(snapshot)
        return StateCheck(
            height: head.height, entries: updates.count, treeNodes: nodes, recomputedRoot: rebuilt.root,
            storedTreeRoot: try snapshot.stateRoot(), headerRoot: head.stateRoot)
    }

    /// The nodes the stored tree holds, over all its groups; a record that is not a group throws.
    private static func treeNodeCount(_ snapshot: StateSnapshot) throws -> Int {
        var nodes = 0
        var malformed: Bytes?
        do {
            try snapshot.transaction.scan(snapshot.tables[.tree]) { key, value in
                guard let places = value.withUnsafeBytes(TreeGroup.places(ofRecord:)) else {
                    malformed = key
                    return false
                }
                nodes += places.nonzeroBitCount
                return true
            }
        } catch let error as LMDBError {
            throw StorageError(error, context: "reading the state tree", path: snapshot.path)
        }
        if let malformed {
            throw StorageError.corruptRecord(
                path: snapshot.path, table: Table.tree.rawValue, key: Table.tree.describe(key: malformed),
                detail: TreeGroup.malformed)
        }
        return nodes
    }
}
