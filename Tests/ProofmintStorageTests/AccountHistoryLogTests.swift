import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

/// The account history's append-only log (schema 8) against a plain list of what was appended: every page, every
/// `before`, removals newest first, and the number of entries a deep `before` reads.
final class AccountHistoryLogTests: XCTestCase {
    private var directory: String!
    private var store: ChainStore!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-history-log-\(UUID().uuidString)"
        let chain = try TestChain(users: [("alice", 100 * Tokens.one)])
        store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(atPath: directory)
    }

    private let alice = TestKeys.address("alice"), bob = TestKeys.address("bob")

    private func id(_ n: Int) -> Hash32 { Hash32.digest(Array("tx \(n)".utf8)) }

    /// Appends, for each location, an entry of every address in `addresses` (in one write transaction), as a block's
    /// commit does; returns the entries in append order.
    @discardableResult
    private func append(_ locations: [(UInt64, UInt32)], for addresses: [Address], from first: Int = 0) throws -> [AccountHistoryEntry] {
        let tables = store.tablesForTesting
        var appended = [AccountHistoryEntry]()
        try store.environmentForTesting.write { txn throws(LMDBError) in
            for (offset, (height, index)) in locations.enumerated() {
                for address in addresses {
                    try AccountHistoryLog.append(
                        address, at: .init(height: height, index: index), transactionId: id(first + offset), txn: txn, tables: tables)
                }
                appended.append(AccountHistoryEntry(height: height, index: index, transactionId: id(first + offset)))
            }
        }
        return appended
    }

    private func remove(_ locations: [(UInt64, UInt32)], for address: Address) throws {
        let tables = store.tablesForTesting
        try store.environmentForTesting.write { txn throws(LMDBError) in
            for (height, index) in locations {
                try AccountHistoryLog.removeNewest(address, at: .init(height: height, index: index), txn: txn, tables: tables)
            }
        }
    }

    /// What `accountHistory` must answer, computed from the list: entries below `before`, newest first, pages of at
    /// least `limit` that never split a height.
    private func expectedPage(_ all: [AccountHistoryEntry], limit: Int, before: UInt64?) -> (entries: [AccountHistoryEntry], next: UInt64?) {
        let below = all.reversed().filter { before == nil || $0.height < before! }
        var page = [AccountHistoryEntry]()
        for entry in below {
            if page.count >= limit, let last = page.last, last.height != entry.height { return (page, last.height) }
            page.append(entry)
        }
        return (page, nil)
    }

    /// 1 to 3 transactions of the account in each of 400 blocks, at scattered heights and indexes.
    private func scatteredLocations(count: Int, seed: UInt64) -> [(UInt64, UInt32)] {
        var rng = SplitMix64(seed: seed)
        var locations = [(UInt64, UInt32)]()
        var height: UInt64 = 1
        while locations.count < count {
            height += UInt64(rng.int(1..<4))
            var index = UInt32(rng.int(0..<50))
            for _ in 0..<rng.int(1..<4) where locations.count < count {
                locations.append((height, index))
                index += UInt32(rng.int(1..<20))
            }
        }
        return locations
    }

    func testEveryPageAndEveryBeforeMatchTheAppendedList() throws {
        let all = try append(scatteredLocations(count: 700, seed: 11), for: [alice])
        let heights = Set(all.map(\.height)).sorted()
        var rng = SplitMix64(seed: 3)
        let befores: [UInt64?] = [nil, 0, 1, 2] + heights.map { Optional($0) } + heights.map { Optional($0 + 1) } + [UInt64.max]
        for before in befores {
            let limit = [0, 1, 2, 5, 50, 1000][rng.int(0..<6)]
            let page = try store.accountHistory(alice, limit: limit, before: before)
            let expected = expectedPage(all, limit: limit, before: before)
            XCTAssertEqual(page.entries, expected.entries, "before \(String(describing: before)), limit \(limit)")
            XCTAssertEqual(page.next, expected.next, "before \(String(describing: before)), limit \(limit)")
        }
        // Paging from the top with the returned cursor visits the whole list once, in order.
        var visited = [AccountHistoryEntry]()
        var before: UInt64?
        repeat {
            let page = try store.accountHistory(alice, limit: 7, before: before)
            visited += page.entries
            before = page.next
        } while before != nil
        XCTAssertEqual(visited, Array(all.reversed()))
        XCTAssertEqual(try store.accountHistory(bob, limit: 10, before: nil).entries, [], "an address with no entry")
    }

    func testTwoAccountsInterleavedKeepSeparateChains() throws {
        let locations = scatteredLocations(count: 120, seed: 5)
        let both = try append(Array(locations.prefix(60)), for: [alice, bob])
        let aliceOnly = try append(Array(locations.dropFirst(60)), for: [alice], from: 60)
        XCTAssertEqual(try store.accountHistory(alice, limit: 1000, before: nil).entries, Array((both + aliceOnly).reversed()))
        XCTAssertEqual(try store.accountHistory(bob, limit: 1000, before: nil).entries, Array(both.reversed()))
    }

    /// A revert removes entries newest first; what is left answers as if the removed entries had never been written,
    /// and appending again continues the chain.
    func testRemovingNewestFirstRestoresTheHistoryAndItsSkipPointers() throws {
        let locations = scatteredLocations(count: 300, seed: 17)
        let all = try append(locations, for: [alice])
        for keep in [299, 250, 128, 127, 64, 1] {
            let current = try store.accountHistory(alice, limit: 10_000, before: nil).entries.count
            try remove(Array(locations[keep..<current].reversed()), for: alice)
            let left = Array(all.prefix(keep))
            XCTAssertEqual(try store.accountHistory(alice, limit: 10_000, before: nil).entries, Array(left.reversed()), "kept \(keep)")
            for before in Set(left.map(\.height)).sorted().suffix(20) {
                XCTAssertEqual(try store.accountHistory(alice, limit: 3, before: before).entries, expectedPage(left, limit: 3, before: before).entries)
            }
        }
        try remove([locations[0]], for: alice)
        XCTAssertEqual(try store.accountHistory(alice, limit: 10, before: nil).entries, [], "the last entry gone, the head goes too")
        XCTAssertNil(try store.record(.historyHeads, alice.bytes, "test"))
        // Appended again after the removals, the chain is the same as one written that way from the start.
        let again = try append(Array(locations.prefix(200)), for: [alice], from: 1000)
        XCTAssertEqual(try store.accountHistory(alice, limit: 10_000, before: nil).entries, Array(again.reversed()))
        XCTAssertEqual(try store.accountHistory(alice, limit: 4, before: again[100].height).entries, expectedPage(again, limit: 4, before: again[100].height).entries)
    }

    /// Every stored record of the two tables, raw, in key order.
    private func records(_ store: ChainStore) throws -> [[(Bytes, Bytes)]] {
        let tables = store.tablesForTesting
        return try store.environmentForTesting.read(beginFailed: { $0 }) { txn in
            try [Table.historyLog, .historyHeads].map { table in
                var rows = [(Bytes, Bytes)]()
                try txn.scan(tables[table]) { key, value in
                    rows.append((key, value))
                    return true
                }
                return rows
            }
        }
    }

    /// Removing entries puts back the head exactly, skip pointers included: appending the same entries again gives
    /// byte for byte the records of a log that never lost them, whatever depth the removal stopped at.
    func testRemoveThenAppendAgainGivesTheSameRecordsAsNeverRemoving() throws {
        let locations = scatteredLocations(count: 150, seed: 23)
        try append(locations, for: [alice, bob])
        let untouched = try records(store)
        XCTAssertEqual(untouched.map(\.count), [300, 2])
        for keep in [149, 100, 64, 63, 31, 2, 1] {
            try remove(Array(locations[keep...].reversed()), for: alice)
            try append(Array(locations[keep...]), for: [alice], from: keep)
            let again = try records(store)
            for (table, (left, right)) in zip(untouched, again).enumerated() {
                XCTAssertEqual(left.map(\.0), right.map(\.0), "table \(table), kept \(keep)")
                XCTAssertEqual(left.map(\.1), right.map(\.1), "table \(table), kept \(keep)")
            }
        }
    }

    func testRemovingAnEntryThatIsNotTheNewestIsRefused() throws {
        let locations = scatteredLocations(count: 5, seed: 2)
        try append(locations, for: [alice])
        XCTAssertThrowsError(try remove([locations[2]], for: alice))
        XCTAssertThrowsError(try remove([locations[4]], for: bob), "bob has no history at all")
        XCTAssertEqual(try store.accountHistory(alice, limit: 10, before: nil).entries.count, 5, "nothing was removed")
    }

    /// A history whose chain points at an entry that is gone is reported as a damaged record, named by its table,
    /// account and place, not served short.
    func testAMissingEntryIsReportedAsDamageNotServedShort() throws {
        let locations = scatteredLocations(count: 20, seed: 8)
        try append(locations, for: [alice])
        let tables = store.tablesForTesting
        let (height, index) = locations[10]
        try store.environmentForTesting.write { txn throws(LMDBError) in
            try txn.delete(tables[.historyLog], AccountHistoryLog.key(.init(height: height, index: index), alice))
        }
        XCTAssertEqual(try store.accountHistory(alice, limit: 5, before: nil).entries.count, 5, "the newer entries still read")
        XCTAssertThrowsError(try store.accountHistory(alice, limit: 100, before: nil)) { error in
            guard case let StorageError.corruptRecord(_, table, key, detail) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(table, "history_log")
            XCTAssertTrue(key.contains(alice.bytes.hex) && key.contains("height \(height)"), key)
            XCTAssertTrue(detail.contains("missing"), detail)
        }
    }

    /// The skip pointers: finding the newest entry below any height of a 4,000-entry history reads a few dozen entries,
    /// not thousands (a plain chain of predecessors would read up to 4,000). Wrong jumps would not change any page, only
    /// this count.
    func testADeepBeforeReadsLogarithmicallyManyEntries() throws {
        let locations = (1...4000).map { (UInt64($0), UInt32(0)) }
        try append(locations, for: [alice])
        let tables = store.tablesForTesting
        let results = try store.environmentForTesting.read(beginFailed: { $0 }) { txn throws(LMDBError) in
            try (UInt64(1)...4001).map { before throws(LMDBError) in
                (before, try AccountHistoryLog.seek(alice, before: before, txn: txn, tables: tables))
            }
        }
        var worst = 0
        for (before, found) in results {
            guard let found else {
                XCTAssertEqual(before, 1, "only below height 1 is there nothing")
                continue
            }
            XCTAssertEqual(found.location.height, before - 1)
            worst = max(worst, found.reads)
        }
        XCTAssertLessThanOrEqual(worst, 2 * 12 + 8, "2·log2(4000) + a few")
        XCTAssertGreaterThan(worst, 1)
    }
}
