import CXXHash
import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

/// Issue 13, D5: a damaged record, tree node or block is noticed before it is served or built on.
/// Each test damages a store the way a failing disk would (one flipped bit, through the raw LMDB handle) and checks
/// that the read, the start check and `verify` (what `inspect --verify` runs) each name the table and the key.
final class RecordIntegrityTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-integrity-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func storeHolding(blocks: Int) throws -> (TestChain, ChainStore) {
        let chain = try StoreFixture.chain(blocks: blocks, seed: 31)
        return (chain, try StoreFixture.store(at: directory, holding: chain))
    }

    /// The first transaction of the chain that is not in the head block, and the height of its block.
    private func transactionBelowHead(_ chain: TestChain) throws -> (transaction: SignedTransaction, height: UInt64) {
        let block = try XCTUnwrap(chain.blocks.dropLast().first { !$0.transactions.isEmpty }, "the fixture has no transaction below the head")
        return (try XCTUnwrap(block.transactions.first), block.height)
    }

    private func assertVerifyReports(
        _ store: ChainStore, table: String, key: String, _ detail: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let report = try store.verify()
        XCTAssertFalse(report.isConsistent, file: file, line: line)
        let found = report.problems.first { $0.table == table && $0.key.contains(key) && $0.detail.contains(detail) }
        XCTAssertNotNil(found, "verify did not report \(table) \(key) (\(detail)): \(report.problems)", file: file, line: line)
    }

    private func assertCorruptRecord<T>(
        table: String, key: String, file: StaticString = #filePath, line: UInt = #line, _ read: () throws(StorageError) -> T
    ) {
        do throws(StorageError) {
            _ = try read()
            XCTFail("reading the damaged \(table) record succeeded", file: file, line: line)
        } catch {
            guard case let .corruptRecord(_, foundTable, foundKey, _) = error else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(foundTable, table, file: file, line: line)
            XCTAssertTrue(foundKey.contains(key), "\(foundKey) does not name \(key)", file: file, line: line)
            XCTAssertTrue(error.description.contains("proofmintd inspect --verify"), error.description, file: file, line: line)
        }
    }

    func testAnUndamagedStoreVerifiesAndCountsWhatItChecked() throws {
        let (chain, store) = try storeHolding(blocks: 6)
        let report = try store.verify()
        XCTAssertTrue(report.isConsistent, "\(report.problems)")
        XCTAssertEqual(report.problemCount, 0)
        XCTAssertEqual(report.height, 6)
        XCTAssertEqual(report.blocks, 7)
        XCTAssertEqual(report.signatures, 6)
        XCTAssertEqual(report.transactions, chain.blocks.map(\.transactions.count).reduce(0, +))
        XCTAssertEqual(report.records["blocks"], 7)
        XCTAssertEqual(report.records["tx_index"], report.transactions)
        XCTAssertEqual(report.state?.isConsistent, true)
        XCTAssertNoThrow(try store.checkHead())
    }

    func testAFlippedBitInAnAccountRecordIsNeitherServedNorBuiltOn() throws {
        let (chain, store) = try storeHolding(blocks: 4)
        let victim = TestKeys.address("user1")
        let key = StateKey.account(victim)
        try store.flipBitForTesting(in: .state, key: key.bytes, at: 3)

        XCTAssertThrowsError(try store.withSnapshot { try $0.account(victim) }) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("table state") && message.contains(key.bytes.hex), message)
        }
        // The next block pays user1: applying it on the damaged store fails instead of crediting a corrupt balance.
        let (next, _, _) = try chain.produce([chain.transfer(from: TestKeys.key("user2"), to: victim, amount: Tokens.one)])
        let parent = store.head
        XCTAssertThrowsError(try store.withSnapshot { try StateTransition.apply(next, parent: parent, state: $0) }) { error in
            guard case BlockError.state = error else { return XCTFail("\(error)") }
        }
        // So does proposing it, as the producer would.
        let producer = chain.producerKey(at: parent.height + 1)
        let beacon = try BlockHeader.beaconProof(chainId: parent.chainId, height: parent.height + 1, producer: producer)
        XCTAssertThrowsError(try store.withSnapshot { snapshot in
            try StateTransition.propose(
                candidates: next.transactions, parent: parent, timestamp: next.header.timestamp, producer: producer.publicKey,
                beacon: beacon, state: snapshot)
        }) { error in
            guard case BlockError.state = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try store.checkState())
        try assertVerifyReports(store, table: "state", key: key.bytes.hex, "checksum")
    }

    func testAFlippedBitInATreeNodeStopsTheRootBeingReadAndTheStart() throws {
        let (_, store) = try storeHolding(blocks: 3)
        let root = NodePath.root.storageKey
        try store.flipBitForTesting(in: .tree, key: root, at: 0)
        XCTAssertThrowsError(try store.withSnapshot { try $0.stateRoot() }) { error in
            XCTAssertTrue("\(error)".contains("table tree"), "\(error)")
        }
        XCTAssertThrowsError(try store.checkHead())
        try assertVerifyReports(store, table: "tree", key: root.hex, "checksum")
    }

    func testAFlippedBitInABlockBelowTheHeadIsNotServed() throws {
        let (chain, store) = try storeHolding(blocks: 5)
        let (transaction, height) = try transactionBelowHead(chain)
        let (blockKey, offset) = try store.signatureByteForTesting(ofTransaction: transaction.id)
        try store.flipBitForTesting(in: .blocks, key: blockKey, at: offset)

        assertCorruptRecord(table: "blocks", key: "height \(height)") { () throws(StorageError) in try store.block(at: height) }
        assertCorruptRecord(table: "blocks", key: "height \(height)") { () throws(StorageError) in try store.includedTransaction(transaction.id) }
        XCTAssertNoThrow(try store.checkHead(), "a damaged old block does not stop the node; its reads fail")
        try assertVerifyReports(store, table: "blocks", key: "height \(height)", "checksum")
    }

    /// Damage the checksum cannot see (a bad write with a fresh checksum): a transaction signature changed in a stored
    /// block. The transaction root catches it on read and in verify.
    func testAChangedSignatureUnderAValidChecksumFailsTheTransactionRoot() throws {
        let (chain, store) = try storeHolding(blocks: 5)
        let (transaction, height) = try transactionBelowHead(chain)
        let (blockKey, offset) = try store.signatureByteForTesting(ofTransaction: transaction.id)
        try store.environment.write { txn throws(LMDBError) in
            guard var bytes = try txn.get(store.tables[.blocks], blockKey) else { throw .notFound }
            bytes[offset] ^= 0x01
            try txn.put(store.tables[.blocks], blockKey, bytes)
        }
        assertCorruptRecord(table: "blocks", key: "height \(height)") { () throws(StorageError) in try store.block(at: height) }
        try assertVerifyReports(store, table: "blocks", key: "height \(height)", "transaction root")
    }

    func testAFlippedBitInAReceiptListIsNotServed() throws {
        let (chain, store) = try storeHolding(blocks: 4)
        let (_, height) = try transactionBelowHead(chain)
        try store.flipBitForTesting(in: .receipts, key: height.bigEndianBytes, at: 6)
        assertCorruptRecord(table: "receipts", key: "height \(height)") { () throws(StorageError) in try store.receipts(at: height) }
        try assertVerifyReports(store, table: "receipts", key: "height \(height)", "checksum")
    }

    func testAFlippedBitInATransactionIndexEntryIsNotServed() throws {
        let (chain, store) = try storeHolding(blocks: 4)
        let (transaction, _) = try transactionBelowHead(chain)
        try store.flipBitForTesting(in: .transactionIndex, key: transaction.id.bytes, at: 7)
        assertCorruptRecord(table: "tx_index", key: transaction.id.bytes.hex) { () throws(StorageError) in
            try store.location(ofTransaction: transaction.id)
        }
        assertCorruptRecord(table: "tx_index", key: transaction.id.bytes.hex) { () throws(StorageError) in
            try store.includedTransaction(transaction.id)
        }
        try assertVerifyReports(store, table: "tx_index", key: transaction.id.bytes.hex, "checksum")
    }

    /// A damaged head block stops a writable open (a node start, an import) but not a read-only one, so that
    /// `inspect --verify` can still say what is wrong.
    func testADamagedHeadBlockIsRefusedAtStartAndReportedByVerify() throws {
        let (_, store) = try storeHolding(blocks: 3)
        try store.flipBitForTesting(in: .blocks, key: UInt64(3).bigEndianBytes, at: 40)
        assertCorruptRecord(table: "blocks", key: "height 3") { () throws(StorageError) in try store.checkHead() }
        assertCorruptRecord(table: "blocks", key: "height 3") { () throws(StorageError) in try ChainStore.open(at: directory) }
        var options = ChainStore.Options(mapSize: 1 << 30, durability: .full, readOnly: true)
        assertCorruptRecord(table: "blocks", key: "height 3") { () throws(StorageError) in try ChainStore.open(at: directory, options: options) }
        options.toleratesDamagedHead = true
        try assertVerifyReports(try ChainStore.open(at: directory, options: options), table: "blocks", key: "height 3", "checksum")
    }

    /// A tree record that is not a group (a valid checksum over the wrong shape: a bug, or damage the checksum missed)
    /// is a damaged record named by its table and key when a read meets it, and stops the start; nothing traps.
    func testATreeRecordThatIsNotAGroupIsADamagedRecord() throws {
        let (_, store) = try storeHolding(blocks: 3)
        try store.environment.write { txn throws(LMDBError) in try txn.put(store.tables[.tree], NodePath.root.storageKey, [0x00, 0x01, 0x07]) }
        XCTAssertThrowsError(try store.withSnapshot { try $0.stateRoot() }) { error in
            XCTAssertTrue("\(error)".contains("table tree"), "\(error)")
            XCTAssertTrue("\(error)".contains(TreeGroup.malformed), "\(error)")
        }
        XCTAssertThrowsError(try store.checkHead())
        XCTAssertFalse(try store.verify().isConsistent)
    }

    /// A stored tree whose root is not the head's state root (here: another valid node written over the root, with a
    /// fresh checksum) is refused at start.
    func testATreeRootThatIsNotTheHeadStateRootIsRefusedAtStart() throws {
        let (_, store) = try storeHolding(blocks: 3)
        try store.environment.write { txn throws(LMDBError) in
            var other: Bytes?
            try? txn.scan(store.tables[.tree]) { key, value in
                if key != NodePath.root.storageKey { other = value }
                return other == nil
            }
            guard let other else { throw .notFound }
            try txn.put(store.tables[.tree], NodePath.root.storageKey, other)
        }
        XCTAssertThrowsError(try store.checkHead()) { error in
            guard case let StorageError.corrupt(_, detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("state tree's root"), detail)
        }
        XCTAssertFalse(try store.verify().isConsistent)
    }

    func testAHomeOfSchemaFiveIsRefusedWithTheSchemaNotAChecksum() throws {
        _ = try storeHolding(blocks: 1)
        do {
            let store = try ChainStore.open(at: directory)
            let meta = store.tables[.meta].dbi
            try store.environment.write { txn throws(LMDBError) in try txn.putRaw(meta, MetaKey.schema, [0, 0, 0, 5]) }
        }
        XCTAssertThrowsError(try ChainStore.open(at: directory)) { error in
            guard case StorageError.schemaMismatch(_, found: 5, expected: ChainStore.schemaVersion) = error else { return XCTFail("\(error)") }
        }
    }

    /// A schema-7 home (before the account history became a log) lacks schema 8's tables: it is refused for its
    /// schema, with the advice to initialise a new home, not called damaged.
    func testAHomeOfSchemaSevenWithoutTheNewTablesIsRefusedForItsSchema() throws {
        _ = try storeHolding(blocks: 1)
        do {
            let store = try ChainStore.open(at: directory)
            let tables = store.tables
            try store.environment.write { txn throws(LMDBError) in
                try txn.dropForTesting(tables[.historyLog].dbi)
                try txn.dropForTesting(tables[.historyHeads].dbi)
                try txn.put(tables[.meta], MetaKey.schema, [0, 0, 0, 7])
            }
        }
        assertRefusedForSchema(7)
    }

    /// Opening the home, writable and read-only, is refused for schema `found` (not called damaged), with the advice to
    /// initialise a new home.
    private func assertRefusedForSchema(_ found: UInt32, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ChainStore.open(at: directory), file: file, line: line) { error in
            guard case StorageError.schemaMismatch(_, found: found, expected: ChainStore.schemaVersion) = error else {
                return XCTFail("\(error)", file: file, line: line)
            }
            XCTAssertTrue("\(error)".contains("initialise a new home"), "\(error)", file: file, line: line)
        }
        var readOnly = ChainStore.Options()
        readOnly.readOnly = true
        XCTAssertThrowsError(try ChainStore.open(at: directory, options: readOnly), file: file, line: line) { error in
            guard case StorageError.schemaMismatch(_, found: found, _) = error else { return XCTFail("\(error)", file: file, line: line) }
        }
    }

    /// A home made by the previous build (schema 8) sealed its records with SipHash, so its schema record's checksum
    /// does not hold under XXH3: it is still refused for its schema, writable or read-only, never called damaged.
    func testAHomeOfSchemaEightSealedWithTheOldChecksumIsRefusedForItsSchema() throws {
        _ = try storeHolding(blocks: 1)
        do {
            let store = try ChainStore.open(at: directory)
            let meta = store.tables[.meta].dbi
            try store.environment.write { txn throws(LMDBError) in
                try txn.putRaw(meta, MetaKey.schema, [0, 0, 0, 8, 0x31, 0x0e, 0x0e, 0xdd, 0x47, 0xdb, 0x6f, 0x72])
            }
        }
        assertRefusedForSchema(8)
        // This schema's record with a damaged checksum is damage, not another schema.
        let environment = try LMDBEnvironment(path: directory, maxTables: Table.allCases.count + 2, mapSize: 1 << 30, durability: .none)
        let meta = try Tables(environment: environment, create: false)[.meta].dbi
        try environment.write { txn throws(LMDBError) in
            try txn.putRaw(meta, MetaKey.schema, withUnsafeBytes(of: ChainStore.schemaVersion.bigEndian, Array.init) + Bytes(repeating: 0, count: 8))
        }
        XCTAssertThrowsError(try ChainStore.open(at: directory)) { error in
            guard case StorageError.corruptRecord = error else { return XCTFail("\(error)") }
        }
    }

    func testTheChecksumCoversTheTableAndTheKey() {
        let value: Bytes = [1, 2, 3]
        let sealed = RecordChecksum.seal(value, table: .state, key: [9])
        XCTAssertEqual(RecordChecksum.open(sealed, table: .state, key: [9]), value)
        XCTAssertNil(RecordChecksum.open(sealed, table: .tree, key: [9]), "the same bytes under another table")
        XCTAssertNil(RecordChecksum.open(sealed, table: .state, key: [8]), "the same bytes under another key")
        XCTAssertNil(RecordChecksum.open(Array(sealed.dropLast()), table: .state, key: [9]))
        XCTAssertNil(RecordChecksum.open([1], table: .state, key: [9]), "shorter than a checksum")
    }

    /// The checksum is what ARCHITECTURE.md and RecordChecksum say (schema 9): XXH3-64 of the value seeded with the XXH3-64
    /// of `u8 table id ‖ u32 key length ‖ key`, little-endian; the library's XXH3 of nothing is the published value.
    func testTheChecksumIsXXH3OfTheValueSeededByItsLocation() {
        XCTAssertEqual(XXH3_64bits(nil, 0), 0x2D06_8005_38D3_94C2, "the XXH3 of the empty input, as xxHash publishes it")
        let value: Bytes = Array("a value".utf8), key: Bytes = [0xab, 0xcd]
        let location: Bytes = [Table.state.checksumId, 0, 0, 0, 2] + key
        let seed = location.withUnsafeBytes { XXH3_64bits($0.baseAddress, $0.count) }
        let expected = value.withUnsafeBytes { XXH3_64bits_withSeed($0.baseAddress, $0.count, seed) }
        let sealed = RecordChecksum.seal(value, table: .state, key: key)
        XCTAssertEqual(Array(sealed.prefix(value.count)), value)
        XCTAssertEqual(Array(sealed.suffix(8)), withUnsafeBytes(of: expected.littleEndian, Array.init))
    }
}
