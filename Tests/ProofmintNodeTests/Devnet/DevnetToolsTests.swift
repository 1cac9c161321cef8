import Foundation
import Logging
import ProofmintCore
import ProofmintCrypto
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// The devnet tools on a node over a real LMDB home created from the committed `genesis/devnet.json`, with an injected
/// clock: fast mining, time control, run-time modes and the faucet.
final class DevnetToolsTests: XCTestCase {
    private var directories: [String] = []
    private let validator = try? ValidatorKey.insecureDev(index: 0)

    override func tearDownWithError() throws {
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
    }

    // MARK: - Fixtures

    private func devnetGenesisFile() throws -> Bytes {
        Array(try Data(contentsOf: RepositoryRoot.url.appendingPathComponent("genesis/devnet.json")))
    }

    /// A node on a fresh home of `genesisFile` (the devnet's by default), stamping blocks with `clock`.
    private func makeNode(genesisFile: Bytes? = nil, clock: TestClock, durability: Durability = .none) throws -> Node {
        let directory = NSTemporaryDirectory() + "proofmint-devnet-tools-\(UUID().uuidString)"
        directories.append(directory)
        let file = try genesisFile ?? devnetGenesisFile()
        let store = try ChainStore.create(
            at: directory, genesis: try Genesis.parse(file: file), genesisFile: file,
            options: .init(mapSize: 1 << 30, durability: durability))
        var logger = Logger(label: "proofmint.test.devnet")
        logger.logLevel = .warning
        return Node(
            store: store, validator: validator, mode: .manual, emptyBlocks: true, logger: logger,
            devnet: try DevnetTools.forStore(store), clock: { clock.now })
    }

    private func stateEntries(_ node: Node) throws -> [StateDump.Entry] {
        try node.store.withSnapshot { try $0.entries(withPrefix: []).map { StateDump.Entry(key: $0.key, value: $0.value) } }
    }

    // MARK: - Fast mining

    /// The fast path (one commit for a run of blocks) gives the same blocks, byte for byte, and the same state as
    /// making them one at a time, across an epoch boundary (epoch_length 60) and more than one commit run.
    func testFastMiningMakesTheSameBlocksAsOneAtATime() async throws {
        let count = BlockProducer.blocksPerCommit + 130
        let fastClock = TestClock(1_767_225_600_000 + 10_000), slowClock = TestClock(1_767_225_600_000 + 10_000)
        let fast = try makeNode(clock: fastClock)
        let slow = try makeNode(clock: slowClock)
        let heights = try await fast.mine(count: count, interval: 1_000)
        XCTAssertEqual(heights, Array(1...UInt64(count)))
        for _ in 0..<count {
            let parent = slow.store.head
            _ = try await slow.setNextBlockTimestamp(parent.height == 0 ? slowClock.now : parent.timestamp + 1_000)
            _ = try await slow.produceBlock(allowEmpty: true)
        }
        XCTAssertEqual(fast.store.head, slow.store.head)
        for height in [UInt64(1), 60, 61, UInt64(BlockProducer.blocksPerCommit), UInt64(BlockProducer.blocksPerCommit + 1), UInt64(count)] {
            XCTAssertEqual(try fast.store.block(at: height)?.canonicalBytes, try slow.store.block(at: height)?.canonicalBytes, "block \(height)")
        }
        XCTAssertEqual(try stateEntries(fast), try stateEntries(slow))
        // The explorer's supply history holds each block's own figures, not the run's last.
        let top = UInt64(count)
        XCTAssertEqual(
            try fast.store.supplyHistory(from: 0, to: top, points: count + 1), try slow.store.supplyHistory(from: 0, to: top, points: count + 1))
        let verification = try fast.store.verify()
        XCTAssertTrue(verification.isConsistent, "\(verification.problems)")
    }

    /// Blocks 1 s apart from the clock's reading: the first at the clock, the rest `interval` after their parent; and
    /// the clock never falls behind the head afterwards.
    func testMiningWithAnIntervalSpacesTimestampsAndMovesTheClock() async throws {
        let clock = TestClock(1_800_000_000_000)
        let node = try makeNode(clock: clock)
        _ = try await node.mine(count: 5, interval: 1_000)
        let stamps = try (1...5).map { try XCTUnwrap(node.store.block(at: $0)).header.timestamp }
        XCTAssertEqual(stamps, (0..<5).map { 1_800_000_000_000 + $0 * 1_000 })
        _ = try await node.mine(count: 1)
        XCTAssertEqual(node.store.head.timestamp, 1_800_000_004_000, "the clock was moved up to the mined blocks, not left behind")
        clock.advance(10_000)
        _ = try await node.mine(count: 1)
        XCTAssertEqual(node.store.head.timestamp, 1_800_000_014_000)
    }

    /// Mining crosses an epoch boundary and the end-of-block steps run: the running epoch moves on.
    func testMiningAcrossAnEpochRunsTheEpochStep() async throws {
        let node = try makeNode(clock: TestClock(1_800_000_000_000))
        let before = try node.store.withSnapshot { try $0.record(EpochState.self, at: .epoch) }
        _ = try await node.mine(count: 125)
        let after = try node.store.withSnapshot { try $0.record(EpochState.self, at: .epoch) }
        XCTAssertNotEqual(before, after)
        XCTAssertEqual(after?.number, 2, "epochs of 60 blocks: 125 blocks close epochs 0 and 1")
    }

    /// A run committed in one transaction is undone as a whole: snapshot, fast-mine past a commit run with a faucet
    /// transfer first, revert, and the state, the head and the explorer's history are the snapshot's exactly.
    func testARevertUndoesFastMinedRunsExactly() async throws {
        let node = try makeNode(clock: TestClock(1_800_000_000_000))
        _ = try await node.mine(count: 3)
        let before = try stateEntries(node), head = node.store.head
        _ = try await node.takeSnapshot(named: "before")
        _ = try await node.faucet(to: TestKeys.address("carol"), amount: Tokens.one)
        _ = try await node.mine(count: BlockProducer.blocksPerCommit + 10, interval: 1_000)
        XCTAssertNotEqual(try stateEntries(node), before)
        _ = try await node.revert(to: "before")
        XCTAssertEqual(node.store.head, head)
        XCTAssertEqual(try stateEntries(node), before)
        XCTAssertEqual(try node.store.supplyHistory(from: 0, to: 10_000, points: 1_000).count, 4, "blocks 0…3 only")
        let verification = try node.store.verify()
        XCTAssertTrue(verification.isConsistent, "\(verification.problems)")
        // The block clock went back too: the next block is stamped by the clock, not 2,058 s of mined time later.
        _ = try await node.mine(count: 1)
        XCTAssertEqual(node.store.head.timestamp, 1_800_000_000_000)
    }

    // MARK: - Time

    func testTheNextTimestampIsPinnedOnceAndTimeThenContinuesFromIt() async throws {
        let clock = TestClock(1_800_000_000_000)
        let node = try makeNode(clock: clock)
        _ = try await node.setNextBlockTimestamp(1_900_000_000_000)
        _ = try await node.mine(count: 1)
        XCTAssertEqual(node.store.head.timestamp, 1_900_000_000_000)
        clock.advance(500)
        _ = try await node.mine(count: 1)
        XCTAssertEqual(node.store.head.timestamp, 1_900_000_000_500)
        do {
            _ = try await node.setNextBlockTimestamp(1_800_000_000_000)
            XCTFail("a timestamp before the head's was accepted")
        } catch let NodeError.timestampBeforeHead(requested, head, _) {
            XCTAssertEqual(requested, 1_800_000_000_000)
            XCTAssertEqual(head, 1_900_000_000_500)
        }
    }

    func testIncreaseTimeMovesTheClockForward() async throws {
        let clock = TestClock(1_800_000_000_000)
        let node = try makeNode(clock: clock)
        let moved = try await node.increaseTime(by: 3_600_000)
        XCTAssertEqual(moved.now, 1_800_003_600_000)
        _ = try await node.mine(count: 1)
        XCTAssertEqual(node.store.head.timestamp, 1_800_003_600_000)
        let saturated = try await node.increaseTime(by: .max)
        XCTAssertEqual(saturated.now, .max, "the end of time saturates instead of trapping")
    }

    // MARK: - Modes

    func testMiningModeChangesAtRunTime() async throws {
        let node = try makeNode(clock: TestClock(1_800_000_000_000))
        try await node.setMiningMode(.instant)
        let mode = await node.mode
        XCTAssertEqual(mode, .instant)
        let chain = try Genesis.parse(file: devnetGenesisFile())
        _ = try await node.faucet(to: TestKeys.address("carol"), amount: Tokens.one)
        await node.waitForScheduledProduction()
        XCTAssertEqual(node.store.head.height, 1, "instant mode made a block for the faucet's transfer")
        XCTAssertEqual(chain.chainId, node.chainId)
        try await node.setMiningMode(.interval(milliseconds: 50), emptyBlocks: false)
        let empty = await node.emptyBlocks
        XCTAssertFalse(empty)
    }

    // MARK: - Faucet

    func testTheFaucetPaysFromTheDevReserveWithAnOrdinaryTransfer() async throws {
        let node = try makeNode(clock: TestClock(1_800_000_000_000))
        let reserve = try XCTUnwrap(node.devnet).faucetAddress
        let carol = TestKeys.address("carol")
        let reserveBefore = try node.store.withSnapshot { try $0.account(reserve) }
        XCTAssertEqual(reserveBefore.balance, 10_000_000 * Tokens.one)
        let first = try await node.faucet(to: carol, amount: 7 * Tokens.one)
        let second = try await node.faucet(to: carol, amount: 3 * Tokens.one)
        XCTAssertEqual([first.transaction.nonce, second.transaction.nonce], [0, 1], "the second uses the pending nonce")
        _ = try await node.mine(count: 1)
        let (carolAfter, reserveAfter) = try node.store.withSnapshot { (try $0.account(carol), try $0.account(reserve)) }
        XCTAssertEqual(carolAfter.balance, 10 * Tokens.one)
        XCTAssertEqual(reserveAfter.balance, reserveBefore.balance - 10 * Tokens.one - first.transaction.fee - second.transaction.fee)
        do {
            _ = try await node.faucet(to: carol, amount: 20_000_000 * Tokens.one)
            XCTFail("the faucet paid more than the reserve holds")
        } catch let NodeError.faucetReserveShort(reserve, _, needed) {
            XCTAssertEqual(reserve, try XCTUnwrap(node.devnet).faucetAddress)
            XCTAssertGreaterThan(needed, 20_000_000 * Tokens.one)
        }
    }

    /// The devnet flag is recorded when the home is made, so a node's start reads one byte instead of parsing the
    /// genesis file again (a million allocations cost half a gigabyte of heap to parse; PERFORMANCE.md).
    func testTheDevnetFlagIsRecordedWhenTheHomeIsMade() throws {
        let node = try makeNode(clock: TestClock(1_800_000_000_000))
        XCTAssertEqual(try node.store.recordedDevnet(), true)
        XCTAssertNotNil(node.devnet)
    }

    // MARK: - Not a devnet

    /// A chain whose genesis does not say `"devnet": true` gets no tools, and each refuses with the chain's id.
    func testEveryToolIsRefusedOnAChainThatIsNotADevnet() async throws {
        let text = String(decoding: try devnetGenesisFile(), as: UTF8.self)
        XCTAssertTrue(text.contains("\"devnet\": true,"))
        let plain = text.replacingOccurrences(of: "\"devnet\": true,", with: "")
        let node = try makeNode(genesisFile: Array(plain.utf8), clock: TestClock(1_800_000_000_000))
        XCTAssertNil(node.devnet)
        XCTAssertEqual(try node.store.recordedDevnet(), false)
        let attempts: [() async throws -> Void] = [
            { _ = try await node.setNextBlockTimestamp(1_900_000_000_000) },
            { _ = try await node.increaseTime(by: 1) },
            { try await node.setMiningMode(.instant) },
            { _ = try await node.faucet(to: TestKeys.address("carol"), amount: 1) },
        ]
        for attempt in attempts {
            do {
                try await attempt()
                XCTFail("a devnet tool worked on a chain that is not a devnet")
            } catch let NodeError.notADevnet(chainId) {
                XCTAssertEqual(chainId, "proofmint-devnet-1")
            }
        }
        _ = try await node.mine(count: 3)
        XCTAssertEqual(node.store.head.height, 3, "pm_mine itself still drives a manual node on any chain")
    }
}
