import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

/// The explorer's node-side indexes in a real LMDB store: written with each block, read back as the state and the
/// blocks say, removed for a revert, never part of the state root.
final class ExplorerIndexesTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-explorer-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Commits `chain` block by block, recording after each commit the supply a snapshot of the state gives (the way
    /// `pm_getSupply` computes it), independently of the index.
    private func storeRecordingSupply(_ chain: TestChain) throws -> (ChainStore, [SupplyPoint]) {
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        var expected = [try supplyFromState(store)]
        var parent = store.head
        for block in chain.blocks {
            let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            try store.commit(block, outcome: outcome)
            parent = block.header
            expected.append(try supplyFromState(store))
        }
        return (store, expected)
    }

    private func supplyFromState(_ store: ChainStore) throws -> SupplyPoint {
        try store.withSnapshot { snapshot in
            let totals = try snapshot.totals()
            let held = try ModuleAccount.allCases.reduce(Amount(0)) { $0 + (try snapshot.account($1.address).balance) }
            return SupplyPoint(
                height: try snapshot.height(), minted: totals.minted, burned: totals.burned, supply: totals.supply,
                circulating: totals.supply - held)
        }
    }

    /// Every (height, index, id) of a transaction `address` sent or received a transfer in, newest first.
    private func expectedHistory(_ chain: TestChain, _ address: Address) -> [AccountHistoryEntry] {
        chain.blocks.flatMap { block in
            block.transactions.enumerated().compactMap { index, transaction -> AccountHistoryEntry? in
                guard ExplorerIndexes.parties(of: transaction).contains(address) else { return nil }
                return AccountHistoryEntry(height: block.height, index: UInt32(index), transactionId: transaction.id)
            }
        }.reversed()
    }

    func testTheSupplyHistoryHoldsWhatTheStateSaidAfterEveryBlock() throws {
        let chain = try StoreFixture.chain(blocks: 25, seed: 3)
        let (store, expected) = try storeRecordingSupply(chain)
        let stored = try store.supplyHistory(from: 0, to: store.head.height, points: 1000)
        XCTAssertEqual(stored, expected)
        // Fees burn: the history is not one value repeated.
        XCTAssertGreaterThan(try XCTUnwrap(stored.last).burned, try XCTUnwrap(stored.first).burned)
        XCTAssertLessThan(try XCTUnwrap(stored.last).circulating, try XCTUnwrap(stored.first).circulating, "fee shares leave circulation")
    }

    func testTheSupplyHistoryIsSampledEvenlyWithBothEnds() throws {
        let chain = try StoreFixture.chain(blocks: 20, seed: 4)
        let (store, expected) = try storeRecordingSupply(chain)
        let sampled = try store.supplyHistory(from: 0, to: 20, points: 5)
        XCTAssertEqual(sampled.map(\.height), [0, 5, 10, 15, 20])
        XCTAssertEqual(sampled, [0, 5, 10, 15, 20].map { expected[$0] })
        XCTAssertEqual(try store.supplyHistory(from: 18, to: 1_000, points: 50).map(\.height), [18, 19, 20], "clamped to the head")
        XCTAssertEqual(try store.supplyHistory(from: 3, to: 9, points: 1).map(\.height), [9])
        XCTAssertEqual(try store.supplyHistory(from: 21, to: 30, points: 5), [], "above the head")
    }

    func testSampleHeightsSpreadEvenlyAndNeverRepeat() {
        XCTAssertEqual(ChainStore.sampleHeights(from: 0, to: 100, points: 5), [0, 25, 50, 75, 100])
        XCTAssertEqual(ChainStore.sampleHeights(from: 10, to: 12, points: 200), [10, 11, 12])
        XCTAssertEqual(ChainStore.sampleHeights(from: 7, to: 7, points: 3), [7])
        let wide = ChainStore.sampleHeights(from: 1, to: 1_000_003, points: 1000)
        XCTAssertEqual(wide.count, 1000)
        XCTAssertEqual(wide.first, 1)
        XCTAssertEqual(wide.last, 1_000_003)
        XCTAssertEqual(Set(wide).count, wide.count)
        XCTAssertEqual(wide, wide.sorted())
        let huge = ChainStore.sampleHeights(from: 0, to: UInt64.max - 1, points: 3)
        XCTAssertEqual(huge, [0, (UInt64.max - 1) / 2, UInt64.max - 1], "no overflow near 2^64")
    }

    func testAnAccountsHistoryListsItsTransactionsNewestFirstAndPagesNeverSplitABlock() throws {
        let chain = try StoreFixture.chain(blocks: 30, seed: 5)
        let store = try StoreFixture.store(at: directory, holding: chain)
        for user in ["user0", "user7"] {
            let address = TestKeys.address(user)
            let expected = expectedHistory(chain, address)
            XCTAssertGreaterThan(expected.count, 10, "the fixture gives \(user) enough transfers to page through")
            let whole = try store.accountHistory(address, limit: 1000, before: nil)
            XCTAssertEqual(whole.entries, expected)
            XCTAssertNil(whole.next)

            var pages = [[AccountHistoryEntry]]()
            var before: UInt64?
            repeat {
                let page = try store.accountHistory(address, limit: 3, before: before)
                pages.append(page.entries)
                before = page.next
                if let next = page.next { XCTAssertEqual(page.entries.last?.height, next) }
            } while before != nil && pages.count < 100
            XCTAssertEqual(pages.flatMap { $0 }, expected, "the pages, in order, are the whole history")
            for (page, following) in zip(pages, pages.dropFirst()) {
                XCTAssertGreaterThanOrEqual(page.count, 3)
                XCTAssertNotEqual(page.last?.height, following.first?.height, "a block is never split between pages")
            }
        }
        let stranger = TestKeys.address("nobody")
        XCTAssertEqual(try store.accountHistory(stranger, limit: 10, before: nil).entries, [])
    }

    func testARecipientSeesATransferItNeverSent() throws {
        let chain = try TestChain(users: [("alice", 100 * Tokens.one)])
        let bob = TestKeys.address("bob")
        let transfer = chain.transfer(from: TestKeys.key("alice"), to: bob, amount: Tokens.one)
        try chain.produce([transfer])
        let store = try StoreFixture.store(at: directory, holding: chain)
        let entries = try store.accountHistory(bob, limit: 10, before: nil).entries
        XCTAssertEqual(entries, [AccountHistoryEntry(height: 1, index: 0, transactionId: transfer.id)])
        XCTAssertEqual(try store.accountHistory(TestKeys.address("alice"), limit: 10, before: nil).entries, entries)
    }

    func testATransferToOneselfIsOneEntryAndKeysAreHeightIndexAddress() throws {
        let chain = try TestChain(users: [("alice", 100 * Tokens.one)])
        let alice = TestKeys.address("alice")
        let toSelf = chain.transfer(from: TestKeys.key("alice"), to: alice, amount: Tokens.one)
        try chain.produce([toSelf])
        XCTAssertEqual(ExplorerIndexes.parties(of: toSelf), [alice])
        let store = try StoreFixture.store(at: directory, holding: chain)
        XCTAssertEqual(try store.accountHistory(alice, limit: 10, before: nil).entries, [AccountHistoryEntry(height: 1, index: 0, transactionId: toSelf.id)])
        XCTAssertEqual(
            AccountHistoryLog.key(.init(height: 0x0102_0304_0506_0708, index: 0x0a0b_0c0d), alice),
            [1, 2, 3, 4, 5, 6, 7, 8, 0x0a, 0x0b, 0x0c, 0x0d] + alice.bytes)
        let stored = try XCTUnwrap(store.record(.historyLog, AccountHistoryLog.key(.init(height: 1, index: 0), alice), "test"))
        XCTAssertEqual(Array(stored.prefix(32)), toSelf.id.bytes, "an entry starts with its transaction id")
        XCTAssertEqual(try AccountHistoryLog.Entry(canonical: stored), AccountHistoryLog.Entry(transactionId: toSelf.id, depth: 1, previous: .none, jump: .none))
        let head = try XCTUnwrap(store.record(.historyHeads, alice.bytes, "test"))
        XCTAssertEqual(try AccountHistoryLog.Head(canonical: head).newest, AccountHistoryLog.Link(location: .init(height: 1, index: 0), depth: 1))
    }

    /// A submit-proof concerns its provider (the sender) and its consumer (who pays). A proof whose consumer is its
    /// sender (which the rules refuse) would be one party.
    func testASubmitProofIsInTheProvidersAndTheConsumersHistory() throws {
        let chain = try TestChain(users: [("bob", 1_000 * Tokens.one), ("carol", 10_000 * Tokens.one)])
        let bob = TestKeys.key("bob"), carol = TestKeys.key("carol")
        let stake = chain.stake(from: bob, amount: 200 * Tokens.one)
        try chain.produce([stake])
        let proof = chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: TestKeys.address("bob"), price: 12 * Tokens.one))
        try chain.produce([proof])
        XCTAssertEqual(try XCTUnwrap(chain.blocks.last).transactions.map(\.id), [proof.id], "the proof is in block 2")
        XCTAssertEqual(ExplorerIndexes.parties(of: proof), [TestKeys.address("bob"), TestKeys.address("carol")])
        let own = chain.submitProof(from: carol, chain.receipt(consumer: carol, provider: TestKeys.address("carol")))
        XCTAssertEqual(ExplorerIndexes.parties(of: own), [TestKeys.address("carol")])

        let store = try StoreFixture.store(at: directory, holding: chain)
        XCTAssertEqual(
            try store.accountHistory(TestKeys.address("bob"), limit: 10, before: nil).entries,
            [AccountHistoryEntry(height: 2, index: 0, transactionId: proof.id), AccountHistoryEntry(height: 1, index: 0, transactionId: stake.id)])
        XCTAssertEqual(
            try store.accountHistory(TestKeys.address("carol"), limit: 10, before: nil).entries,
            [AccountHistoryEntry(height: 2, index: 0, transactionId: proof.id)])
    }

    func testRemovingABlocksIndexesLeavesTheRestAndTheStateRootAlone() throws {
        let chain = try StoreFixture.chain(blocks: 12, seed: 6)
        let store = try StoreFixture.store(at: directory, holding: chain)
        let last = try XCTUnwrap(chain.blocks.last)
        let root = try store.withSnapshot { try $0.stateRoot() }
        let before = try store.supplyHistory(from: 0, to: last.height, points: 1000)
        let senders = Set(last.transactions.map(\.senderAddress))
        XCTAssertFalse(senders.isEmpty, "the last block of the fixture has transactions")

        let tables = store.tablesForTesting
        try store.environmentForTesting.write { txn throws(LMDBError) in
            try ExplorerIndexes.remove(forHeight: last.height, block: last, txn: txn, tables: tables)
        }
        XCTAssertEqual(try store.supplyHistory(from: 0, to: last.height, points: 1000), Array(before.dropLast()))
        for sender in senders {
            let entries = try store.accountHistory(sender, limit: 1000, before: nil).entries
            XCTAssertFalse(entries.contains { $0.height == last.height })
            XCTAssertEqual(entries, expectedHistory(chain, sender).filter { $0.height != last.height })
        }
        XCTAssertEqual(try store.withSnapshot { try $0.stateRoot() }, root, "the indexes are not state")
        XCTAssertFalse(try store.verify().isConsistent, "verify counts a supply entry per block: one is missing")
    }

    func testTheIndexesSurviveAReopenAndPassVerify() throws {
        let chain = try StoreFixture.chain(blocks: 8, seed: 9)
        let expected: [SupplyPoint]
        do {
            let (store, points) = try storeRecordingSupply(chain)
            expected = points
            _ = store
        }
        let reopened = try ChainStore.open(at: directory)
        XCTAssertEqual(try reopened.supplyHistory(from: 0, to: 8, points: 100), expected)
        let verification = try reopened.verify()
        XCTAssertTrue(verification.isConsistent, "\(verification)")
        XCTAssertEqual(verification.records[Table.supplyHistory.rawValue], 9)
    }

    func testADamagedSupplyRecordIsReportedNotServed() throws {
        let chain = try StoreFixture.chain(blocks: 3, seed: 10)
        let store = try StoreFixture.store(at: directory, holding: chain)
        let dbi = store.tablesForTesting[.supplyHistory].dbi
        try store.environmentForTesting.write { txn throws(LMDBError) in try txn.putRaw(dbi, UInt64(2).bigEndianBytes, [1, 2, 3]) }
        XCTAssertThrowsError(try store.supplyHistory(from: 0, to: 3, points: 10)) { error in
            XCTAssertTrue("\(error)".contains("supply_history"), "\(error)")
        }
        XCTAssertFalse(try store.verify().isConsistent)
    }
}
