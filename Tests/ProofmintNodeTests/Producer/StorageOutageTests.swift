import Foundation
import Logging
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode
@testable import ProofmintStorage

/// A node whose commits fail (issue 13, D6), over a real LMDB home: the failure is real, made by lowering this process's
/// file size limit (RLIMIT_FSIZE, with SIGXFSZ ignored) below where LMDB writes its pages, so no privilege is needed.
final class StorageOutageTests: XCTestCase {
    private var directory: String!
    private var chain: TestChain!
    private let validator = ValidatorKey(name: "validator-a", key: TestKeys.key("validator-a"))

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-outage-\(UUID().uuidString)"
        chain = try TestChain(validators: ["validator-a"], users: [("alice", 1_000 * Tokens.one), ("bob", 500 * Tokens.one)])
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testTheRetryDelayDoublesFromAQuarterSecondUpToTenSeconds() {
        var outage = StorageOutage(reason: "disk full")
        var delays = [outage.retryDelay]
        for _ in 0..<8 {
            outage.failedAgain()
            delays.append(outage.retryDelay)
        }
        XCTAssertEqual(delays, [250, 500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000])
        outage.failedAgain(reason: "still full")
        XCTAssertEqual(outage.reason, "still full")
    }

    func testAManualNodeThatCannotCommitRefusesTransactionsKeepsItsMempoolAndResumes() async throws {
        let gate = RetryGate()
        let node = try makeNode(mode: .manual, gate: gate)
        let queued = try await node.submit(transfer("alice").canonicalBytes)
        try await FileSizeLimit.whileLimited {
            do {
                _ = try await node.mine(count: 1)
                XCTFail("the commit should have failed")
            } catch {
                guard case .storage(.commitFailed(_, 1, _, _))? = error as? NodeError else { return XCTFail("\(error)") }
            }
            let problem = await node.storageProblem
            XCTAssertTrue(problem?.contains("cannot commit block 1 to \(directory!)") == true, problem ?? "no problem reported")
            do {
                _ = try await node.submit(transfer("bob").canonicalBytes)
                XCTFail("a transaction was accepted while nothing can be committed")
            } catch {
                guard case let .storageUnavailable(reason, dataPath)? = error as? NodeError else { return XCTFail("\(error)") }
                XCTAssertEqual(dataPath, directory)
                XCTAssertEqual(reason, problem)
            }
            let waiting = await node.mempoolSize
            XCTAssertEqual(waiting, 1, "the failed block's transaction stays queued")
        }
        gate.open()
        await node.waitForRecovery()
        let recovered = await node.storageProblem
        XCTAssertNil(recovered)
        _ = try await node.submit(transfer("bob").canonicalBytes)
        _ = try await node.mine(count: 1)
        let block = try XCTUnwrap(try node.store.block(at: 1))
        XCTAssertEqual(Set(block.transactions.map(\.id)), [queued, transfer("bob").id])
        XCTAssertEqual(gate.delays.first, StorageOutage.firstDelay)
    }

    func testAnInstantNodeCommitsTheQueuedBlockItselfOnceItCan() async throws {
        let gate = RetryGate()
        let node = try makeNode(mode: .instant, gate: gate)
        let queued = transfer("alice")
        try await FileSizeLimit.whileLimited {
            _ = try await node.submit(queued.canonicalBytes)
            await node.waitForScheduledProduction()
            let problem = await node.storageProblem
            XCTAssertNotNil(problem, "the instant block's commit failed")
            XCTAssertEqual(node.store.head.height, 0)
        }
        gate.open()
        await node.waitForRecovery()
        XCTAssertEqual(node.store.head.height, 1, "the retry committed the queued block")
        XCTAssertEqual(try node.store.block(at: 1)?.transactions.map(\.id), [queued.id])
        let recovered = await node.storageProblem
        XCTAssertNil(recovered)
    }

    /// Free space does not end an outage that a damaged record started: only a block that commits would, so a
    /// manual node keeps refusing transactions however many retries see a roomy disk.
    func testADamagedRecordKeepsTheOutageWhateverTheFreeSpace() async throws {
        let gate = RetryGate()
        let node = try makeNode(mode: .manual, gate: gate)
        _ = try await node.submit(transfer("alice").canonicalBytes)
        try node.store.flipBitForTesting(in: .state, key: StateKey.account(TestKeys.address("alice")).bytes, at: 0)
        do {
            _ = try await node.mine(count: 1)
            XCTFail("a block was built on a damaged account")
        } catch {
            XCTAssertNotNil(error as? NodeError, "\(error)")
        }
        let started = await node.storageProblem
        XCTAssertTrue(started?.contains("damaged record") == true, started ?? "no outage")
        gate.open(retries: 3)
        await node.waitForRecovery()
        XCTAssertGreaterThanOrEqual(gate.delays.count, 4, "the retries ran")
        let problem = await node.storageProblem
        XCTAssertNotNil(problem, "free space ended an outage that space cannot fix")
        do {
            _ = try await node.submit(transfer("bob").canonicalBytes)
            XCTFail("a transaction was accepted while the store is damaged")
        } catch {
            guard case .storageUnavailable? = error as? NodeError else { return XCTFail("\(error)") }
        }
    }

    // MARK: - Fixtures

    private func makeNode(mode: MiningMode, gate: RetryGate) throws -> Node {
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        var logger = Logger(label: "proofmint.test.outage")
        logger.logLevel = .critical
        let time = chain.genesisBlock.header.timestamp + 1_000
        return Node(
            store: store, validator: validator, mode: mode, emptyBlocks: false, logger: logger, clock: { time },
            sleep: { milliseconds in try await gate.sleep(milliseconds) })
    }

    private func transfer(_ from: String) -> SignedTransaction {
        chain.transfer(from: TestKeys.key(from), to: TestKeys.address("carol"), amount: 1, nonce: 0)
    }
}

/// The retry loop's sleep: holds every retry until the test opens it, and records the delays asked for.
final class RetryGate: @unchecked Sendable {
    private let lock = NSLock()
    private var isOpen = false
    private var asked: [UInt64] = []

    private var remaining: Int?

    var delays: [UInt64] { lock.withLock { asked } }
    func open() { lock.withLock { isOpen = true } }
    /// Lets `retries` more retries through, then ends the retry loop (its sleep throws, as a cancelled task's does).
    func open(retries: Int) { lock.withLock { (isOpen, remaining) = (true, retries) } }

    func sleep(_ milliseconds: UInt64) async throws {
        try lock.withLock {
            asked.append(milliseconds)
            guard let left = remaining else { return }
            if left == 0 { throw CancellationError() }
            remaining = left - 1
        }
        while !lock.withLock({ isOpen }) {
            try await Task.sleep(nanoseconds: 1_000_000)
        }
    }
}

/// Lowers this process's file size limit to LMDB's two meta pages while `body` runs: every data page write then fails
/// with EFBIG, as writes fail on a full disk, and the limit is restored even if `body` throws.
enum FileSizeLimit {
    static func whileLimited(_ body: () async throws -> Void) async throws {
        var saved = rlimit()
        guard getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved) == 0 else { throw XCTSkip("getrlimit failed: errno \(errno)") }
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        var limited = saved
        limited.rlim_cur = 2 * 4096
        guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limited) == 0 else { throw XCTSkip("setrlimit failed: errno \(errno)") }
        defer {
            setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
            signal(SIGXFSZ, previousHandler)
        }
        try await body()
    }
}
