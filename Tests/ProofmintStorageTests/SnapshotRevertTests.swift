import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

/// Devnet snapshots and the revert on a real LMDB store: the head, every state and tree entry, the blocks and the
/// transaction index come back exactly as they were when the snapshot was taken.
final class SnapshotRevertTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-snapshot-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Every entry of `state` and `tree`, byte for byte (values without their checksums).
    private func entries(_ store: ChainStore) throws -> [String: [Bytes: Bytes]] {
        let tables = store.tablesForTesting
        return try store.environmentForTesting.read(beginFailed: { $0 as any Error }) { txn in
            var result = [String: [Bytes: Bytes]]()
            for table in [Table.state, .tree] {
                var rows = [Bytes: Bytes]()
                try txn.scan(tables[table]) { key, value in
                    rows[key] = value
                    return true
                }
                result[table.rawValue] = rows
            }
            return result
        }
    }

    /// Commits `blocks` of `chain` on top of the store's head.
    private func commit(_ blocks: ArraySlice<Block>, to store: ChainStore) throws {
        for block in blocks {
            let parent = store.head
            let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            try store.commit(block, outcome: outcome)
        }
    }

    private func store(committing count: Int, of chain: TestChain) throws -> ChainStore {
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: Array("{}".utf8))
        try commit(chain.blocks.prefix(count), to: store)
        return store
    }

    func testRevertGivesBackTheExactStateHeadAndIndexes() throws {
        let chain = try StoreFixture.chain(blocks: 20, seed: 21)
        let store = try store(committing: 8, of: chain)
        let before = try entries(store)
        let snapshot = try store.takeSnapshot(named: "base")
        XCTAssertEqual(snapshot, ChainSnapshot(name: "base", height: 8, blockHash: chain.blocks[7].hash, stateRoot: chain.blocks[7].header.stateRoot))

        try commit(chain.blocks[8...], to: store)
        XCTAssertEqual(store.head, chain.head)
        let above = chain.blocks[8...]
        let movedTransactions = above.flatMap(\.transactions)
        XCTAssertFalse(movedTransactions.isEmpty, "the blocks above the snapshot carry transfers")
        XCTAssertNotEqual(try entries(store), before)

        let outcome = try store.revert(to: "base")
        XCTAssertEqual(outcome.header, chain.blocks[7].header)
        XCTAssertEqual(outcome.revertedBlocks, 12)
        XCTAssertEqual(store.head, chain.blocks[7].header)
        XCTAssertEqual(try store.withSnapshot { try $0.stateRoot() }, snapshot.stateRoot)
        XCTAssertEqual(try entries(store), before, "every state and tree entry is back byte for byte")
        for block in above {
            XCTAssertNil(try store.block(at: block.height), "block \(block.height)")
            XCTAssertNil(try store.height(ofBlock: block.hash))
            XCTAssertNil(try store.receipts(at: block.height))
        }
        for transaction in movedTransactions { XCTAssertNil(try store.location(ofTransaction: transaction.id)) }
        for transaction in chain.blocks.prefix(8).flatMap(\.transactions) {
            XCTAssertNotNil(try store.location(ofTransaction: transaction.id), "transactions below the snapshot stay")
        }
        XCTAssertEqual(try store.snapshots(), [snapshot], "the snapshot stays, to revert to again")
        XCTAssertEqual(try store.undoFootprint().records, 0, "no undo record is left above the snapshot")
    }

    /// Blocks committed as one run (group commit: one write transaction, each block's undo captured after the blocks
    /// before it in the run wrote, so several of them change the same tree groups) revert exactly too.
    func testRevertUndoesBlocksCommittedAsOneRun() throws {
        let chain = try StoreFixture.chain(blocks: 12, seed: 5)
        let store = try store(committing: 4, of: chain)
        let before = try entries(store)
        _ = try store.takeSnapshot(named: "base")
        try store.commit(run: (4..<12).map { (chain.blocks[$0], chain.outcomes[$0]) })
        XCTAssertEqual(store.head, chain.head)
        XCTAssertEqual(try store.withSnapshot { try $0.stateRoot() }, chain.head.stateRoot)
        XCTAssertTrue(try store.verify().isConsistent)
        _ = try store.revert(to: "base")
        XCTAssertEqual(store.head, chain.blocks[3].header)
        XCTAssertEqual(try entries(store), before, "every state entry and tree group is back byte for byte")
        XCTAssertTrue(try store.verify().isConsistent)
    }

    func testRevertTwiceToTheSameSnapshotAndTheChainGoesOn() throws {
        let chain = try StoreFixture.chain(blocks: 14, seed: 5)
        let store = try store(committing: 4, of: chain)
        let before = try entries(store)
        try store.takeSnapshot(named: "again")
        for _ in 0..<2 {
            try commit(chain.blocks[4...], to: store)
            XCTAssertEqual(store.head, chain.head, "the same blocks apply again on the reverted head")
            XCTAssertEqual(try store.undoFootprint().records, 10)
            _ = try store.revert(to: "again")
            XCTAssertEqual(try entries(store), before)
            XCTAssertEqual(store.head, chain.blocks[3].header)
        }
    }

    func testRevertToAnOlderSnapshotForgetsTheNewerOnes() throws {
        let chain = try StoreFixture.chain(blocks: 12, seed: 9)
        let store = try store(committing: 3, of: chain)
        let before = try entries(store)
        let older = try store.takeSnapshot(named: "older")
        try commit(chain.blocks[3..<7], to: store)
        let newer = try store.takeSnapshot(named: "newer")
        XCTAssertEqual(try store.snapshots(), [older, newer])
        try commit(chain.blocks[7...], to: store)

        let outcome = try store.revert(to: "older")
        XCTAssertEqual(outcome.forgottenSnapshots, ["newer"])
        XCTAssertEqual(try store.snapshots(), [older])
        XCTAssertEqual(try entries(store), before)
        XCTAssertThrowsError(try store.revert(to: "newer")) { error in
            guard case StorageError.unknownSnapshot(name: "newer", known: ["older"]) = error else { return XCTFail("\(error)") }
        }
    }

    func testRevertToTheNewerOfTwoSnapshotsKeepsTheOlderOneUsable() throws {
        let chain = try StoreFixture.chain(blocks: 12, seed: 13)
        let store = try store(committing: 2, of: chain)
        let atTwo = try entries(store)
        try store.takeSnapshot(named: "two")
        try commit(chain.blocks[2..<6], to: store)
        let atSix = try entries(store)
        try store.takeSnapshot(named: "six")
        try commit(chain.blocks[6...], to: store)

        _ = try store.revert(to: "six")
        XCTAssertEqual(try entries(store), atSix)
        XCTAssertEqual(try store.snapshots().map(\.name), ["two", "six"])
        _ = try store.revert(to: "two")
        XCTAssertEqual(try entries(store), atTwo)
    }

    func testAReopenedStorePassesVerifyAfterARevert() throws {
        let chain = try StoreFixture.chain(blocks: 10, seed: 17)
        do {
            let store = try store(committing: 5, of: chain)
            try store.takeSnapshot(named: "mid")
            try commit(chain.blocks[5...], to: store)
            _ = try store.revert(to: "mid")
        }
        let reopened = try ChainStore.open(at: directory)
        XCTAssertEqual(reopened.head, chain.blocks[4].header)
        let verification = try reopened.verify()
        XCTAssertTrue(verification.isConsistent, "\(verification.problems)")
        XCTAssertEqual(verification.height, 5)
        XCTAssertEqual(try reopened.snapshots().map(\.name), ["mid"])
        try commit(chain.blocks[5...], to: reopened)
        XCTAssertEqual(reopened.head, chain.head)
    }

    func testUnknownAndInvalidNamesAreRefusedAndNothingChanges() throws {
        let chain = try StoreFixture.chain(blocks: 6, seed: 2)
        let store = try store(committing: 6, of: chain)
        XCTAssertThrowsError(try store.revert(to: "nope")) { error in
            guard case StorageError.unknownSnapshot(name: "nope", known: []) = error else { return XCTFail("\(error)") }
        }
        for name in ["", "a b", "semi;colon", String(repeating: "x", count: ChainSnapshot.maxNameLength + 1)] {
            XCTAssertThrowsError(try store.takeSnapshot(named: name), "'\(name)'") { error in
                guard case StorageError.invalidSnapshotName = error else { return XCTFail("\(error)") }
            }
        }
        XCTAssertThrowsError(try store.deleteSnapshot(named: "nope"))
        XCTAssertEqual(store.head, chain.head)
        XCTAssertEqual(try store.snapshots(), [])
    }

    func testUndoRecordsAreKeptOnlyWhileASnapshotNeedsThem() throws {
        let chain = try StoreFixture.chain(blocks: 9, seed: 4)
        let store = try store(committing: 3, of: chain)
        try commit(chain.blocks[3..<5], to: store)
        XCTAssertEqual(try store.undoFootprint().records, 0, "no snapshot, no undo records")
        try store.takeSnapshot(named: "s")
        try commit(chain.blocks[5...], to: store)
        let footprint = try store.undoFootprint()
        XCTAssertEqual(footprint.records, 4)
        XCTAssertGreaterThan(footprint.bytes, 0)
        try store.deleteSnapshot(named: "s")
        XCTAssertEqual(try store.undoFootprint().records, 0, "deleting the last snapshot prunes its undo records")
    }

    func testARevertWhoseHistoryIsIncompleteIsRefusedAndRolledBack() throws {
        let chain = try StoreFixture.chain(blocks: 8, seed: 6)
        let store = try store(committing: 3, of: chain)
        try store.takeSnapshot(named: "s")
        try commit(chain.blocks[3...], to: store)
        // An undo record lost (as if a build without undo records had committed that block).
        let tables = store.tablesForTesting
        try store.environmentForTesting.write { txn throws(LMDBError) in try txn.delete(tables[.undo], UInt64(6).bigEndianBytes) }
        let before = try entries(store)
        XCTAssertThrowsError(try store.revert(to: "s")) { error in
            guard case StorageError.cannotRevert = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(store.head, chain.head)
        XCTAssertEqual(try entries(store), before, "nothing of the refused revert was kept")
        XCTAssertEqual(try store.snapshots().map(\.name), ["s"])
    }

    func testUndoRecordRoundTripsAndRefusesDamage() throws {
        let record = UndoRecord(entries: [
            .init(target: .state, key: [1, 2, 3], previous: [9, 9]), .init(target: .tree, key: Bytes(repeating: 7, count: 34), previous: nil),
        ])
        XCTAssertEqual(try UndoRecord(record.bytes), record)
        var damaged = record.bytes
        damaged[5] = 3  // no such target
        XCTAssertThrowsError(try UndoRecord(damaged))
        XCTAssertThrowsError(try UndoRecord(record.bytes + [0]))
    }

    func testAHomeWithoutTheUndoTableOpensReadOnlyAndGetsItOnAWritableOpen() throws {
        let chain = try StoreFixture.chain(blocks: 6, seed: 8)
        do {
            let store = try store(committing: 3, of: chain)
            try store.dropTableForTesting(.undo)
        }
        do {
            let readOnly = try ChainStore.open(at: directory, options: .init(mapSize: 1 << 30, durability: .full, readOnly: true))
            XCTAssertFalse(readOnly.tablesForTesting.contains(.undo), "a read-only open leaves the older layout as it is")
            let verification = try readOnly.verify()
            XCTAssertTrue(verification.isConsistent, "\(verification.problems)")
            XCTAssertNil(verification.records[Table.undo.rawValue])
        }
        let store = try ChainStore.open(at: directory)
        XCTAssertTrue(store.tablesForTesting.contains(.undo))
        let before = try entries(store)
        try store.takeSnapshot(named: "old-home")
        try commit(chain.blocks[3...], to: store)
        _ = try store.revert(to: "old-home")
        XCTAssertEqual(try entries(store), before)
    }
}
