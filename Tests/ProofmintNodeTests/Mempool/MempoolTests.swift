import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

final class MempoolTests: XCTestCase {
    private let chainId = "proofmint-test"

    private func transfer(_ name: String, nonce: UInt64, fee: Amount = 1_000) -> SignedTransaction {
        mempoolTransfer(name, nonce: nonce, fee: fee, chainId: chainId)
    }

    private func insert(_ pool: inout Mempool, _ tx: SignedTransaction, accountNonce: UInt64 = 0) throws {
        try pool.insert(XCTUnwrap(VerifiedTransaction(verifying: tx)), size: tx.encodedSize, accountNonce: accountNonce)
    }

    func testCandidatesFollowFeeAcrossSendersAndNonceWithinOne() throws {
        var pool = Mempool()
        let a0 = transfer("alice", nonce: 0, fee: 10), a1 = transfer("alice", nonce: 1, fee: 500)
        let b0 = transfer("bob", nonce: 0, fee: 100)
        let c0 = transfer("carol", nonce: 0, fee: 100)
        for tx in [a1, a0, b0, c0] { try insert(&pool, tx) }
        // Bob and Carol tie on fee: arrival order decides. Alice's nonce 1 cannot pass her nonce 0.
        let order = pool.candidates(limit: 10) { _ in 0 }.map(\.id)
        XCTAssertEqual(order, [b0.id, c0.id, a0.id, a1.id])
        XCTAssertEqual(pool.candidates(limit: 2) { _ in 0 }.map(\.id), [b0.id, c0.id])
    }

    func testAGapHoldsBackLaterNonces() throws {
        var pool = Mempool()
        try insert(&pool, transfer("alice", nonce: 1))
        try insert(&pool, transfer("alice", nonce: 2))
        XCTAssertTrue(pool.candidates(limit: 10) { _ in 0 }.isEmpty)
        XCTAssertEqual(pool.pendingNonce(for: TestKeys.address("alice"), accountNonce: 0), 0)
        try insert(&pool, transfer("alice", nonce: 0))
        XCTAssertEqual(pool.candidates(limit: 10) { _ in 0 }.count, 3)
        XCTAssertEqual(pool.pendingNonce(for: TestKeys.address("alice"), accountNonce: 0), 3)
    }

    /// A queue takes the account nonce it is given whichever way it moved: a pool that got a sender's nonce too high
    /// (offering nonces no block can include yet, and refusing the one that can) is set right by the state's nonce, from
    /// a resync after a block or from the sender's next admission, and its totals stay those of its entries.
    func testAQueueTakesALowerAccountNonceAndItsTransactionsAreOfferedAgain() throws {
        let alice = TestKeys.address("alice")
        let a = (0..<10).map { transfer("alice", nonce: UInt64($0)) }
        var pool = Mempool()
        // The pool believes alice's nonce is 5; the state says 3.
        try insert(&pool, a[5], accountNonce: 5)
        try insert(&pool, a[6], accountNonce: 5)
        XCTAssertEqual(pool.candidates(limit: 10, pending: .none).map(\.id), [a[5].id, a[6].id])
        pool.prune(senders: [alice]) { _ in 3 }
        XCTAssertEqual(pool.committedNonce(of: alice), 3)
        XCTAssertEqual(pool.count, 2, "a lower nonce drops nothing")
        XCTAssertEqual(pool.gappedCount, 2, "nonces 5 and 6 wait for 3 and 4")
        XCTAssertTrue(pool.candidates(limit: 10, pending: .none).isEmpty)
        try insert(&pool, a[3], accountNonce: 3)
        try insert(&pool, a[4], accountNonce: 3)
        XCTAssertEqual(pool.candidates(limit: 10, pending: .none).map(\.id), [3, 4, 5, 6].map { a[$0].id })
        XCTAssertEqual(pool.gappedCount, 0)

        var other = Mempool()
        // Believed 8, while the state says 7: alice's admission at 7 brings the state's nonce with it.
        try insert(&other, a[8], accountNonce: 8)
        try insert(&other, a[7], accountNonce: 7)
        XCTAssertEqual(other.committedNonce(of: alice), 7)
        XCTAssertEqual(other.candidates(limit: 10, pending: .none).map(\.id), [a[7].id, a[8].id])
        for kept in [pool, other] {
            let recounted = kept.recountedTotals()
            XCTAssertEqual(kept.totalBytes, recounted.bytes)
            XCTAssertEqual(kept.gappedCount, recounted.gappedCount)
            XCTAssertEqual(kept.gappedBytes, recounted.gappedBytes)
        }
    }

    func testReplacementNeedsTenPercentMoreFee() throws {
        var pool = Mempool()
        let original = transfer("alice", nonce: 0, fee: 1_000)
        try insert(&pool, original)
        XCTAssertThrowsError(try insert(&pool, transfer("alice", nonce: 0, fee: 1_099))) { error in
            XCTAssertEqual(error as? MempoolError, .replacementUnderpriced(nonce: 0, pendingFee: 1_000))
        }
        let replacement = transfer("alice", nonce: 0, fee: 1_100)
        try insert(&pool, replacement)
        XCTAssertEqual(pool.count, 1)
        XCTAssertFalse(pool.contains(original.id))
        XCTAssertTrue(pool.contains(replacement.id))
        XCTAssertEqual(pool.totalBytes, replacement.encodedSize)
    }

    func testLimitsAreEnforcedWithClearErrors() throws {
        var limits = Mempool.Limits()
        limits.maxPerSender = 3
        var pool = Mempool(limits: limits)
        for nonce in 0..<3 { try insert(&pool, transfer("alice", nonce: UInt64(nonce))) }
        XCTAssertThrowsError(try insert(&pool, transfer("alice", nonce: 3))) { error in
            // Nonce 3 is exactly maxPerSender ahead, which the gap rule allows: the per-sender cap refuses it.
            XCTAssertEqual(error as? MempoolError, .senderLimit(max: 3))
        }
        XCTAssertThrowsError(try insert(&pool, transfer("alice", nonce: 4))) { error in
            XCTAssertEqual(error as? MempoolError, .nonceGap(expected: 0, actual: 4, maxAhead: 3))
        }
        XCTAssertThrowsError(try insert(&pool, transfer("bob", nonce: 5))) { error in
            XCTAssertEqual(error as? MempoolError, .nonceGap(expected: 0, actual: 5, maxAhead: 3))
        }
        XCTAssertThrowsError(try insert(&pool, transfer("alice", nonce: 0, fee: 1_000))) { error in
            XCTAssertEqual(error as? MempoolError, .duplicate(transfer("alice", nonce: 0, fee: 1_000).id))
        }
        XCTAssertThrowsError(try insert(&pool, transfer("carol", nonce: 0), accountNonce: 1)) { error in
            XCTAssertEqual(error as? MempoolError, .rejected(.nonceTooLow(expected: 1, actual: 0)))
        }

        var bytes = Mempool.Limits()
        let one = transfer("dave", nonce: 0)
        bytes.maxTotalBytes = one.encodedSize * 2
        var small = Mempool(limits: bytes)
        try insert(&small, one)
        try insert(&small, transfer("erin", nonce: 0))
        XCTAssertThrowsError(try insert(&small, transfer("frank", nonce: 0))) { error in
            XCTAssertEqual(error as? MempoolError, .full(maxBytes: one.encodedSize * 2))
        }
    }

    /// docs/RPC.md: a nonce up to 64 past the account's next nonce on chain is accepted; 65 past is a `nonce_gap`.
    func testANonceExactlySixtyFourAheadIsAcceptedAndSixtyFiveIsNot() throws {
        var pool = Mempool()
        try insert(&pool, transfer("alice", nonce: 65), accountNonce: 1)
        XCTAssertTrue(pool.contains(transfer("alice", nonce: 65).id))
        XCTAssertThrowsError(try insert(&pool, transfer("alice", nonce: 66), accountNonce: 1)) { error in
            XCTAssertEqual(error as? MempoolError, .nonceGap(expected: 1, actual: 66, maxAhead: 64))
            XCTAssertEqual(
                (error as? MempoolError)?.description,
                "nonce 66 is more than 64 ahead of the account's next nonce on chain, 1 (the highest accepted is 65)")
        }
    }

    func testPruneDropsUsedNoncesAndKeepsTheRest() throws {
        var pool = Mempool()
        for nonce in 0..<4 { try insert(&pool, transfer("alice", nonce: UInt64(nonce))) }
        try insert(&pool, transfer("bob", nonce: 0))
        pool.prune(senders: [TestKeys.address("alice")]) { _ in 2 }
        XCTAssertEqual(pool.count, 3)
        XCTAssertEqual(pool.candidates(limit: 10) { $0 == TestKeys.address("alice") ? 2 : 0 }.map(\.transaction.nonce).sorted(), [0, 2, 3])
        let bytes = pool.totalBytes
        pool.remove(transfer("bob", nonce: 0).id)
        XCTAssertEqual(pool.count, 2)
        XCTAssertLessThan(pool.totalBytes, bytes)
    }
}
