import Foundation
import Logging
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// The producer over a real LMDB home, driven by an injected clock and sleep: nothing here waits on real time.
final class BlockProducerTests: XCTestCase {
    private var directory: String!
    private var chain: TestChain!
    private let validator = ValidatorKey(name: "validator-a", key: TestKeys.key("validator-a"))

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-producer-\(UUID().uuidString)"
        let minFee = try TestChain(validators: ["validator-a"]).parameters.minFee
        // One validator, so this node is scheduled for every height. Dan has just enough for one minimum-fee
        // transfer of one base unit: a second transaction from dan cannot pay its fee.
        chain = try TestChain(
            validators: ["validator-a"], users: [("alice", 1_000 * Tokens.one), ("bob", 500 * Tokens.one), ("dan", minFee + 1)])
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: - Fixtures

    /// A node on a fresh home holding the test chain's genesis, stamping blocks with `clock` and pacing interval mode
    /// with `ticker`.
    private func makeNode(
        mode: MiningMode = .manual, emptyBlocks: Bool = true, validator: ValidatorKey?? = .none,
        clock: TestClock, ticker: TestTicker = TestTicker()
    ) throws -> Node {
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        var logger = Logger(label: "proofmint.test.producer")
        logger.logLevel = .warning
        return Node(
            store: store, validator: validator ?? self.validator, mode: mode, emptyBlocks: emptyBlocks,
            logger: logger, clock: { clock.now },
            sleep: { milliseconds in try ticker.sleep(milliseconds, advancing: clock) })
    }

    private var genesisTime: UInt64 { chain.genesisBlock.header.timestamp }

    private func transfer(_ from: String, nonce: UInt64, amount: Amount = 1) -> SignedTransaction {
        chain.transfer(from: TestKeys.key(from), to: TestKeys.address("carol"), amount: amount, nonce: nonce)
    }

    private func blocks(_ node: Node) throws -> [Block] {
        let store = node.store
        return try (1...max(store.head.height, 1)).compactMap { try store.block(at: $0) }
    }

    // MARK: - Timestamps

    func testTimestampsFollowTheInjectedClockAndNeverGoBackwards() async throws {
        let clock = TestClock(genesisTime + 5_000)
        let node = try makeNode(clock: clock)
        _ = try await node.mine(count: 1)
        clock.set(genesisTime + 9_000)
        _ = try await node.mine(count: 1)
        // The clock steps back: the block keeps its parent's timestamp (timestamp = max(clock, parent's)).
        clock.set(genesisTime + 1_000)
        _ = try await node.mine(count: 1)
        clock.set(genesisTime + 12_000)
        _ = try await node.mine(count: 1)
        let stamps = try blocks(node).map(\.header.timestamp)
        XCTAssertEqual(stamps, [genesisTime + 5_000, genesisTime + 9_000, genesisTime + 9_000, genesisTime + 12_000])
        try assertChainIsValid(node)
    }

    // MARK: - Manual mode

    func testMineProducesExactlyCountBlocksWithConsecutiveHeights() async throws {
        let node = try makeNode(clock: TestClock(genesisTime))
        let first = try await node.mine(count: 3)
        let none = try await node.mine(count: 0)
        let second = try await node.mine(count: 2)
        XCTAssertEqual(first, [1, 2, 3])
        XCTAssertEqual(none, [])
        XCTAssertEqual(second, [4, 5])
        XCTAssertEqual(node.store.head.height, 5)
        let chainBlocks = try blocks(node)
        XCTAssertEqual(chainBlocks.map(\.height), [1, 2, 3, 4, 5])
        XCTAssertEqual(chainBlocks.first?.header.parentHash, chain.genesisBlock.hash)
        for (parent, child) in zip(chainBlocks, chainBlocks.dropFirst()) {
            XCTAssertEqual(child.header.parentHash, parent.hash, "block \(child.height) links to its parent")
        }
        try assertChainIsValid(node)
    }

    func testMineIncludesPendingTransactionsAndEmptiesTheMempool() async throws {
        let node = try makeNode(clock: TestClock(genesisTime + 1_000))
        let sent = [transfer("alice", nonce: 0), transfer("alice", nonce: 1), transfer("bob", nonce: 0)]
        for transaction in sent { _ = try await node.submit(transaction.canonicalBytes) }
        let queued = await node.mempoolSize
        XCTAssertEqual(queued, 3)
        XCTAssertEqual(node.store.head.height, 0, "manual mode does not produce on submission")
        let heights = try await node.mine(count: 1)
        XCTAssertEqual(heights, [1])
        XCTAssertEqual(Set(try XCTUnwrap(node.store.block(at: 1)).transactions.map(\.id)), Set(sent.map(\.id)))
        let left = await node.mempoolSize
        XCTAssertEqual(left, 0)
        let pending = await node.pendingNonce(for: TestKeys.address("alice"), accountNonce: 2)
        XCTAssertEqual(pending, 2)
    }

    func testATransactionThatBecameInvalidIsDroppedWithItsReasonAndTheBlockIsStillMade() async throws {
        let node = try makeNode(clock: TestClock(genesisTime + 1_000))
        // Each is admissible on the head state; after the first, dan cannot pay the second's fee.
        let pays = transfer("dan", nonce: 0)
        let cannotPay = transfer("dan", nonce: 1)
        _ = try await node.submit(pays.canonicalBytes)
        _ = try await node.submit(cannotPay.canonicalBytes)
        let produced = try await node.produce(allowEmpty: false)
        let production = try XCTUnwrap(produced)
        XCTAssertEqual(production.block.height, 1)
        XCTAssertEqual(production.block.transactions.map(\.id), [pays.id])
        XCTAssertEqual(production.dropped.map(\.transaction.id), [cannotPay.id])
        XCTAssertEqual(production.dropped.first?.error, .cannotPayFee(balance: 0, fee: chain.parameters.minFee))
        let stillPending = await node.pendingTransaction(cannotPay.id)
        XCTAssertNil(stillPending, "a dropped transaction leaves the mempool")
        let size = await node.mempoolSize
        XCTAssertEqual(size, 0)
        XCTAssertEqual(node.store.head.height, 1)
    }

    func testANodeWithoutAValidatorKeyRefusesToProduce() async throws {
        let node = try makeNode(validator: .some(nil), clock: TestClock(genesisTime))
        do {
            _ = try await node.mine(count: 1)
            XCTFail("a node without a validator key produced a block")
        } catch .cannotProduce {
        } catch {
            XCTFail("expected cannotProduce, got \(error)")
        }
        XCTAssertEqual(node.store.head.height, 0)
    }

    // MARK: - Instant mode

    func testInstantModeMakesOneBlockPerSubmissionBatch() async throws {
        let node = try makeNode(mode: .instant, emptyBlocks: false, clock: TestClock(genesisTime + 1_000))
        let batch1 = [transfer("alice", nonce: 0), transfer("bob", nonce: 0), transfer("alice", nonce: 1)]
        _ = try await node.submitAll(batch1.map(\.canonicalBytes))
        await node.waitForScheduledProduction()
        XCTAssertEqual(node.store.head.height, 1)
        XCTAssertEqual(Set(try XCTUnwrap(node.store.block(at: 1)).transactions.map(\.id)), Set(batch1.map(\.id)))

        let batch2 = [transfer("bob", nonce: 1), transfer("alice", nonce: 2)]
        _ = try await node.submitAll(batch2.map(\.canonicalBytes))
        await node.waitForScheduledProduction()
        XCTAssertEqual(node.store.head.height, 2)
        XCTAssertEqual(Set(try XCTUnwrap(node.store.block(at: 2)).transactions.map(\.id)), Set(batch2.map(\.id)))
        let size = await node.mempoolSize
        XCTAssertEqual(size, 0)
        try assertChainIsValid(node)
    }

    func testInstantTriggerCoalescesRequestsUntilTheRunStarts() async {
        let runs = RunCounter()
        var trigger = InstantTrigger()
        for _ in 0..<3 { trigger.request { runs.increment() } }
        await trigger.lastRun?.value
        XCTAssertEqual(runs.value, 1, "three arrivals before the run started share one run")
        trigger.started()
        trigger.request { runs.increment() }
        await trigger.lastRun?.value
        XCTAssertEqual(runs.value, 2, "an arrival after the run started gets a run of its own")
    }

    // MARK: - Interval mode

    func testIntervalModeWithEmptyBlocksMakesABlockEveryIntervalStampedByTheClock() async throws {
        let interval = try makeIntervalNode(every: 2_000, emptyBlocks: true)
        await interval.run(intervals: 4)
        XCTAssertEqual(interval.node.store.head.height, 4)
        XCTAssertEqual(try blocks(interval.node).map(\.header.timestamp), (1...4).map { genesisTime + UInt64($0) * 2_000 })
        XCTAssertEqual(interval.ticker.sleeps, [2_000, 2_000, 2_000, 2_000, 2_000], "four intervals, then the cancelled fifth sleep")
    }

    func testIntervalModeWithoutEmptyBlocksWaitsForTransactions() async throws {
        let interval = try makeIntervalNode(every: 1_000, emptyBlocks: false)
        let node = interval.node
        await interval.run(intervals: 3)
        XCTAssertEqual(node.store.head.height, 0, "three idle intervals make no block")

        let sent = transfer("alice", nonce: 0)
        _ = try await node.submit(sent.canonicalBytes)
        await interval.run(intervals: 3)
        XCTAssertEqual(node.store.head.height, 1, "one block for the one transaction, none for the idle intervals after it")
        let block = try XCTUnwrap(node.store.block(at: 1))
        XCTAssertEqual(block.transactions.map(\.id), [sent.id])
        XCTAssertEqual(block.header.timestamp, genesisTime + 4_000, "stamped at the first interval after the submission")
    }

    /// An interval-mode node whose clock starts at genesis time and whose sleep the test releases.
    private func makeIntervalNode(every milliseconds: UInt64, emptyBlocks: Bool) throws -> IntervalRun {
        let clock = TestClock(genesisTime)
        let ticker = TestTicker()
        let node = try makeNode(
            mode: .interval(milliseconds: milliseconds), emptyBlocks: emptyBlocks, clock: clock, ticker: ticker)
        return IntervalRun(node: node, ticker: ticker, milliseconds: milliseconds)
    }

    // MARK: - Checks

    /// Every produced block passes `StateTransition.apply` against its parent (replayed on the in-memory chain),
    /// and the home's state is whole.
    private func assertChainIsValid(_ node: Node, file: StaticString = #filePath, line: UInt = #line) throws {
        for block in try blocks(node) {
            XCTAssertNoThrow(try chain.apply(block), "block \(block.height)", file: file, line: line)
        }
        XCTAssertEqual(chain.head, node.store.head, file: file, line: line)
        let check = try node.store.checkState()
        XCTAssertTrue(check.isConsistent, "\(check)", file: file, line: line)
    }
}

// MARK: - Test doubles

/// A clock the test sets and the injected sleep advances; read by the producer to stamp blocks.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var milliseconds: UInt64

    init(_ milliseconds: UInt64) { self.milliseconds = milliseconds }

    var now: UInt64 { lock.withLock { milliseconds } }
    func set(_ value: UInt64) { lock.withLock { milliseconds = value } }
    func advance(_ delta: UInt64) { lock.withLock { milliseconds += delta } }
}

/// The interval producer's sleep: lets a set number of intervals pass (each advancing the clock by its length),
/// then throws `CancellationError` as a cancelled real sleep would, which ends the producer's loop.
final class TestTicker: @unchecked Sendable {
    private let lock = NSLock()
    private var remaining = 0
    private var recorded: [UInt64] = []

    func allow(_ intervals: Int) { lock.withLock { remaining = intervals } }

    /// Every interval the producer asked to sleep, in order.
    var sleeps: [UInt64] { lock.withLock { recorded } }

    func sleep(_ milliseconds: UInt64, advancing clock: TestClock) throws {
        let proceed = lock.withLock {
            recorded.append(milliseconds)
            guard remaining > 0 else { return false }
            remaining -= 1
            return true
        }
        guard proceed else { throw CancellationError() }
        clock.advance(milliseconds)
    }
}

/// An interval-mode node and the ticker that paces it.
struct IntervalRun {
    let node: Node
    let ticker: TestTicker
    let milliseconds: UInt64

    /// Runs the interval producer until `intervals` intervals have passed and the next sleep is cancelled.
    func run(intervals: Int) async {
        ticker.allow(intervals)
        await node.runIntervalProducer(every: milliseconds)
    }
}

final class RunCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

extension Node {
    /// Submits every transaction in one actor turn, so instant mode sees them as one batch.
    func submitAll(_ batch: [Bytes]) throws -> [Hash32] {
        try batch.map { bytes throws(NodeError) in try submit(bytes) }
    }
}
