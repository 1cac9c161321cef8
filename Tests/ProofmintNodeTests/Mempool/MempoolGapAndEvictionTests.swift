import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// The bounds that keep transactions behind a nonce gap from pinning the pool (issue 13, D3), and fee eviction.
final class MempoolGapAndEvictionTests: XCTestCase {
    private let chainId = "proofmint-test"

    private func transfer(_ name: String, nonce: UInt64, fee: Amount = 1_000) -> SignedTransaction {
        mempoolTransfer(name, nonce: nonce, fee: fee, chainId: chainId)
    }

    @discardableResult
    private func insert(_ pool: inout Mempool, _ tx: SignedTransaction, accountNonce: UInt64 = 0) throws -> [Hash32] {
        try pool.insert(XCTUnwrap(VerifiedTransaction(verifying: tx)), size: tx.encodedSize, accountNonce: accountNonce)
    }

    private func assertRefused(
        _ pool: inout Mempool, _ tx: SignedTransaction, _ expected: MempoolError, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try insert(&pool, tx), file: file, line: line) { error in
            XCTAssertEqual(error as? MempoolError, expected, file: file, line: line)
        }
        XCTAssertFalse(pool.contains(tx.id), file: file, line: line)
    }

    func testGappedTransactionsAreCappedPerSender() throws {
        var limits = Mempool.Limits()
        limits.maxGappedPerSender = 2
        var pool = Mempool(limits: limits)
        try insert(&pool, transfer("alice", nonce: 1))
        try insert(&pool, transfer("alice", nonce: 2))
        XCTAssertEqual(pool.gappedCount, 2)
        assertRefused(&pool, transfer("alice", nonce: 3), .gappedSenderLimit(max: 2, nextNonce: 0))
        XCTAssertEqual(
            MempoolError.gappedSenderLimit(max: 2, nextNonce: 0).description,
            "sender already has 2 transactions waiting behind a nonce gap: send nonce 0 first")
        // Another sender is not affected, and filling the gap turns the waiting ones ready, freeing the allowance.
        try insert(&pool, transfer("bob", nonce: 5))
        try insert(&pool, transfer("alice", nonce: 0))
        XCTAssertEqual(pool.gappedCount, 1)
        try insert(&pool, transfer("alice", nonce: 5))
        try insert(&pool, transfer("alice", nonce: 6))
        assertRefused(&pool, transfer("alice", nonce: 7), .gappedSenderLimit(max: 2, nextNonce: 3))
        // A ready transaction never counts against the gapped allowance.
        try insert(&pool, transfer("alice", nonce: 3))
        XCTAssertEqual(pool.candidates(limit: 10) { _ in 0 }.filter { $0.transaction.senderAddress == TestKeys.address("alice") }.count, 4)
    }

    func testGappedTransactionsAreCappedInTotalAndOnlyOutbiddenByGappedOnes() throws {
        var limits = Mempool.Limits()
        limits.maxGapped = 3
        var pool = Mempool(limits: limits)
        let gapped = ["alice", "bob", "carol"].map { transfer($0, nonce: 1, fee: 1_000) }
        for tx in gapped { try insert(&pool, tx) }
        assertRefused(&pool, transfer("dave", nonce: 1, fee: 1_000), .gappedLimit(max: 3))
        // Ready transactions are not limited by the gapped share.
        try insert(&pool, transfer("erin", nonce: 0))
        // Paying more per byte takes the slot of the cheapest, the latest arrival among equals (carol's).
        let richer = transfer("dave", nonce: 1, fee: 2_000)
        XCTAssertEqual(try insert(&pool, richer), [gapped[2].id])
        XCTAssertEqual(pool.gappedCount, 3)
        XCTAssertTrue(pool.contains(richer.id))
        XCTAssertFalse(pool.contains(gapped[2].id))
        XCTAssertEqual(pool.count, 4)
        XCTAssertEqual(pool.totalBytes, [gapped[0], gapped[1], richer, transfer("erin", nonce: 0)].map(\.encodedSize).reduce(0, +))
    }

    func testGappedTransactionsExpireByBlocksOrByTimeButReadyOnesDoNot() throws {
        var limits = Mempool.Limits()
        limits.gappedLifetimeBlocks = 10
        limits.gappedLifetimeMilliseconds = 60_000
        var pool = Mempool(limits: limits)
        let start: UInt64 = 1_700_000_000_000
        pool.expire(height: 100, now: start)
        let aliceGap = transfer("alice", nonce: 1), bobReady = transfer("bob", nonce: 0)
        let carolGap = transfer("carol", nonce: 3)
        for tx in [aliceGap, bobReady, carolGap] { try insert(&pool, tx) }
        XCTAssertEqual(pool.expire(height: 109, now: start + 59_999), [])
        XCTAssertEqual(pool.count, 3)
        // Ten blocks on, both gapped transactions go; bob's ready one stays.
        XCTAssertEqual(pool.expire(height: 110, now: start + 59_999), [aliceGap.id, carolGap.id])
        XCTAssertEqual(pool.count, 1)
        XCTAssertEqual(pool.gappedCount, 0)
        XCTAssertEqual(pool.totalBytes, bobReady.encodedSize)

        // By time: no block for a minute (a manual-mode node) expires them too; a clock stepping back does not.
        let daveGap = transfer("dave", nonce: 2)
        try insert(&pool, daveGap)
        try insert(&pool, transfer("erin", nonce: 1))
        try insert(&pool, transfer("erin", nonce: 0))  // fills erin's gap: her nonce 1 is ready now
        XCTAssertEqual(pool.expire(height: 110, now: start), [])
        XCTAssertEqual(pool.expire(height: 110, now: start + 59_999 + 60_000), [daveGap.id])
        XCTAssertEqual(pool.count, 3)
    }

    func testAFullPoolEvictsTheCheapestPerByteForABetterPayingTransaction() throws {
        let alice0 = transfer("alice", nonce: 0, fee: 1_000), alice1 = transfer("alice", nonce: 1, fee: 1_000)
        let bob0 = transfer("bob", nonce: 0, fee: 3_000)
        var limits = Mempool.Limits()
        limits.maxTotalBytes = [alice0, alice1, bob0].map(\.encodedSize).reduce(0, +)
        var pool = Mempool(limits: limits)
        for tx in [alice0, alice1, bob0] { try insert(&pool, tx) }
        // The same fee per byte does not evict: the pool keeps what came first.
        assertRefused(&pool, transfer("carol", nonce: 0, fee: 1_000), .full(maxBytes: limits.maxTotalBytes))
        // More per byte evicts alice's tail (nonce 1), so her nonce 0 stays includable.
        let carol0 = transfer("carol", nonce: 0, fee: 2_000)
        XCTAssertEqual(try insert(&pool, carol0), [alice1.id])
        XCTAssertEqual(pool.candidates(limit: 10) { _ in 0 }.map(\.id), [bob0.id, carol0.id, alice0.id])
        // A gapped transaction never displaces a ready one, whatever it pays.
        assertRefused(&pool, transfer("dave", nonce: 1, fee: 1_000_000), .full(maxBytes: limits.maxTotalBytes))
        // A ready transaction paying far more takes the cheapest other sender's tail (carol's, not bob's).
        let alice1Again = transfer("alice", nonce: 1, fee: 1_000_000)
        XCTAssertEqual(try insert(&pool, alice1Again), [carol0.id])
        XCTAssertEqual(pool.candidates(limit: 10) { _ in 0 }.map(\.id), [bob0.id, alice0.id, alice1Again.id])
        XCTAssertLessThanOrEqual(pool.totalBytes, limits.maxTotalBytes)
    }

    func testGappedTransactionsAreEvictedFirstWhateverTheyPay() throws {
        let bob0 = transfer("bob", nonce: 0, fee: 1_000)
        let aliceGap = transfer("alice", nonce: 1, fee: 1_000_000)
        var limits = Mempool.Limits()
        limits.maxTotalBytes = bob0.encodedSize + aliceGap.encodedSize
        var pool = Mempool(limits: limits)
        try insert(&pool, bob0)
        try insert(&pool, aliceGap)
        // A ready transaction at the minimum takes the gapped one's place: it can be mined, the gapped one cannot.
        let carol0 = transfer("carol", nonce: 0, fee: 1_000)
        XCTAssertEqual(try insert(&pool, carol0), [aliceGap.id])
        XCTAssertEqual(pool.gappedCount, 0)
        XCTAssertEqual(pool.gappedBytes, 0)
        XCTAssertEqual(Set(pool.candidates(limit: 10) { _ in 0 }.map(\.id)), [bob0.id, carol0.id])
    }

    /// The same submissions give the same pool, candidates and evictions, whatever order the senders hash in.
    func testSelectionAndEvictionAreReproducible() throws {
        func run() throws -> (candidates: [Hash32], evicted: [Hash32]) {
            var limits = Mempool.Limits()
            limits.maxGapped = 8
            var pool = Mempool(limits: limits)
            var evicted = [Hash32]()
            for index in 0..<40 {
                let name = "sender-\(index % 13)"
                let nonce = UInt64(index % 3 == 0 ? 2 : 0) + UInt64(index / 13)
                let tx = transfer(name, nonce: nonce, fee: Amount(1_000 + (index % 4) * 100))
                if let out = try? insert(&pool, tx) { evicted += out }
            }
            return (pool.candidates(limit: 100) { _ in 0 }.map(\.id), evicted)
        }
        let first = try run(), second = try run()
        XCTAssertEqual(first.candidates, second.candidates)
        XCTAssertEqual(first.evicted, second.evicted)
        XCTAssertFalse(first.candidates.isEmpty)
    }

    /// The pool's byte and gapped totals are kept as entries come and go; after any sequence of admissions,
    /// replacements, evictions, removals, prunes (up, far up and down) and expiries they equal the totals summed from
    /// every entry, each ready run walked again.
    func testTheKeptTotalsEqualTheEntriesAfterAnySequenceOfOperations() throws {
        var sawGapped = 0, sawEvictions = 0
        for seedIndex in 0..<20 {
            let seed = SplitMix64.caseSeed(0x6d70_6f6f_6c, seedIndex)
            var random = SplitMix64(seed: seed)
            var limits = Mempool.Limits()
            (limits.maxGapped, limits.maxGappedPerSender, limits.maxTotalBytes) = (6, 3, 12 * transfer("a", nonce: 0).encodedSize)
            limits.gappedLifetimeBlocks = 5
            var pool = Mempool(limits: limits)
            let senders = (0..<5).map { TestKeys.address("sender-\($0)") }
            var nonces = [Address: UInt64]()
            for step in 0..<150 {
                let index = Int(random.next() % 5)
                let sender = senders[index], accountNonce = nonces[sender, default: 0]
                switch random.next() % 10 {
                case 0..<6:
                    let nonce = accountNonce + random.next() % 6
                    let fee = Amount(1_000 + random.next() % 800)
                    if let evicted = try? insert(&pool, transfer("sender-\(index)", nonce: nonce, fee: fee), accountNonce: accountNonce) {
                        sawEvictions += evicted.count
                    }
                case 6:
                    if let id = pool.candidates(limit: 1, accountNonce: { nonces[$0, default: 0] }).first?.id { pool.remove(id) }
                case 7:
                    nonces[sender] = accountNonce + random.next() % 3
                    pool.prune(senders: [sender]) { nonces[$0, default: 0] }
                case 8:
                    // Down (a pool set right after it got ahead of the state) or far ahead (many nonces used at once).
                    let down = random.next() % 2 == 0, step = random.next()
                    nonces[sender] = down ? accountNonce - min(accountNonce, step % 3) : accountNonce + 5 + step % 60
                    pool.prune(senders: [sender]) { nonces[$0, default: 0] }
                default:
                    pool.expire(height: UInt64(step), now: UInt64(step) * 1_000)
                }
                let recounted = pool.recountedTotals()
                XCTAssertEqual(pool.totalBytes, recounted.bytes, "seed \(seed), step \(step)")
                XCTAssertEqual(pool.gappedCount, recounted.gappedCount, "seed \(seed), step \(step)")
                XCTAssertEqual(pool.gappedBytes, recounted.gappedBytes, "seed \(seed), step \(step)")
                if pool.gappedCount > 0 { sawGapped += 1 }
            }
        }
        XCTAssertGreaterThan(sawGapped, 100, "the sequences hold gapped transactions")
        XCTAssertGreaterThan(sawEvictions, 10, "the sequences fill the pool and evict")
    }

    /// Fee per byte is compared exactly, also for fees too large for the fast product.
    func testFeeRatesCompareExactlyAcrossTheWholeAmountRange() {
        XCTAssertLessThan(FeeRate(fee: 1_000, size: 200), FeeRate(fee: 1_001, size: 200))
        XCTAssertLessThan(FeeRate(fee: 1_000, size: 201), FeeRate(fee: 1_000, size: 200))
        XCTAssertEqual(FeeRate(fee: 1_000, size: 200), FeeRate(fee: 2_000, size: 400))
        let huge = Amount.max / 3
        XCTAssertLessThan(FeeRate(fee: huge, size: 4_096), FeeRate(fee: huge, size: 4_095))
        XCTAssertLessThan(FeeRate(fee: 1, size: 1), FeeRate(fee: huge, size: 4_096))
        XCTAssertEqual(FeeRate(fee: Amount.max - 1, size: 2), FeeRate(fee: Amount.max / 2, size: 1))
        XCTAssertFalse(FeeRate(fee: Amount.max, size: 1) < FeeRate(fee: Amount.max, size: 1))
    }
}
