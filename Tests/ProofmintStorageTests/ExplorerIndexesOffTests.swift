import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

/// A home created without the explorer's indexes (`proofmintd init --no-explorer-indexes`): it writes none of their
/// entries, keeps the choice across reopens whatever the options say, answers their reads with an error that says why,
/// passes verify, reverts, and holds exactly the chain and state a home with them holds.
final class ExplorerIndexesOffTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-noindex-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: directory + "-kept")
    }

    private static var withoutIndexes: ChainStore.Options {
        var options = ChainStore.Options()
        options.explorerIndexes = false
        return options
    }

    private func indexEntries(_ verification: StoreVerification) -> [Int] {
        [Table.supplyHistory, .historyLog, .historyHeads].map { verification.records[$0.rawValue] ?? -1 }
    }

    func testAHomeWithoutTheIndexesWritesNoneAndHoldsTheSameChain() throws {
        let chain = try StoreFixture.chain(blocks: 12, seed: 31)
        let store = try StoreFixture.store(at: directory, holding: chain, options: Self.withoutIndexes)
        let kept = try StoreFixture.store(at: directory + "-kept", holding: chain)
        XCTAssertFalse(store.keepsExplorerIndexes)
        XCTAssertTrue(kept.keepsExplorerIndexes)

        let verification = try store.verify()
        XCTAssertTrue(verification.isConsistent, "\(verification)")
        XCTAssertEqual(indexEntries(verification), [0, 0, 0], "no supply point, history entry or head")
        XCTAssertEqual(indexEntries(try kept.verify()).map { $0 > 0 }, [true, true, true], "the other home keeps them")
        XCTAssertEqual(store.head, kept.head, "the same blocks, the same state root: the indexes are not state")
        for transaction in chain.blocks.flatMap(\.transactions) {
            let here = try XCTUnwrap(try store.location(ofTransaction: transaction.id))
            let there = try XCTUnwrap(try kept.location(ofTransaction: transaction.id))
            XCTAssertEqual([here.height, UInt64(here.index)], [there.height, UInt64(there.index)], "the transaction index is kept")
        }
    }

    func testItsIndexReadsSayWhyAndTheChoiceSurvivesAReopen() throws {
        let chain = try StoreFixture.chain(blocks: 4, seed: 32)
        _ = try StoreFixture.store(at: directory, holding: chain, options: Self.withoutIndexes)
        // The home's record decides, not the options of the open.
        let reopened = try ChainStore.open(at: directory, options: ChainStore.Options())
        XCTAssertFalse(reopened.keepsExplorerIndexes)
        let user = TestKeys.address("user0")
        XCTAssertThrowsError(try reopened.accountHistory(user, limit: 10, before: nil)) { error in
            guard case StorageError.explorerIndexesNotKept(_, let index) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(index, "account history")
            XCTAssertTrue("\(error)".contains("--no-explorer-indexes"), "\(error)")
        }
        XCTAssertThrowsError(try reopened.supplyHistory(from: 0, to: 4, points: 10)) { error in
            guard case StorageError.explorerIndexesNotKept(_, let index) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(index, "supply history")
        }
    }

    /// A fast-mined run's producer leaves out each block's supply in a home without the indexes; a home that keeps them
    /// refuses such a run whole, since its net writes cannot give the supply after each block.
    func testARunWithoutItsSupplyIsTakenOnlyByAHomeWithoutTheIndexes() throws {
        let chain = try StoreFixture.chain(blocks: 1, seed: 34)
        let block = try XCTUnwrap(chain.blocks.first)
        let without = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [], options: Self.withoutIndexes)
        let kept = try ChainStore.create(at: directory + "-kept", genesis: chain.genesis, genesisFile: [], options: ChainStore.Options())
        for store in [without, kept] {
            let parent = store.head
            let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            let commit = {
                try store.commit(
                    batch: [(block, outcome.receipts, nil)], stateWrites: outcome.stateWrites, treeNodes: outcome.treeNodes)
            }
            if store.keepsExplorerIndexes {
                XCTAssertThrowsError(try commit()) { error in
                    guard case StorageError.supplyMissing(_, let height) = error else { return XCTFail("\(error)") }
                    XCTAssertEqual(height, block.height)
                }
                XCTAssertEqual(store.head, parent, "nothing written")
            } else {
                try commit()
                XCTAssertEqual(store.head, block.header)
            }
            XCTAssertTrue(try store.verify().isConsistent)
        }
    }

    func testItRevertsToASnapshotAndStaysConsistent() throws {
        let chain = try StoreFixture.chain(blocks: 10, seed: 33)
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [], options: Self.withoutIndexes)
        func commit(_ blocks: ArraySlice<Block>) throws {
            for block in blocks {
                let parent = store.head
                try store.commit(block, outcome: try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) })
            }
        }
        try commit(chain.blocks.prefix(4))
        let snapshot = try store.takeSnapshot(named: "four")
        try commit(chain.blocks[4...])
        let outcome = try store.revert(to: "four")
        XCTAssertEqual(outcome.header, chain.blocks[3].header)
        XCTAssertEqual(try store.withSnapshot { try $0.stateRoot() }, snapshot.stateRoot)
        let verification = try store.verify()
        XCTAssertTrue(verification.isConsistent, "\(verification)")
        XCTAssertEqual(indexEntries(verification), [0, 0, 0])
    }

    /// Entries of the indexes in a home that keeps none are something no commit of it wrote: verify reports them.
    func testVerifyReportsIndexEntriesInAHomeWithoutTheIndexes() throws {
        let chain = try StoreFixture.chain(blocks: 3, seed: 34)
        let store = try StoreFixture.store(at: directory, holding: chain, options: Self.withoutIndexes)
        let tables = store.tablesForTesting
        try store.environmentForTesting.write { txn throws(LMDBError) in
            try txn.put(tables[.historyHeads], TestKeys.address("user0").bytes, Bytes(repeating: 0, count: 20))
        }
        let verification = try store.verify()
        XCTAssertFalse(verification.isConsistent)
        XCTAssertTrue("\(verification)".contains(Table.historyHeads.rawValue), "\(verification)")
    }

    func testADamagedChoiceRecordRefusesAWritableOpenAndVerifyNamesIt() throws {
        let chain = try StoreFixture.chain(blocks: 2, seed: 35)
        do {
            let store = try StoreFixture.store(at: directory, holding: chain, options: Self.withoutIndexes)
            let tables = store.tablesForTesting
            try store.environmentForTesting.write { txn throws(LMDBError) in try txn.put(tables[.meta], MetaKey.explorerIndexes, [7]) }
        }
        XCTAssertThrowsError(try ChainStore.open(at: directory)) { error in
            guard case StorageError.corruptRecord(_, let table, let key, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(table, "meta")
            XCTAssertEqual(key, "explorer-indexes")
        }
        // A read-only open (inspect --verify) goes on, and verify names the record.
        let verification = try ChainStore.open(at: directory, options: .init(mapSize: 1 << 30, durability: .full, readOnly: true)).verify()
        XCTAssertFalse(verification.isConsistent)
        XCTAssertTrue("\(verification)".contains("explorer-indexes"), "\(verification)")
    }

    /// A home made before the choice existed has no record, and kept the indexes.
    func testAHomeWithoutTheRecordKeepsTheIndexes() throws {
        let chain = try StoreFixture.chain(blocks: 2, seed: 36)
        do {
            let store = try StoreFixture.store(at: directory, holding: chain)
            let tables = store.tablesForTesting
            try store.environmentForTesting.write { txn throws(LMDBError) in try txn.delete(tables[.meta], MetaKey.explorerIndexes) }
        }
        XCTAssertTrue(try ChainStore.open(at: directory).keepsExplorerIndexes)
    }
}
