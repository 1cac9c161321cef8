import Dispatch
import Foundation
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// The automatic producers' pipeline (issue 14, point 3): an instant-mode block is committed off the node's actor, so
/// while its commit is held, transactions are admitted (against the block being committed), the head still reads the
/// parent, and the next block is built on top of the held one; a failed commit leaves its transactions waiting.
final class ProductionPipelineTests: XCTestCase {
    func testWhileABlockCommitsTransactionsAreAdmittedAndTheNextBlockIsBuiltOnIt() async throws {
        let gate = CommitGate(height: 1)
        let built = DispatchSemaphore(value: 0)
        let (chain, node, first) = try await nodeHoldingBlockOne(gate, afterBuild: { if $0.height == 2 { built.signal() } })

        let second = chain.transfer(from: TestKeys.key("bob"), to: TestKeys.address("carol"), amount: Tokens.one, nonce: 0)
        _ = try await node.submit(second.canonicalBytes)
        XCTAssertFalse(gate.isOpen, "the submission was answered while block 1's commit was held")
        XCTAssertEqual(node.store.head.height, 0, "the head reads the parent until the commit lands")
        let reuse = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("bob"), amount: Tokens.one, nonce: 0)
        do {
            _ = try await node.submit(reuse.canonicalBytes)
            XCTFail("alice's nonce 0 is used by the block being committed")
        } catch let error as NodeError {
            guard case .mempool(.rejected(.nonceTooLow)) = error else { return XCTFail("unexpected \(error)") }
        }

        let builtMeanwhile = await Task.detached { built.wait(timeout: .now() + 10) == .success }.value
        XCTAssertTrue(builtMeanwhile, "block 2 was built on block 1 while block 1's commit was held")
        XCTAssertEqual(node.store.head.height, 0)
        XCTAssertFalse(gate.isOpen)

        gate.open()
        await node.waitForScheduledProduction()
        await node.waitForPipeline()
        XCTAssertEqual(node.store.head.height, 2)
        XCTAssertEqual(try node.store.block(at: 1)?.transactions.map(\.id), [first.id])
        XCTAssertEqual(try node.store.block(at: 2)?.transactions.map(\.id), [second.id])
        let waiting = await node.mempoolSize
        XCTAssertEqual(waiting, 0)
        XCTAssertTrue(try node.store.verify().isConsistent)
    }

    func testAFailedPipelinedCommitKeepsItsTransactionsAndStartsAnOutage() async throws {
        let gate = CommitGate(height: 1, fails: true)
        // The outage's retries never come (they would commit the block synchronously): what is left is the pipeline's doing.
        let (chain, node, sent) = try await nodeHoldingBlockOne(gate, sleep: { _ in try await Task.sleep(for: .seconds(3_600)) })
        // Admitted against the block being committed (nonce 1 follows its nonce 0), without dropping that nonce 0.
        let next = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("carol"), amount: Tokens.one, nonce: 1)
        _ = try await node.submit(next.canonicalBytes)
        gate.open()
        await node.waitForScheduledProduction()
        await node.waitForPipeline()
        XCTAssertEqual(node.store.head.height, 0)
        let problem = await node.storageProblem
        XCTAssertNotNil(problem, "the failed commit starts an outage")
        for transaction in [sent, next] {
            let pending = await node.pendingTransaction(transaction.id)
            XCTAssertEqual(pending?.id, transaction.id, "nonce \(transaction.transaction.nonce) waits for the next block")
        }
        await node.stopProducing()
    }

    /// A JSON-RPC batch is admitted against one snapshot: each entry is checked against the block being committed and
    /// queued from the committed nonce, exactly as if it came alone.
    func testABatchDuringAHeldCommitIsAdmittedEntryByEntryAgainstTheBlockBeingCommitted() async throws {
        let gate = CommitGate(height: 1)
        let (chain, node, first) = try await nodeHoldingBlockOne(gate)
        let bob = chain.transfer(from: TestKeys.key("bob"), to: TestKeys.address("carol"), amount: Tokens.one, nonce: 0)
        let reuse = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("bob"), amount: Tokens.one, nonce: 0)
        let next = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("carol"), amount: Tokens.one, nonce: 1)
        let results = await node.submitAll([bob, reuse, next, bob].map { Submission($0.canonicalBytes) })
        XCTAssertEqual(try results[0].get(), bob.id)
        XCTAssertEqual(try results[2].get(), next.id, "alice's nonce 1 follows the block being committed")
        guard case .failure(.mempool(.rejected(.nonceTooLow))) = results[1] else { return XCTFail("\(results[1])") }
        guard case let .failure(.mempool(.duplicate(id))) = results[3], id == bob.id else { return XCTFail("\(results[3])") }
        XCTAssertEqual(node.store.head.height, 0, "the batch was answered while block 1's commit was held")

        gate.open()
        await node.waitForScheduledProduction()
        await node.waitForPipeline()
        XCTAssertEqual(try node.store.block(at: 1)?.transactions.map(\.id), [first.id])
        let included = try (2...node.store.head.height).flatMap { try node.store.block(at: $0)?.transactions.map(\.id) ?? [] }
        XCTAssertEqual(Set(included), [bob.id, next.id])
        let waiting = await node.mempoolSize
        XCTAssertEqual(waiting, 0)
    }

    func testMiningDuringAHeldCommitWaitsForItAndBuildsOnIt() async throws {
        let gate = CommitGate(height: 1)
        let (_, node, sent) = try await nodeHoldingBlockOne(gate)
        // `pm_mine` is synchronous on the actor: it drains the held commit first, so it must be released meanwhile.
        Task.detached { try await Task.sleep(for: .milliseconds(200)); gate.open() }
        let mined = try await node.mine(count: 1)
        XCTAssertEqual(mined, [2], "the mined block follows the one that was being committed")
        XCTAssertEqual(try node.store.block(at: 1)?.transactions.map(\.id), [sent.id])
        XCTAssertTrue(try node.store.verify().isConsistent)
    }

    /// A node whose first automatic block, alice's nonce-0 transfer, has reached its commit and is held there by `gate`.
    /// The gate opens by itself after 20 s (a safety valve: were the actor blocked by the held commit, a submission
    /// would otherwise wait for ever; with it, the test sees the gate open and fails).
    private func nodeHoldingBlockOne(
        _ gate: CommitGate, afterBuild: (@Sendable (Block) -> Void)? = nil,
        sleep: @escaping @Sendable (_ milliseconds: UInt64) async throws -> Void = ProducerClock.taskSleep
    ) async throws -> (TestChain, Node, SignedTransaction) {
        let (chain, node) = try makeNode(sleep: sleep)
        await node.setPipelineSeams(beforeCommit: gate.hold, afterBuild: afterBuild)
        Task.detached { try await Task.sleep(for: .seconds(20)); gate.open() }
        let sent = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("carol"), amount: Tokens.one, nonce: 0)
        _ = try await node.submit(sent.canonicalBytes)
        let reached = await gate.waitUntilHeld()
        XCTAssertTrue(reached, "block 1 reached its commit")
        return (chain, node, sent)
    }

    private func makeNode(
        sleep: @escaping @Sendable (_ milliseconds: UInt64) async throws -> Void = ProducerClock.taskSleep
    ) throws -> (TestChain, Node) {
        let chain = try TestChain(validators: ["validator-a"])
        return (chain, try InstantNode(chain: chain, validator: "validator-a", label: "pipeline", removedAfter: self, sleep: sleep).node)
    }
}

/// Holds the commit of one block on the commit queue until the test opens it (and then lets it land, or fails it).
private final class CommitGate: @unchecked Sendable {
    private let height: UInt64
    private let fails: Bool
    private let held = DispatchSemaphore(value: 0)
    private let release = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var opened = false
    private var seen = false

    /// With `fails`, the held commit fails once opened (as a full disk would fail it).
    init(height: UInt64, fails: Bool = false) {
        self.height = height
        self.fails = fails
    }

    var isOpen: Bool { lock.withLock { opened } }

    /// The `beforeCommit` seam: blocks the commit of `height` until `open`.
    var hold: @Sendable (Block) throws(StorageError) -> Void {
        { [self] block throws(StorageError) in
            // Only the first commit at `height`: a later one (the block made again) goes through.
            let first = lock.withLock { () -> Bool in
                defer { seen = true }
                return block.height == height && !seen
            }
            guard first else { return }
            held.signal()
            release.wait()
            if fails { throw .corrupt(path: "test", detail: "simulated failure committing block \(block.height)") }
        }
    }

    func waitUntilHeld() async -> Bool {
        await Task.detached { [held] in held.wait(timeout: .now() + 10) == .success }.value
    }

    func open() {
        let first = lock.withLock { () -> Bool in
            defer { opened = true }
            return !opened
        }
        if first { release.signal() }
    }
}
