import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

final class ChainStoreTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-store-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func makeChain(blocks: Int, seed: UInt64) throws -> TestChain { try StoreFixture.chain(blocks: blocks, seed: seed) }

    private func genesisFile(_ chain: TestChain) -> Bytes { Array("{}".utf8) }

    private func storeHolding(_ chain: TestChain) throws -> ChainStore { try StoreFixture.store(at: directory, holding: chain) }

    func testLMDBStoreMatchesInMemoryStoreBlockByBlock() throws {
        let chain = try makeChain(blocks: 30, seed: 7)
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: genesisFile(chain))
        XCTAssertEqual(store.head.stateRoot, chain.genesisBlock.header.stateRoot)
        var parent = store.head
        for (block, expected) in zip(chain.blocks, chain.outcomes) {
            let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            XCTAssertEqual(outcome.stateRoot, expected.stateRoot, "block \(block.height)")
            try store.commit(block, outcome: outcome)
            parent = block.header
            XCTAssertEqual(try store.withSnapshot { try $0.stateRoot() }, expected.stateRoot)
        }
        XCTAssertEqual(store.head, chain.head)
        let check = try store.checkState()
        XCTAssertTrue(check.isConsistent, "\(check)")
        XCTAssertEqual(check.entries, chain.store.values.count)
        XCTAssertEqual(check.treeNodes, chain.store.nodes.count)
        XCTAssertEqual(try storedTree(store), chain.store.nodes, "the groups hold exactly the in-memory tree's nodes")
    }

    /// Every node the `tree` table's groups hold, by path; a record that is not a group fails.
    private func storedTree(_ store: ChainStore) throws -> [NodePath: TreeNode] {
        let tables = store.tablesForTesting
        return try store.environmentForTesting.read(beginFailed: { $0 as any Error }) { txn in
            var tree = [NodePath: TreeNode]()
            try txn.scan(tables[.tree]) { key, value in
                let top = try NodePath(storageKey: key)
                XCTAssertEqual(top.depth % TreeGroup.levels, 0, "a group's top is at a multiple of four")
                let group = try XCTUnwrap(value.withUnsafeBytes(TreeGroup.init(record:)), "the record at \(key.hex)")
                for (path, node) in group.nodes(under: top) {
                    XCTAssertEqual(TreeGroup.top(of: path), top)
                    tree[path] = node
                }
                return true
            }
            return tree
        }
    }

    /// A new store writes its genesis in several transactions, the tree in key order as the bulk build hands it over.
    /// Over many transactions of each, in a map that must grow during them, with allocations of 0 and addresses
    /// allocated twice, the store must still hold exactly the state entries of the genesis and the tree that
    /// incremental updates build from them, under block 0 as `Genesis.genesisBlock()` describes it, with no trace of
    /// the unfinished marker, and the tree's leaf pages as full as writing in key order leaves them.
    func testGenesisOfSeveralTransactionsHoldsExactlyTheIncrementallyBuiltTree() throws {
        let devnet = try Genesis.parse(json: Array(Data(contentsOf: RepositoryRoot.url.appendingPathComponent("genesis/devnet.json"))))
        var extra = (0..<6_000).map { index in
            Genesis.Allocation(name: nil, address: Address(module: "chunked-genesis-\(index)"), amount: index % 97 == 0 ? 0 : Tokens.one)
        }
        extra += (0..<50).map { index in Genesis.Allocation(name: nil, address: extra[index * 7].address, amount: 3) }
        let genesis = Genesis(
            chainId: devnet.chainId, genesisTime: devnet.genesisTime, parameters: devnet.parameters, validators: devnet.validators,
            allocations: devnet.allocations + extra, teamVesting: devnet.teamVesting, bonds: devnet.bonds, attestors: devnet.attestors)
        let writes = genesis.stateWrites()
        let expectedTree = InMemoryTree()
        try expectedTree.update(writes.map { StateTree.Update(key: $0.key.treeKey, valueHash: $0.value.map(Hash32.digest)) })
        var options = ChainStore.Options(mapSize: 128 << 10, durability: .none)
        options.genesisEntriesPerTransaction = 1_000
        XCTAssertTrue(writes.contains { $0.value == nil }, "some allocations are of 0")
        XCTAssertGreaterThan(writes.count, 5 * options.genesisEntriesPerTransaction, "the state must span several transactions")
        XCTAssertGreaterThan(expectedTree.nodes.count, 10 * options.genesisEntriesPerTransaction, "so must the tree")

        let store = try ChainStore.create(at: directory, genesis: genesis, genesisFile: [], options: options)
        XCTAssertEqual(store.head, genesis.genesisBlock().block.header)
        XCTAssertEqual(store.head.stateRoot, expectedTree.root)
        XCTAssertEqual(try store.block(at: 0), genesis.genesisBlock().block)
        XCTAssertTrue(try store.verify().isConsistent)
        let tables = store.tablesForTesting
        let state = try store.environmentForTesting.read(beginFailed: { $0 as any Error }) { txn in
            var state = [StateKey: Bytes]()
            try txn.scan(tables[.state]) { key, value in
                state[StateKey(bytes: key)] = value
                return true
            }
            return state
        }
        let tree = try storedTree(store)
        XCTAssertEqual(state.count, writes.filter { $0.value != nil }.count, "every entry, and no deleted one")
        for (key, value) in writes { XCTAssertEqual(state[key], value, "\(key)") }
        XCTAssertEqual(tree, expectedTree.nodes)
        let marker = try store.environmentForTesting.read(beginFailed: { $0 as any Error }) { txn in
            try txn.getRaw(tables[.meta].dbi, MetaKey.unfinishedGenesis)
        }
        XCTAssertNil(marker, "a finished genesis leaves no marker")
        XCTAssertGreaterThan(store.mapSize, 128 << 10, "the map grew while the genesis was written")
        // Written in key order, a leaf page holds all the records that fit, less the pages split by the groups merged
        // last (those above the in-memory subtrees); children first, each parent would split a full page. A record
        // takes its key, value and checksum, LMDB's 8-byte node header and 2-byte pointer, in pages of 4,080 usable bytes.
        let (leafPages, recordBytes) = try store.environmentForTesting.read(beginFailed: { $0 as any Error }) { txn in
            var bytes = 0
            try txn.scan(tables[.tree]) { key, value in
                bytes += key.count + value.count + RecordChecksum.length + 10
                return true
            }
            return (try txn.statistics(tables[.tree]).ms_leaf_pages, bytes)
        }
        let fullPages = (recordBytes + 4_079) / 4_080
        XCTAssertLessThan(Double(leafPages), 1.15 * Double(fullPages), "\(leafPages) leaf pages for \(fullPages) full ones")
    }

    /// A `create` stopped after making its tables but before the genesis's first transaction leaves nothing in `meta`:
    /// that is an unfinished home too, not a damaged one.
    func testAHomeWithTablesButNothingInMetaIsUnfinished() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try {
            let environment = try LMDBEnvironment(path: directory, maxTables: Table.allCases.count + 2, mapSize: 1 << 20, durability: .full)
            _ = try Tables(environment: environment, create: true)
        }()
        XCTAssertThrowsError(try ChainStore.open(at: directory)) { error in
            guard case StorageError.unfinishedGenesis = error else { return XCTFail("\(error)") }
        }
    }

    /// The checksum byte keys each record's checksum and finds each table's handle: two tables sharing one would
    /// share a handle and accept each other's records.
    func testEveryTableHasItsOwnChecksumByte() {
        let bytes = Table.allCases.map(\.checksumId)
        XCTAssertEqual(Set(bytes).count, Table.allCases.count)
        XCTAssertFalse(bytes.contains(0))
    }

    func testAscendingKeysAdmitOnlyKeysAboveAllBefore() {
        var ascending = AscendingKeys<Int>()
        XCTAssertEqual([5, 7, 7, 6, 8, 1, 9].map { ascending.admit($0) }, [true, true, false, false, true, false, true])
    }

    /// A genesis stopped between two of its transactions (as a killed `init` would leave it) is a home that `open`
    /// names as unfinished, with what to do, whether it stopped in the state or in the tree.
    func testAGenesisStoppedBetweenTransactionsIsReportedAsUnfinished() throws {
        let chain = try TestChain()
        let stateTransactions = (chain.genesis.stateWrites().count + 1) / 2
        XCTAssertGreaterThan(stateTransactions, 2)
        // The marker's transaction, then the state's: stop inside the state, then after the tree's first transaction.
        for stop in [2, 1 + stateTransactions + 1] {
            let home = directory + "-\(stop)"
            defer { try? FileManager.default.removeItem(atPath: home) }
            var options = ChainStore.Options()
            options.genesisEntriesPerTransaction = 2
            options.genesisInterruptedAfter = stop
            XCTAssertThrowsError(try ChainStore.create(at: home, genesis: chain.genesis, genesisFile: [], options: options)) { error in
                guard case StorageError.commitFailed(_, height: 0, _, _) = error else { return XCTFail("\(error)") }
            }
            XCTAssertThrowsError(try ChainStore.open(at: home)) { error in
                guard case let StorageError.unfinishedGenesis(path) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(path, home)
                XCTAssertTrue("\(error)".contains("remove \(home) and run `proofmintd init` again"), "\(error)")
            }
            var readOnly = ChainStore.Options()
            readOnly.readOnly = true
            XCTAssertThrowsError(try ChainStore.open(at: home, options: readOnly)) { error in
                guard case StorageError.unfinishedGenesis = error else { return XCTFail("\(error)") }
            }
        }
    }

    func testReopenResumesFromTheLastCommittedBlock() throws {
        let chain = try makeChain(blocks: 10, seed: 11)
        do {
            let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: Array("genesis bytes".utf8))
            var parent = store.head
            for block in chain.blocks.prefix(6) {
                let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
                try store.commit(block, outcome: outcome)
                parent = block.header
            }
        }
        let reopened = try ChainStore.open(at: directory)
        XCTAssertEqual(reopened.head.height, 6)
        XCTAssertEqual(reopened.head, chain.blocks[5].header)
        XCTAssertEqual(try reopened.genesisFile(), Array("genesis bytes".utf8))
        var parent = reopened.head
        for block in chain.blocks.dropFirst(6) {
            let outcome = try reopened.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            try reopened.commit(block, outcome: outcome)
            parent = block.header
        }
        XCTAssertEqual(reopened.head.stateRoot, chain.head.stateRoot)
    }

    func testBlocksReceiptsAndTransactionIndexAreStored() throws {
        let chain = try makeChain(blocks: 5, seed: 3)
        let store = try storeHolding(chain)
        for (block, outcome) in zip(chain.blocks, chain.outcomes) {
            XCTAssertEqual(try store.block(at: block.height), block)
            XCTAssertEqual(try store.height(ofBlock: block.hash), block.height)
            XCTAssertEqual(try store.receipts(at: block.height), outcome.receipts)
            for (index, transaction) in block.transactions.enumerated() {
                let location = try XCTUnwrap(store.location(ofTransaction: transaction.id))
                XCTAssertEqual(location.height, block.height)
                XCTAssertEqual(location.index, index)
                // Read alone from its place in the stored block (schema 5), with its receipt and block hash.
                let found = try XCTUnwrap(store.includedTransaction(transaction.id))
                XCTAssertEqual(found.transaction, transaction)
                XCTAssertEqual(found.receipt, outcome.receipts[index])
                XCTAssertEqual(found.blockHash, block.hash)
                XCTAssertEqual(found.height, block.height)
                XCTAssertEqual(found.index, index)
            }
        }
        XCTAssertNil(try store.block(at: 999))
        XCTAssertNil(try store.location(ofTransaction: Hash32.digest([1, 2, 3])))
        XCTAssertNil(try store.includedTransaction(Hash32.digest([1, 2, 3])))
        XCTAssertGreaterThan(chain.blocks.map(\.transactions.count).reduce(0, +), 5, "the chain has transactions to look up")
    }

    /// Issue 13, D8: a lookup read the whole block and all its receipts (0.52 s on a 10,000-transaction block). Each
    /// index entry now names the exact bytes of its transaction and receipt inside the stored records, so a lookup
    /// copies and decodes those alone; here every span is checked against the canonical bytes it must hold.
    func testIndexEntriesPointAtExactlyTheTransactionAndReceiptBytes() throws {
        let chain = try makeChain(blocks: 5, seed: 11)
        for (block, outcome) in zip(chain.blocks, chain.outcomes) {
            let blockBytes = block.canonicalBytes
            let receiptBytes = ReceiptList(outcome.receipts).canonicalBytes
            let entries = TransactionIndexEntry.entries(for: block, receipts: outcome.receipts)
            XCTAssertEqual(entries.count, block.transactions.count)
            for (index, entry) in entries.enumerated() {
                let transaction = blockBytes.withUnsafeBytes { entry.transaction.slice(of: $0) }
                let receipt = receiptBytes.withUnsafeBytes { entry.receipt.slice(of: $0) }
                XCTAssertEqual(transaction, block.transactions[index].canonicalBytes, "block \(block.height), transaction \(index)")
                XCTAssertEqual(receipt, outcome.receipts[index].canonicalBytes, "block \(block.height), receipt \(index)")
                XCTAssertEqual(try TransactionIndexEntry(entry.bytes, corrupt: { .corrupt(path: "", detail: $0) }), entry)
                let words: [UInt32] = [UInt32(entry.index), entry.transaction.offset, entry.transaction.length, entry.receipt.offset, entry.receipt.length]
                let layout: Bytes = entry.height.bigEndianBytes + words.flatMap { word in withUnsafeBytes(of: word.bigEndian, Array.init) }
                XCTAssertEqual(entry.bytes, layout, "u64 height ‖ u32 index ‖ the two spans, big-endian")
            }
            // A store being verified may hold fewer receipts than transactions: the missing ones get an empty span at
            // the list's end.
            if let last = entries.last {
                let fewer = Array(outcome.receipts.dropLast())
                let short = TransactionIndexEntry.entries(for: block, receipts: fewer)
                XCTAssertEqual(short.dropLast(), entries.dropLast())
                XCTAssertEqual(short.last?.receipt, .init(offset: UInt32(ReceiptList(fewer).canonicalBytes.count), length: 0))
                XCTAssertEqual(short.last?.transaction, last.transaction)
            }
        }
        XCTAssertGreaterThan(chain.blocks.map(\.transactions.count).reduce(0, +), 5, "the chain has transactions to point at")
    }

    func testCommitRefusesABlockThatDoesNotFollowTheHead() throws {
        let chain = try makeChain(blocks: 3, seed: 5)
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        XCTAssertThrowsError(try store.commit(chain.blocks[1], outcome: chain.outcomes[1])) { error in
            guard case StorageError.notNextBlock(head: 0, got: 2) = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(store.head.height, 0)
    }

    func testMapGrowsInsteadOfFailingWhenFull() throws {
        let chain = try makeChain(blocks: 40, seed: 13)
        let options = ChainStore.Options(mapSize: 128 << 10, durability: .none)
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: Bytes(repeating: 7, count: 256 << 10), options: options)
        var parent = store.head
        for block in chain.blocks {
            let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            try store.commit(block, outcome: outcome)
            parent = block.header
        }
        XCTAssertGreaterThan(store.mapSize, 128 << 10, "the map should have grown")
        XCTAssertEqual(store.head.stateRoot, chain.head.stateRoot)
    }

    func testOpeningAMissingDatabaseSaysToInitFirst() {
        XCTAssertThrowsError(try ChainStore.open(at: directory)) { error in
            guard case StorageError.notInitialized = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("proofmintd init"))
        }
    }

    func testCreatingOverAnExistingDatabaseIsRefused() throws {
        let chain = try TestChain()
        _ = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        XCTAssertThrowsError(try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])) { error in
            guard case StorageError.alreadyInitialized = error else { return XCTFail("\(error)") }
        }
    }

    func testATruncatedDataFileIsReportedNotMapped() throws {
        let chain = try makeChain(blocks: 20, seed: 17)
        _ = try storeHolding(chain)  // released at once, so the environment is closed before the file is cut
        let dataFile = "\(directory!)/data.mdb"
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: dataFile)[.size] as? Int)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: dataFile))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        XCTAssertThrowsError(try ChainStore.open(at: directory)) { error in
            guard case let StorageError.corrupt(_, detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("truncated"), detail)
        }
    }

    /// Issue 13, D12: an empty data.mdb (an `init` killed before its first commit) is refused and left as it was,
    /// not turned into a fresh LMDB file by opening it.
    func testAnEmptyDataFileIsRefusedAndNotRewritten() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let dataFile = "\(directory!)/data.mdb"
        XCTAssertTrue(FileManager.default.createFile(atPath: dataFile, contents: Data()))
        for readOnly in [false, true] {
            XCTAssertThrowsError(try ChainStore.open(at: directory, options: .init(mapSize: 1 << 20, durability: .full, readOnly: readOnly))) { error in
                guard case let StorageError.corrupt(_, detail) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(detail.contains("0 bytes") && detail.contains("left untouched") && detail.contains("proofmintd init"), detail)
            }
        }
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: dataFile)[.size] as? Int, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(directory!)/lock.mdb"), "LMDB never opened it")
    }

    func testAFileThatIsNotLMDBIsReportedAsDamaged() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let garbage = Data((0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        FileManager.default.createFile(atPath: "\(directory!)/data.mdb", contents: garbage)
        XCTAssertThrowsError(try ChainStore.open(at: directory)) { error in
            guard case StorageError.corrupt = error else { return XCTFail("\(error)") }
        }
    }

    func testCheckStateDetectsATamperedStateEntry() throws {
        let chain = try makeChain(blocks: 5, seed: 19)
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        XCTAssertTrue(try store.checkState().isConsistent)
        // Overwrite one account behind the tree's back.
        let key = StateKey.account(TestKeys.address("user1"))
        try store.environmentForTesting.write { txn throws(LMDBError) in
            try txn.put(store.tablesForTesting[.state], key.bytes, Account(nonce: 0, balance: 1).canonicalBytes)
        }
        let check = try store.checkState()
        XCTAssertFalse(check.isConsistent)
        XCTAssertEqual(check.storedTreeRoot, check.headerRoot)
        XCTAssertNotEqual(check.recomputedRoot, check.headerRoot)
    }

    func testGarbageInAStoredRecordIsATypedCorruptRecord() throws {
        let chain = try makeChain(blocks: 3, seed: 23)
        let store = try storeHolding(chain)
        let transaction = try XCTUnwrap(chain.blocks.flatMap(\.transactions).first)
        let garbage: Bytes = [0xde, 0xad, 0xbe, 0xef, 0x01]
        try store.environmentForTesting.write { txn throws(LMDBError) in
            try txn.put(store.tablesForTesting[.blocks], UInt64(2).bigEndianBytes, garbage)
            try txn.put(store.tablesForTesting[.receipts], UInt64(2).bigEndianBytes, garbage)
            try txn.put(store.tablesForTesting[.transactionIndex], transaction.id.bytes, garbage)
            try txn.put(store.tablesForTesting[.blockIndex], chain.blocks[0].hash.bytes, garbage)
        }
        func expectCorrupt<T>(_ table: String, _ read: () throws(StorageError) -> T, line: UInt = #line) {
            do throws(StorageError) {
                _ = try read()
                XCTFail("reading the damaged \(table) record succeeded", line: line)
            } catch {
                guard case let .corruptRecord(path, found, _, _) = error else { return XCTFail("\(error)", line: line) }
                XCTAssertEqual(found, table, line: line)
                XCTAssertEqual(path, directory, line: line)
                XCTAssertTrue(error.description.contains("restore the home from a backup"), error.description, line: line)
            }
        }
        expectCorrupt("blocks") { () throws(StorageError) in try store.block(at: 2) }
        expectCorrupt("receipts") { () throws(StorageError) in try store.receipts(at: 2) }
        expectCorrupt("tx_index") { () throws(StorageError) in try store.location(ofTransaction: transaction.id) }
        expectCorrupt("tx_index") { () throws(StorageError) in try store.includedTransaction(transaction.id) }
        expectCorrupt("block_index") { () throws(StorageError) in try store.height(ofBlock: chain.blocks[0].hash) }
        // Undamaged records still read, and a missing one is nil, not an error.
        XCTAssertEqual(try store.block(at: 1)?.hash, chain.blocks[0].hash)
        XCTAssertNil(try store.block(at: 99))
    }

    func testDurabilityIsAClosedSetOfNames() {
        XCTAssertEqual(Durability.allCases.map(\.rawValue), ["full", "meta", "none"])
        XCTAssertNil(Durability(rawValue: "fast"), "an unknown durability must be refused, not read as full")
    }
}
