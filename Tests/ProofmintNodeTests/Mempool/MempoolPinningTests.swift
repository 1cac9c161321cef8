import Foundation
import Logging
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// Issue 13, D3: funded accounts flood the node with transactions that skip a nonce, at the minimum fee, as large as
/// a transfer gets. Before the fix they were admitted, never selected, pruned or evicted, and pinned the pool full;
/// now they take at most their share, and honest transfers are still admitted and mined.
final class MempoolPinningTests: XCTestCase {
    private var directory: String!
    private var chain: TestChain!
    private let validator = ValidatorKey(name: "validator-a", key: TestKeys.key("validator-a"))
    private let attackers = (0..<80).map { "attacker-\($0)" }
    private let memo = Bytes(repeating: 0x41, count: Transfer.maxMemoBytes)

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-pinning-\(UUID().uuidString)"
        chain = try TestChain(
            validators: ["validator-a"],
            users: [("alice", 1_000 * Tokens.one), ("bob", 500 * Tokens.one)] + attackers.map { ($0, Tokens.one) })
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func makeNode(limits: Mempool.Limits, clock: TestClock? = nil) throws -> Node {
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        var logger = Logger(label: "proofmint.test.pinning")
        logger.logLevel = .warning
        let clock = clock ?? TestClock(chain.genesisBlock.header.timestamp + 1_000)
        return Node(
            store: store, validator: validator, mode: .manual, emptyBlocks: true, mempoolLimits: limits, logger: logger,
            clock: { clock.now }, sleep: { _ in })
    }

    /// The attack: every attacker sends nonces 1 to `perAttacker` (nonce 0 never comes) at the minimum fee.
    /// Returns how many were admitted and the names of the refusals.
    private func flood(_ node: Node, perAttacker: UInt64) async -> (admitted: Int, refusals: [String: Int]) {
        var admitted = 0
        var refusals = [String: Int]()
        for attacker in attackers {
            for nonce in 1...perAttacker {
                let tx = chain.transfer(from: TestKeys.key(attacker), to: TestKeys.address("sink"), amount: 1, nonce: nonce, memo: memo)
                do {
                    _ = try await node.submit(tx.canonicalBytes)
                    admitted += 1
                } catch let NodeError.mempool(error) {
                    refusals[error.name, default: 0] += 1
                } catch {
                    XCTFail("unexpected \(error)")
                }
            }
        }
        return (admitted, refusals)
    }

    private func honestTransfers() -> [SignedTransaction] {
        ["alice", "bob"].map { chain.transfer(from: TestKeys.key($0), to: TestKeys.address("carol"), amount: Tokens.one, memo: memo) }
    }

    /// A pool small enough for the flood to fill its bytes: honest transfers paying the same minimum fee, and as
    /// large, still get in (a ready transaction displaces a gapped one) and are mined in the next block.
    func testAFloodOfGappedTransactionsFillingThePoolDoesNotKeepHonestTransfersOut() async throws {
        var limits = Mempool.Limits()
        limits.maxTotalBytes = 128 << 10
        let node = try makeNode(limits: limits)
        let (admitted, refusals) = await flood(node, perAttacker: 20)
        XCTAssertGreaterThan(admitted, 200)
        XCTAssertGreaterThan(refusals["mempool_full"] ?? 0, 0, "the flood should have filled the pool: \(refusals)")
        XCTAssertGreaterThan(refusals["gapped_sender_limit"] ?? 0, 0, "\(refusals)")
        let full = await node.mempoolBytes
        XCTAssertGreaterThan(full + 1_000, limits.maxTotalBytes)

        let honest = honestTransfers()
        for tx in honest { _ = try await node.submit(tx.canonicalBytes) }
        for tx in honest {
            let pending = await node.pendingTransaction(tx.id)
            XCTAssertNotNil(pending)
        }
        let block = try await node.produceBlock(allowEmpty: false)
        XCTAssertEqual(block.map { Set($0.transactions.map(\.id)) }, Set(honest.map(\.id)))
        XCTAssertEqual(try node.store.withSnapshot { try $0.account(TestKeys.address("carol")).balance }, 2 * Tokens.one)
    }

    /// With the default limits the flood gets at most the gapped share (1024 transactions, 16 per sender), a sliver
    /// of the 64 MiB pool: honest transfers are admitted without evicting anything and are mined.
    func testWithDefaultLimitsAFloodOfGappedTransactionsTakesOnlyItsShare() async throws {
        let limits = Mempool.Limits()
        let node = try makeNode(limits: limits)
        let (admitted, refusals) = await flood(node, perAttacker: 20)
        XCTAssertEqual(admitted, limits.maxGapped)
        // The first 64 attackers fill the share 16 each (their nonces 17 to 20 hit the per-sender cap); the last 16
        // find it full.
        XCTAssertEqual(refusals["gapped_sender_limit"], 64 * 4)
        XCTAssertEqual(refusals["gapped_limit"], 16 * 20)
        let bytes = await node.mempoolBytes
        XCTAssertLessThan(bytes, limits.maxTotalBytes / 64)

        let honest = honestTransfers()
        for tx in honest { _ = try await node.submit(tx.canonicalBytes) }
        let block = try await node.produceBlock(allowEmpty: false)
        XCTAssertEqual(block.map { Set($0.transactions.map(\.id)) }, Set(honest.map(\.id)))
        let size = await node.mempoolSize
        XCTAssertEqual(size, limits.maxGapped)
    }

    /// A gap nobody fills frees its slots: after the lifetime in blocks on a producing node, and after the lifetime
    /// in time on a node whose head does not move (manual mining, or no validator key).
    func testTheNodeExpiresGappedTransactionsByBlocksAndByTime() async throws {
        var limits = Mempool.Limits()
        limits.gappedLifetimeBlocks = 2
        limits.gappedLifetimeMilliseconds = 60_000
        let clock = TestClock(chain.genesisBlock.header.timestamp + 1_000)
        let node = try makeNode(limits: limits, clock: clock)
        let gap = chain.transfer(from: TestKeys.key("attacker-0"), to: TestKeys.address("sink"), amount: 1, nonce: 1)
        let ready = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("sink"), amount: 1, nonce: 1)
        _ = try await node.submit(gap.canonicalBytes)
        _ = try await node.submit(ready.canonicalBytes)  // alice's nonce 0 comes later: gapped too, for now
        _ = try await node.submit(chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("sink"), amount: 1, nonce: 0).canonicalBytes)
        _ = try await node.mine(count: 1)
        var size = await node.mempoolSize
        XCTAssertEqual(size, 1, "alice's two were mined; the gapped one waits")
        _ = try await node.mine(count: 1)
        size = await node.mempoolSize
        XCTAssertEqual(size, 0, "two blocks after its admission the gapped transaction is gone")

        let late = chain.transfer(from: TestKeys.key("attacker-1"), to: TestKeys.address("sink"), amount: 1, nonce: 1)
        _ = try await node.submit(late.canonicalBytes)
        clock.advance(59_000)
        _ = try await node.submit(chain.transfer(from: TestKeys.key("bob"), to: TestKeys.address("sink"), amount: 1, nonce: 5).canonicalBytes)
        size = await node.mempoolSize
        XCTAssertEqual(size, 2)
        clock.advance(1_000)
        // No block: the next submission (or block) sweeps by time.
        _ = try await node.submit(chain.transfer(from: TestKeys.key("bob"), to: TestKeys.address("sink"), amount: 1, nonce: 0).canonicalBytes)
        let pending = await node.pendingTransaction(late.id)
        XCTAssertNil(pending)
        size = await node.mempoolSize
        XCTAssertEqual(size, 2, "bob's gapped nonce 5 is younger than the lifetime and stays, with his nonce 0")
    }
}
