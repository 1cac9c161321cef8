import Foundation
import ProofmintCore

/// The genesis state and tree on their way into LMDB, a bounded write transaction at a time. Every record is put with
/// `MDB_APPEND` when its key sorts after every key written before it (all of the state, which comes sorted, and all
/// but a few tree groups): LMDB then skips its search and fills each page before starting the next, as a bulk
/// load wants.
final class GenesisLoad {
    private let environment: LMDBEnvironment
    private let tables: Tables
    private let perTransaction: Int
    private let interruptedAfter: Int?
    private var committed = 0

    init(environment: LMDBEnvironment, tables: Tables, options: ChainStore.Options) {
        self.environment = environment
        self.tables = tables
        perTransaction = max(1, options.genesisEntriesPerTransaction)
        interruptedAfter = options.genesisInterruptedAfter
    }

    /// One write transaction. A retry after the map grew runs `body` again: its puts are idempotent, and whatever it
    /// tracks must be taken from its result, which only a committed run returns.
    func transaction<T>(_ body: (LMDBTransaction) throws(LMDBError) -> T) throws(LMDBError) -> T {
        let result = try environment.write(body)
        committed += 1
        if committed == interruptedAfter {
            throw .system(code: EINTR, message: "stopped after \(committed) genesis transactions, as a test asked")
        }
        return result
    }

    func writeState(_ writes: [(key: StateKey, value: Bytes?)]) throws(LMDBError) {
        var ascending = AscendingKeys<StateKey>()
        for start in stride(from: 0, to: writes.count, by: perTransaction) {
            ascending = try transaction { txn throws(LMDBError) in
                var tracked = ascending
                for (key, value) in writes[start..<min(start + perTransaction, writes.count)] {
                    guard let value else { try txn.delete(tables[.state], key.bytes); continue }
                    try txn.put(tables[.state], key.bytes, value, appending: tracked.admit(key))
                }
                return tracked
            }
        }
    }

    /// Builds the tree over `entries` (sorted by key) into the `tree` table; returns its root. The nodes come in key
    /// order (`StateTree.buildInKeyOrder`), a subtree at a time, so each subtree's whole groups (`TreeGroup`) append:
    /// written children first, as a build makes them, each parent would split a full page in two, leaving the table a
    /// third larger and every later block's commit dirtying more pages (measured with one node a record: commit 924
    /// against 702 ms a block at 10⁶ accounts). Each subtree's groups are encoded and sealed on the core that built it
    /// (`SealedGroups`), so this thread only puts. The few groups that take nodes from more than one subtree, or from
    /// above them all, are merged and written last.
    func writeTree(_ entries: [(Hash32, Hash32)]) throws(LMDBError) -> Hash32 {
        var pending: [SealedGroups] = []
        var pendingCount = 0
        var ascending = AscendingKeys<NodePath>()
        var partial: [(path: NodePath, node: TreeNode?)] = []
        func flush() throws(LMDBError) {
            ascending = try transaction { txn throws(LMDBError) in
                var tracked = ascending
                for batch in pending { try batch.put(into: txn, tables: tables, ascending: &tracked) }
                return tracked
            }
            for batch in pending { partial += batch.partial }
            pending.removeAll(keepingCapacity: true)
            pendingCount = 0
        }
        let root = try StateTree.buildInKeyOrder(
            sorted: entries[...], batch: max(1, perTransaction / 4), prepare: SealedGroups.init
        ) { sealed throws(LMDBError) in
            // A subtree's nodes stay in one transaction, which ends before it would pass the bound.
            if !pending.isEmpty, pendingCount + sealed.nodeCount > perTransaction { try flush() }
            pending.append(sealed)
            pendingCount += sealed.nodeCount
        }
        if !pending.isEmpty { try flush() }
        if !partial.isEmpty {
            try transaction { txn throws(LMDBError) in try TreeGroupWriter.write(partial, txn: txn, table: tables[.tree]) }
        }
        return root
    }
}
