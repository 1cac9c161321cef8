import Foundation
import ProofmintCore

extension ChainStore {
    /// Block 0 and the initial state. A genesis of 10⁷ accounts writes gigabytes, and one write transaction would hold
    /// them all as dirty pages on the heap until its commit (a 14.5 GiB peak at 10⁷ accounts), so the state and then the
    /// tree go in transactions of `Options.genesisEntriesPerTransaction` entries, in key order (`GenesisLoad`). The last
    /// transaction writes block 0, the head and the schema; until it commits, the `unfinishedGenesis` marker that the
    /// first one wrote tells `open` that the home was never finished.
    static func writeGenesis(
        _ genesis: Genesis, genesisFile: Bytes, environment: LMDBEnvironment, tables: Tables, path: String, options: Options
    ) throws(StorageError) -> BlockHeader {
        let writes = genesis.stateWrites()
        let entries = Genesis.treeEntries(of: writes)
        let load = GenesisLoad(environment: environment, tables: tables, options: options)
        do {
            try load.transaction { txn throws(LMDBError) in try txn.put(tables[.meta], MetaKey.unfinishedGenesis, [1]) }
            try load.writeState(writes)
            let root = try load.writeTree(entries)
            let block = genesis.block(stateRoot: root)
            try load.transaction { txn throws(LMDBError) in
                try writeRecords(block, receipts: [], supply: nil, txn: txn, tables: tables, path: path)
                try writeHead(block, txn: txn, tables: tables)
                try txn.put(tables[.meta], MetaKey.schema, withUnsafeBytes(of: schemaVersion.bigEndian, Array.init))
                try txn.put(tables[.meta], MetaKey.genesis, genesisFile)
                try txn.put(tables[.meta], MetaKey.devnet, [genesis.isDevnet ? 1 : 0])
                try txn.delete(tables[.meta], MetaKey.unfinishedGenesis)
            }
            return block.header
        } catch {
            throw commitError(error, height: 0, path: path)
        }
    }
}

/// The genesis state and tree on their way into LMDB, a bounded write transaction at a time. Every record is put with
/// `MDB_APPEND` when its key sorts after every key written before it (all of the state, which comes sorted, and all
/// but a few hundred tree nodes): LMDB then skips its search and fills each page before starting the next, as a bulk
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

    /// One write transaction (a retry after the map grew runs `body` again: its puts are idempotent).
    func transaction(_ body: (LMDBTransaction) throws(LMDBError) -> Void) throws(LMDBError) {
        try environment.write(body)
        committed += 1
        if committed == interruptedAfter {
            throw .system(code: EINTR, message: "stopped after \(committed) genesis transactions, as a test asked")
        }
    }

    func writeState(_ writes: [(key: StateKey, value: Bytes?)]) throws(LMDBError) {
        var ascending = AscendingKeys<StateKey>()
        for start in stride(from: 0, to: writes.count, by: perTransaction) {
            try transaction { txn throws(LMDBError) in
                for (key, value) in writes[start..<min(start + perTransaction, writes.count)] {
                    guard let value else { try txn.delete(tables[.state], key.bytes); continue }
                    try txn.put(tables[.state], key.bytes, value, appending: ascending.admit(key))
                }
            }
        }
    }

    /// Builds the tree over `entries` (sorted by key) into the `tree` table; returns its root. The nodes come in key
    /// order (`StateTree.buildInKeyOrder`), so all but the few above its in-memory subtrees append: written children
    /// first, as a build makes them, each parent would split a full page in two, leaving the table a third larger and
    /// every later block's commit dirtying more pages (measured: commit 924 ms against 702 ms a block at 10⁶ accounts).
    /// Each subtree's records are encoded and sealed on the core that built it (`SealedNodes`), so this thread only puts.
    func writeTree(_ entries: [(Hash32, Hash32)]) throws(LMDBError) -> Hash32 {
        var pending: [SealedNodes] = []
        var pendingCount = 0
        var ascending = AscendingKeys<NodePath>()
        func flush() throws(LMDBError) {
            try transaction { txn throws(LMDBError) in
                for batch in pending { try batch.put(into: txn, table: tables[.tree], ascending: &ascending) }
            }
            pending.removeAll(keepingCapacity: true)
            pendingCount = 0
        }
        let root = try StateTree.buildInKeyOrder(
            sorted: entries[...], batch: max(1, perTransaction / 4), prepare: SealedNodes.init
        ) { sealed throws(LMDBError) in
            pending.append(sealed)
            pendingCount += sealed.paths.count
            if pendingCount >= perTransaction { try flush() }
        }
        if pendingCount > 0 { try flush() }
        return root
    }
}

/// Tree nodes as the `tree` table stores them, made ready off the writing thread: each node's key and its sealed value
/// (encoding ‖ checksum), back to back in one buffer.
struct SealedNodes: Sendable {
    private static let keyLength = NodePath.storageKeyLength
    private static let sealedLength = TreeNode.canonicalLength + RecordChecksum.length
    private static let recordLength = keyLength + sealedLength

    let paths: [NodePath]
    private let records: Bytes

    init(_ nodes: [(path: NodePath, node: TreeNode)]) {
        paths = nodes.map(\.path)
        records = Bytes(unsafeUninitializedCapacity: nodes.count * Self.recordLength) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            withUnsafeTemporaryAllocation(byteCount: TreeNode.canonicalLength, alignment: 8) { encoding in
                for (index, (path, node)) in nodes.enumerated() {
                    let record = UnsafeMutableRawBufferPointer(rebasing: raw[(index * Self.recordLength)..<((index + 1) * Self.recordLength)])
                    let key = UnsafeMutableRawBufferPointer(rebasing: record[..<Self.keyLength])
                    path.writeStorageKey(into: key)
                    node.writeCanonicalBytes(into: encoding)
                    RecordChecksum.seal(
                        UnsafeRawBufferPointer(encoding), table: .tree, key: UnsafeRawBufferPointer(key),
                        into: UnsafeMutableRawBufferPointer(rebasing: record[Self.keyLength...]))
                }
            }
            initialized = nodes.count * Self.recordLength
        }
    }

    /// Puts every node, appending those whose keys sort after every key written before.
    func put(into txn: LMDBTransaction, table: TableHandle, ascending: inout AscendingKeys<NodePath>) throws(LMDBError) {
        let failure: LMDBError? = records.withUnsafeBytes { records -> LMDBError? in
            for (index, path) in paths.enumerated() {
                let record = UnsafeRawBufferPointer(rebasing: records[(index * Self.recordLength)..<((index + 1) * Self.recordLength)])
                do throws(LMDBError) {
                    try txn.putSealed(
                        table, key: UnsafeRawBufferPointer(rebasing: record[..<Self.keyLength]),
                        sealed: UnsafeRawBufferPointer(rebasing: record[Self.keyLength...]), appending: ascending.admit(path))
                } catch {
                    return error
                }
            }
            return nil
        }
        if let failure { throw failure }
    }
}

/// Whether each key, in the order they are written, sorts after every key before it (and may be put with `MDB_APPEND`).
struct AscendingKeys<Key: Comparable> {
    private var greatest: Key?

    mutating func admit(_ key: Key) -> Bool {
        if let greatest, key <= greatest { return false }
        greatest = key
        return true
    }
}
