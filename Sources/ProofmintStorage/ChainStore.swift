import CLMDB
import Foundation
import ProofmintCore

/// A node's database: the current state and its tree, every block, receipts and the transaction index.
/// Each block is committed within one LMDB write transaction (an importer's run or a fast-mined batch shares one), so a
/// crash at any moment leaves the last committed block whole and the next start resumes from it.
public final class ChainStore: @unchecked Sendable {
    /// Bumped whenever the table layout or a stored record's layout changes (2: staking totals and parameters;
    /// 4: block headers carry the beacon, protocol version 3; 5: located tx_index entries; 6: every stored value ends
    /// with its `RecordChecksum`; 7: the explorer's `supply_history` and `account_history` indexes; 8: the account history
    /// as an append-only log with a head per address, `history_log` and `history_heads`; 9: the `tree` table keeps four
    /// levels of the tree a record, `TreeGroup`).
    public static let schemaVersion: UInt32 = 9
    public static let dataFileName = "data.mdb"

    /// Options for opening the database.
    public struct Options: Sendable {
        /// The smallest initial map `--map-size` accepts (16 pages): below it nearly every commit would grow the map.
        public static let minimumMapSize = 64 << 10
        /// Initial map size; doubled whenever a commit fills it. LMDB raises it to the data file's size if smaller.
        public var mapSize: Int = 1 << 30
        public var durability: Durability = .full
        /// Open for reading only: for inspection while a node runs, which can never write by mistake.
        public var readOnly = false
        /// Open even if the head block cannot be read, with a stand-in head that has only the height: for
        /// `inspect --verify`, which reads everything itself and must be able to report a damaged head block.
        public var toleratesDamagedHead = false
        /// State entries, then tree nodes, about this many a write transaction of `create` (`writeGenesis`; a subtree's
        /// nodes are never split): 10⁷ accounts take some 60 transactions of ~60 MB of dirty pages each. Tests lower it to cross transaction boundaries with a small genesis.
        var genesisEntriesPerTransaction = 1 << 19
        /// Tests only: `create` stops with an error after this many genesis transactions, leaving the home as a killed
        /// process would.
        var genesisInterruptedAfter: Int?
        /// Whether `create` makes a home that keeps the explorer's indexes (`ExplorerIndexes`: the supply and account
        /// histories). Fixed for the home's life and recorded in it; `open` reads the home's choice and ignores this.
        public var explorerIndexes = true
        public init() {}
        public init(mapSize: Int, durability: Durability, readOnly: Bool = false) {
            self.mapSize = mapSize
            self.durability = durability
            self.readOnly = readOnly
        }
    }

    public let path: String
    let environment: LMDBEnvironment
    let tables: Tables
    /// Whether this home keeps the explorer's indexes, as chosen when it was created (`Options.explorerIndexes`): a
    /// validator that serves no explorer leaves them out, as CometBFT's `indexer = "null"` does, and each block's commit
    /// then takes about a third less CPU at 10⁵ accounts and a seventh less at 10⁶ (docs/PERFORMANCE.md).
    public let keepsExplorerIndexes: Bool
    private let headLock = NSLock()
    private var cachedHead: BlockHeader
    let recentBlocks = RecentBlocks()

    private init(path: String, environment: LMDBEnvironment, tables: Tables, head: BlockHeader, keepsExplorerIndexes: Bool) {
        self.path = path
        self.environment = environment
        self.tables = tables
        self.cachedHead = head
        self.keepsExplorerIndexes = keepsExplorerIndexes
    }

    // MARK: - Creating and opening

    /// Creates a database at `path` (a directory) holding the genesis block of `genesis`.
    public static func create(at path: String, genesis: Genesis, genesisFile: Bytes, options: Options = Options()) throws(StorageError) -> ChainStore {
        if FileManager.default.fileExists(atPath: "\(path)/\(dataFileName)") { throw .alreadyInitialized(path: path) }
        try DiskSpace.requireMinimum(at: path)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: path, detail: error.localizedDescription)
        }
        let environment = try openEnvironment(path: path, options: options)
        let tables = try wrap("creating tables", path: path) { () throws(LMDBError) in try Tables(environment: environment, create: true) }
        let header = try writeGenesis(
            genesis, genesisFile: genesisFile, environment: environment, tables: tables, path: path, options: options)
        return ChainStore(path: path, environment: environment, tables: tables, head: header, keepsExplorerIndexes: options.explorerIndexes)
    }

    /// Opens an existing database, refusing one that is missing, truncated, foreign or of another schema.
    public static func open(at path: String, options: Options = Options()) throws(StorageError) -> ChainStore {
        let dataFile = "\(path)/\(dataFileName)"
        guard FileManager.default.fileExists(atPath: dataFile) else { throw .notInitialized(path: path) }
        try refuseEmptyDataFile(dataFile, path: path)
        if !options.readOnly { try DiskSpace.requireMinimum(at: path) }
        let environment = try openEnvironment(path: path, options: options)
        try checkFileSize(environment: environment, dataFile: dataFile, path: path)
        let tables: Tables
        do {
            tables = try Tables(environment: environment, create: false, createLazy: !options.readOnly)
        } catch .notFound {
            // A home of an older schema lacks the tables added since: say which schema it is, not that it is damaged.
            if let schema = schemaRecord(environment), schema != schemaVersion {
                throw .schemaMismatch(path: path, found: schema, expected: schemaVersion)
            }
            throw .corrupt(path: path, detail: "tables are missing")
        } catch {
            throw .corrupt(path: path, detail: "\(error)")
        }
        let head: BlockHeader = try readHead(
            environment: environment, tables: tables, path: path, toleratesDamagedHead: options.toleratesDamagedHead && options.readOnly)
        let indexes = try readExplorerIndexes(environment: environment, tables: tables, path: path, readOnly: options.readOnly)
        let store = ChainStore(path: path, environment: environment, tables: tables, head: head, keepsExplorerIndexes: indexes)
        // A store opened for writing is one a node will serve and build on: its head must hold (issue 13, D5).
        // Read-only opens (inspect, export, diff) skip it so that `inspect --verify` can report a damaged head.
        if !options.readOnly { try store.checkHead() }
        return store
    }

    private static func openEnvironment(path: String, options: Options) throws(StorageError) -> LMDBEnvironment {
        try DiskSpace.preallocate("\(path)/lock.mdb", size: LMDBEnvironment.lockFileSize)
        do {
            return try LMDBEnvironment(
                path: path, maxTables: Table.allCases.count + 2, mapSize: options.mapSize, durability: options.durability,
                readOnly: options.readOnly)
        } catch .notAnLMDBFile {
            throw .corrupt(path: path, detail: "data.mdb is not an LMDB file")
        } catch .versionMismatch {
            throw .corrupt(path: path, detail: "data.mdb was written by an incompatible LMDB version")
        } catch .corrupted {
            throw .corrupt(path: path, detail: "LMDB reports corrupted pages")
        } catch {
            throw .lmdb(error, context: "opening \(path)")
        }
    }

    /// Opening an empty `data.mdb` would make LMDB write fresh meta pages into it, turning the evidence (an `init` killed
    /// before its first commit, or a file truncated to nothing) into an empty database that then fails for another
    /// reason (issue 13, D12). Refuse it before LMDB sees it, so the file is left exactly as found.
    private static func refuseEmptyDataFile(_ dataFile: String, path: String) throws(StorageError) {
        let size = (try? FileManager.default.attributesOfItem(atPath: dataFile)[.size] as? Int) ?? 0
        guard size < minimumDataFileSize else { return }
        throw .corrupt(
            path: path,
            detail: "\(dataFileName) is \(size) bytes, too short to hold LMDB's two meta pages (an `init` killed before its "
                + "first commit, or a truncated file); it was left untouched. If this home never held a chain, remove \(path) "
                + "and run `proofmintd init` again")
    }

    /// LMDB's two meta pages at the smallest page size it uses (4 KiB): any real data file is at least this big.
    static let minimumDataFileSize = 2 * 4096

    /// A truncated data file would make LMDB fault on first access through its memory map; refuse it up front.
    private static func checkFileSize(environment: LMDBEnvironment, dataFile: String, path: String) throws(StorageError) {
        let actual = (try? FileManager.default.attributesOfItem(atPath: dataFile)[.size] as? Int) ?? 0
        let required: Int
        do { required = try environment.requiredFileSize() } catch { throw .corrupt(path: path, detail: "\(error)") }
        guard actual >= required else {
            throw .corrupt(path: path, detail: "data.mdb is \(actual) bytes but its last commit needs \(required): the file was truncated")
        }
    }

    private static func readHead(
        environment: LMDBEnvironment, tables: Tables, path: String, toleratesDamagedHead: Bool
    ) throws(StorageError) -> BlockHeader {
        try environment.read(beginFailed: { .lmdb($0, context: "reading the head") }) { txn throws(StorageError) -> BlockHeader in
            try checkSchema(txn, tables: tables, path: path)
            let (height, _) = try readHeadPointer(txn, tables: tables, path: path)
            do throws(StorageError) {
                return try readBlock(txn, tables: tables, height: height, path: path).header
            } catch {
                guard toleratesDamagedHead else { throw error }
                return BlockHeader(
                    chainId: "", height: height, parentHash: .zero, timestamp: 0, transactionRoot: .zero, receiptRoot: .zero,
                    stateRoot: .zero, transactionCount: 0, producer: Bytes(repeating: 0, count: 32), beacon: BlockHeader.genesisBeacon)
            }
        }
    }

    /// The home's `explorer-indexes` record: absent in homes made before the choice existed, which all keep them. A
    /// damaged one refuses a writable open; a read-only one (`inspect --verify`, which reports it) goes on.
    private static func readExplorerIndexes(
        environment: LMDBEnvironment, tables: Tables, path: String, readOnly: Bool
    ) throws(StorageError) -> Bool {
        let context = "reading whether the home keeps the explorer's indexes"
        let stored = try environment.read(beginFailed: { .lmdb($0, context: context) }) { txn throws(StorageError) in
            try wrap(context, path: path) { () throws(LMDBError) in try txn.get(tables[.meta], MetaKey.explorerIndexes) }
        }
        switch stored {
        case nil, [1]?: return true
        case [0]?: return false
        case let bytes?:
            if readOnly { return true }
            throw .corruptRecord(path: path, table: Table.meta.rawValue, key: "explorer-indexes", detail: "holds \(bytes.hex), not 00 or 01")
        }
    }

    /// Schemas before 6 stored the schema record as a bare u32, with no checksum, and schemas 6 to 8 sealed it with
    /// another checksum: read it raw, so an older home gets `schemaMismatch` (initialise a new home) rather than a
    /// checksum error.
    private static func checkSchema(_ txn: LMDBTransaction, tables: Tables, path: String) throws(StorageError) {
        let handle = tables[.meta]
        guard let raw = try wrap("reading schema", path: path, { () throws(LMDBError) in try txn.getRaw(handle.dbi, MetaKey.schema) }) else {
            // The marker, or nothing at all in `meta`: a `create` stopped after making its tables, before the marker.
            let unfinished = try wrap("reading schema", path: path) { () throws(LMDBError) in
                if try txn.getRaw(handle.dbi, MetaKey.unfinishedGenesis) != nil { return true }
                return try txn.entryCount(handle) == 0
            }
            throw unfinished ? StorageError.unfinishedGenesis(path: path) : StorageError.corrupt(path: path, detail: "schema record is missing")
        }
        guard raw.count == 4 || raw.count == 4 + RecordChecksum.length else {
            throw StorageError.corrupt(path: path, detail: "schema record is malformed")
        }
        // The version leads a sealed record; another schema's is refused before its checksum is checked, since the
        // checksum itself changed with schema 9 (SipHash before, XXH3 since).
        let schema = raw.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard schema == schemaVersion else { throw StorageError.schemaMismatch(path: path, found: schema, expected: schemaVersion) }
        guard raw.count == 4 else {
            _ = try wrap("reading schema", path: path) { () throws(LMDBError) in try txn.get(handle, MetaKey.schema) }
            return
        }
    }

    /// The schema a home records, read through `meta` alone (a bare u32 before schema 6, then sealed: the value leads),
    /// for a home whose other tables do not all open; nil if even that cannot be read.
    private static func schemaRecord(_ environment: LMDBEnvironment) -> UInt32? {
        guard let meta = try? environment.openTable(Table.meta.rawValue, create: false),
              let raw = try? environment.read(beginFailed: { $0 }, { txn throws(LMDBError) in try txn.getRaw(meta, MetaKey.schema) }),
              raw.count == 4 || raw.count == 4 + RecordChecksum.length
        else { return nil }
        return raw.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// The head pointer: the last committed block's height and hash.
    static func readHeadPointer(_ txn: LMDBTransaction, tables: Tables, path: String) throws(StorageError) -> (height: UInt64, hash: Bytes) {
        guard let headBytes = try wrap("reading head", path: path, { () throws(LMDBError) in try txn.get(tables[.meta], MetaKey.head) }),
              headBytes.count == 40, let height = UInt64(bigEndianBytes: Array(headBytes.prefix(8)))
        else { throw StorageError.corrupt(path: path, detail: "head record is missing") }
        return (height, Array(headBytes.dropFirst(8)))
    }

    /// The stored block at `height`, decoded; its record's checksum is checked on the way.
    static func readBlock(_ txn: LMDBTransaction, tables: Tables, height: UInt64, path: String) throws(StorageError) -> Block {
        guard let blockBytes = try wrap("reading block \(height)", path: path, { () throws(LMDBError) in try txn.get(tables[.blocks], height.bigEndianBytes) }) else {
            throw StorageError.corruptRecord(path: path, table: Table.blocks.rawValue, key: "height \(height)", detail: "the block is missing")
        }
        do {
            return try Block(canonical: blockBytes)
        } catch {
            throw StorageError.corruptRecord(
                path: path, table: Table.blocks.rawValue, key: "height \(height)", detail: "the block does not decode: \(error)")
        }
    }

    // MARK: - Reading

    /// The last committed block's header.
    public var head: BlockHeader {
        headLock.lock()
        defer { headLock.unlock() }
        return cachedHead
    }

    /// Runs `body` against a consistent snapshot of the state at the head.
    /// Throws `StorageError` when no snapshot can be opened; what `body` throws (reads through the snapshot throw
    /// `StateReadError`, callers add their own verdicts) passes through unchanged, so callers can still match it.
    public func withSnapshot<T>(_ body: (StateSnapshot) throws -> T) throws -> T {
        try environment.read(beginFailed: { StorageError.lmdb($0, context: "opening a state snapshot") as any Error }) { txn in
            try body(StateSnapshot(transaction: txn, tables: tables, path: path))
        }
    }

    /// The block at `height`, or nil above the head. Its record's checksum is checked, and its transactions against
    /// the header's transaction root (cheap: decoding already hashed each one), so a block is never served under a
    /// hash its transactions do not have. One of the last few this store committed comes from memory (`RecentBlocks`).
    public func block(at height: UInt64) throws(StorageError) -> Block? {
        if let recent = recentBlocks.block(at: height) { return recent }
        guard let bytes = try record(.blocks, height.bigEndianBytes, "reading block \(height)") else { return nil }
        let block: Block
        do {
            block = try Block(canonical: bytes)
        } catch {
            throw corruptRecord(.blocks, "height \(height)", "the block does not decode: \(error)")
        }
        let transactionRoot = Block.transactionRoot(block.transactions)
        guard transactionRoot == block.header.transactionRoot else {
            throw corruptRecord(
                .blocks, "height \(height)",
                "its transactions hash to \(transactionRoot), not the header's transaction root \(block.header.transactionRoot)")
        }
        return block
    }

    public func height(ofBlock hash: Hash32) throws(StorageError) -> UInt64? {
        guard let bytes = try record(.blockIndex, hash.bytes, "looking up block \(hash)") else { return nil }
        guard let height = UInt64(bigEndianBytes: bytes) else {
            throw corruptRecord(.blockIndex, "block \(hash)", "the entry is \(bytes.count) bytes, not an 8-byte height")
        }
        return height
    }

    public func receipts(at height: UInt64) throws(StorageError) -> [Receipt]? {
        guard let bytes = try record(.receipts, height.bigEndianBytes, "reading the receipts of block \(height)") else { return nil }
        do {
            return try ReceiptList(canonical: bytes).receipts
        } catch {
            throw corruptRecord(.receipts, "height \(height)", "the receipt list does not decode: \(error)")
        }
    }

    /// Where an included transaction is: its block height and index.
    public func location(ofTransaction id: Hash32) throws(StorageError) -> (height: UInt64, index: Int)? {
        guard let bytes = try record(.transactionIndex, id.bytes, "looking up transaction \(id)") else { return nil }
        let entry = try TransactionIndexEntry(bytes, corrupt: { detail in corruptRecord(.transactionIndex, "transaction \(id)", detail) })
        return (entry.height, entry.index)
    }

    /// An included transaction with its receipt and its block's hash, decoded alone: the index entry says where its
    /// bytes and its receipt's lie in the stored block and receipt list, so a lookup does not decode the whole block
    /// (10,000 transactions and their receipts) for one of them (schema 5).
    public func includedTransaction(_ id: Hash32) throws(StorageError) -> IncludedTransaction? {
        func corrupt(_ detail: String) -> StorageError { corruptRecord(.transactionIndex, "transaction \(id)", detail) }
        guard let found = try locatedBytes(of: id, corrupt: corrupt) else { return nil }
        guard let headerBytes = found.header, let transactionBytes = found.transaction else {
            throw corrupt("the block at height \(found.entry.height) is missing or shorter than the entry says")
        }
        do {
            var reader = CanonicalReader(headerBytes)
            let header = try reader.decode(BlockHeader.self)
            let transaction = try SignedTransaction(canonical: transactionBytes)
            guard transaction.id == id else { throw corrupt("the bytes at its place in block \(found.entry.height) are another transaction") }
            let receipt = try found.receipt.map { bytes throws(CodecError) in try Receipt(canonical: bytes) }
            return IncludedTransaction(
                transaction: transaction, receipt: receipt, height: found.entry.height, index: found.entry.index, blockHash: header.hash)
        } catch let error as StorageError {
            throw error
        } catch {
            throw corrupt("its stored bytes do not decode: \(error)")
        }
    }

    /// A block header's canonical encoding is at most this long (its one variable field, the chain id, is at most 64
    /// bytes), so a lookup copies this much of the block to read the header.
    static let headerBound = 1024

    /// A transaction's index entry and, from the same snapshot, the bytes a lookup needs from its stored block (the
    /// header's, the transaction's) and receipt list (its receipt's). The records' checksums are checked where they lie,
    /// so only these few bytes are copied, not a block of 10,000 transactions (issue 13, D5 and D8).
    private func locatedBytes(
        of id: Hash32, corrupt: (String) -> StorageError
    ) throws(StorageError) -> (entry: TransactionIndexEntry, header: Bytes?, transaction: Bytes?, receipt: Bytes?)? {
        let tables = self.tables, path = self.path
        let context = "looking up transaction \(id)"
        return try environment.read(beginFailed: { .lmdb($0, context: context) }) { txn throws(StorageError) in
            guard let entryBytes = try wrap(context, path: path, { () throws(LMDBError) in try txn.get(tables[.transactionIndex], id.bytes) }) else {
                return nil
            }
            let entry = try TransactionIndexEntry(entryBytes, corrupt: corrupt)
            let height = entry.height.bigEndianBytes
            let block = try wrap(context, path: path) { () throws(LMDBError) in
                try txn.withValue(tables[.blocks], height) { raw in (Bytes(raw.prefix(Self.headerBound)), entry.transaction.slice(of: raw)) }
            }
            let receipt = try wrap(context, path: path) { () throws(LMDBError) in
                try txn.withValue(tables[.receipts], height) { entry.receipt.slice(of: $0) }
            }
            return (entry, block?.0, block?.1, receipt ?? nil)
        }
    }

    /// The genesis file this database was created from, byte for byte.
    public func genesisFile() throws(StorageError) -> Bytes? {
        try record(.meta, MetaKey.genesis, "reading the genesis file")
    }

    /// Whether the genesis declares a devnet, as recorded at `create`; nil for a home made before it was recorded.
    public func recordedDevnet() throws(StorageError) -> Bool? {
        try record(.meta, MetaKey.devnet, "reading the devnet flag").map { $0 == [1] }
    }

    /// One record read in its own read transaction.
    func record(_ table: Table, _ key: Bytes, _ context: String) throws(StorageError) -> Bytes? {
        let tables = self.tables, path = self.path
        return try environment.read(beginFailed: { .lmdb($0, context: context) }) { txn throws(StorageError) in
            try wrap(context, path: path) { () throws(LMDBError) in try txn.get(tables[table], key) }
        }
    }

    func corruptRecord(_ table: Table, _ key: String, _ detail: String) -> StorageError {
        .corruptRecord(path: path, table: table.rawValue, key: key, detail: detail)
    }

    // MARK: - Writing

    /// Commits a block and everything it changed in one write transaction.
    public func commit(_ block: Block, outcome: BlockOutcome) throws(StorageError) {
        try commit(run: [(block, outcome)])
    }

    /// Commits consecutive blocks in one write transaction, each written as `commit(_:outcome:)` would write it, in
    /// order (a later block's writes replace an earlier one's; undo records and supply entries see each block's state).
    /// The head moves to the last only when the transaction commits, so a crash leaves none of them or all
    /// (`BlockImporter`'s group commit: one transaction and one pair of fsyncs for the run).
    public func commit(run: [(block: Block, outcome: BlockOutcome)]) throws(StorageError) {
        try checkConsecutive(run.map(\.block))
        try writeBlocks(run.map { ($0.block, $0.outcome.encodedReceipts, nil, $0.outcome.stateWrites, $0.outcome.treeNodes) })
    }

    /// Commits a run of consecutive blocks in one write transaction: each block's record, receipts and index entries,
    /// and the net state and tree writes of them all (`BatchState`), each key written once with its final value.
    /// The head moves from the parent of the first to the last, with nothing in between ever visible, so a crash
    /// leaves either none of them or all (`pm_mine`'s fast path; one fsync for the run instead of one a block).
    /// Each block's supply is needed only where the home keeps the explorer's indexes (`keepsExplorerIndexes`), since
    /// the run's net writes no longer hold it; elsewhere it may be nil, and the producer does not compute it.
    public func commit(
        batch blocks: [(block: Block, receipts: [Receipt], supply: SupplyPoint?)], stateWrites: [(key: StateKey, value: Bytes?)],
        treeNodes: [(path: NodePath, node: TreeNode?)]
    ) throws(StorageError) {
        try checkConsecutive(blocks.map(\.block))
        if keepsExplorerIndexes, let missing = blocks.first(where: { $0.supply == nil }) {
            throw .supplyMissing(path: path, height: missing.block.height)
        }
        // The net writes go with the first block (so its undo record undoes the run as a whole: no snapshot can fall
        // inside a run); the later blocks add only their records.
        try writeBlocks(blocks.enumerated().map { index, entry in
            (entry.block, EncodedReceipts(entry.receipts), entry.supply, index == 0 ? stateWrites : [], index == 0 ? treeNodes : [])
        })
    }

    private func checkConsecutive(_ blocks: [Block]) throws(StorageError) {
        var expected = head.height + 1
        for block in blocks {
            guard block.height == expected else { throw .notNextBlock(head: expected - 1, got: block.height) }
            expected += 1
        }
    }

    /// One block's part of a write transaction: its record and receipts, its supply for the explorer's index (nil: read
    /// from the transaction once its writes are in), and the state and tree writes it brings.
    typealias BlockWrites = (
        block: Block, receipts: EncodedReceipts, supply: SupplyPoint?, stateWrites: [(key: StateKey, value: Bytes?)],
        treeNodes: [(path: NodePath, node: TreeNode?)]
    )

    /// Writes each of `blocks` in order (its undo record while a devnet snapshot exists, its writes, its records and
    /// indexes), then moves the head to the last.
    private func writeBlocks(_ blocks: [BlockWrites]) throws(StorageError) {
        guard let first = blocks.first?.block, let last = blocks.last?.block else { return }
        let tables = self.tables, path = self.path
        do {
            try environment.write { txn throws(LMDBError) in
                for entry in blocks {
                    try self.captureUndo(txn, height: entry.block.height, stateWrites: entry.stateWrites, treeNodes: entry.treeNodes)
                    try Self.writeState(entry.stateWrites, txn: txn, tables: tables)
                    try TreeGroupWriter.write(entry.treeNodes, txn: txn, table: tables[.tree])
                    try Self.writeRecords(
                        entry.block, receipts: entry.receipts, supply: entry.supply, explorerIndexes: self.keepsExplorerIndexes, txn: txn,
                        tables: tables, path: path)
                }
                try Self.writeHead(last, txn: txn, tables: tables)
            }
        } catch {
            // Nothing of the transaction was written: the first block is where a retry starts.
            throw Self.commitError(error, height: first.height, path: path)
        }
        recentBlocks.remember(blocks.map(\.block))
        setCachedHead(last.header)
    }

    /// Why a commit of `height` failed, for the user: a damaged record read during it is corruption, anything else a
    /// write that failed (with the free space, since a full disk is the usual cause).
    static func commitError(_ error: LMDBError, height: UInt64, path: String) -> StorageError {
        switch error {
        case .checksumMismatch, .inconsistentRecord: return StorageError(error, context: "committing block \(height)", path: path)
        default: break
        }
        return .commitFailed(path: path, height: height, cause: error, available: DiskSpace.availableBytes(at: path))
    }

    /// State entries (nil deletes).
    static func writeState(_ writes: [(key: StateKey, value: Bytes?)], txn: LMDBTransaction, tables: Tables) throws(LMDBError) {
        for (key, value) in writes {
            if let value { try txn.put(tables[.state], key.bytes, value) } else { try txn.delete(tables[.state], key.bytes) }
        }
    }

    /// A block's record, receipts and index entries (the supply read from `txn` when nil), the explorer's only when the
    /// home keeps them.
    static func writeRecords(
        _ block: Block, receipts: EncodedReceipts, supply: SupplyPoint?, explorerIndexes: Bool, txn: LMDBTransaction, tables: Tables,
        path: String
    ) throws(LMDBError) {
        try BlockRecords(block, receipts: receipts).write(to: txn, tables: tables)
        guard explorerIndexes else { return }
        try ExplorerIndexes.write(block: block, supply: supply, txn: txn, tables: tables, path: path)
    }

    /// The head pointer (`meta`), written once per transaction, after its last block.
    static func writeHead(_ block: Block, txn: LMDBTransaction, tables: Tables) throws(LMDBError) {
        try txn.put(tables[.meta], MetaKey.head, block.height.bigEndianBytes + block.hash.bytes)
    }

    /// The head every reader sees; set after a commit or a revert has committed.
    func setCachedHead(_ header: BlockHeader) {
        headLock.lock()
        cachedHead = header
        headLock.unlock()
    }

    /// The current map size in bytes (it grows by doubling when a commit fills it).
    public var mapSize: Int { environment.mapSize }

    /// The raw environment, for tests that write behind the store's back; the store forgets the blocks it remembers,
    /// so that a block a test damages is read from LMDB.
    var environmentForTesting: LMDBEnvironment {
        recentBlocks.forgetAll()
        return environment
    }
    var tablesForTesting: Tables { tables }
}

/// Runs an LMDB call and names what was being done if it fails (a damaged record: its table and key).
func wrap<T>(_ context: String, path: String, _ body: () throws(LMDBError) -> T) throws(StorageError) -> T {
    do { return try body() } catch { throw StorageError(error, context: context, path: path) }
}
