import Foundation
import Logging
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// `Node.accept`, a follower's commit of peer blocks, over real LMDB homes: a producing node makes the blocks and a
/// second node with the same genesis and no key takes them, as `ChainFollower` hands them over.
final class NodeFollowTests: XCTestCase {
    private var directories: [String] = []
    private var chain: TestChain!
    private let validator = ValidatorKey(name: "validator-a", key: TestKeys.key("validator-a"))

    override func setUpWithError() throws {
        chain = try TestChain(validators: ["validator-a"], users: [("alice", 1_000 * Tokens.one)])
    }

    override func tearDownWithError() throws {
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
    }

    private var genesisTime: UInt64 { chain.genesisBlock.header.timestamp }

    private func makeNode(validator: ValidatorKey?, clock: TestClock) throws -> Node {
        let directory = NSTemporaryDirectory() + "proofmint-follow-\(UUID().uuidString)"
        directories.append(directory)
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        var logger = Logger(label: "proofmint.test.follow")
        logger.logLevel = .critical
        return Node(store: store, validator: validator, mode: .manual, emptyBlocks: true, logger: logger, clock: { clock.now })
    }

    /// `count` blocks from a fresh producer, one second apart, the first holding `transactions`.
    private func produced(_ count: Int, transactions: [SignedTransaction] = [], startingAt offset: UInt64 = 1_000) async throws -> [Block] {
        let clock = TestClock(genesisTime + offset)
        let producer = try makeNode(validator: validator, clock: clock)
        for transaction in transactions { _ = try await producer.submit(transaction.canonicalBytes) }
        for _ in 0..<count {
            _ = try await producer.mine(count: 1)
            clock.advance(1_000)
        }
        return try (1...UInt64(count)).compactMap { try producer.store.block(at: $0) }
    }

    private func transfer(nonce: UInt64) -> SignedTransaction {
        chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("carol"), amount: Tokens.one, nonce: nonce)
    }

    func testPeerBlocksAreCommittedWithTheirReceiptsAndTheirTransactionsLeaveTheMempool() async throws {
        let sent = transfer(nonce: 0)
        let blocks = try await produced(3, transactions: [sent])
        let follower = try makeNode(validator: nil, clock: TestClock(genesisTime + 60_000))
        _ = try await follower.submit(sent.canonicalBytes)
        let mempoolBefore = await follower.mempoolSize
        XCTAssertEqual(mempoolBefore, 1)

        let acceptance = try await follower.accept(blocks, maxDriftMs: 5_000)
        XCTAssertEqual(acceptance, Node.Acceptance(committed: 3, known: 0, deferredTimestamp: nil))
        XCTAssertEqual(follower.store.head.hash, blocks[2].hash)
        XCTAssertEqual(try follower.store.includedTransaction(sent.id)?.height, 1)
        let mempoolAfter = await follower.mempoolSize
        XCTAssertEqual(mempoolAfter, 0, "an included transaction leaves the follower's mempool")
    }

    /// Only the blocks the import committed tidy the mempool: a block the batch left out (here deferred for its
    /// timestamp) that claims a committed height, holding a transfer of alice's at nonce 40, must not make her pending
    /// transactions look used.
    func testABlockLeftOutDoesNotTidyTheMempoolWhateverHeightItClaims() async throws {
        let blocks = try await produced(1)
        var header = blocks[0].header
        header.timestamp += 3_600_000
        let forged = Block.sign(header: header, transactions: [transfer(nonce: 40)], producer: validator.key)
        let follower = try makeNode(validator: nil, clock: TestClock(genesisTime + 60_000))
        let pending = (0..<3).map { transfer(nonce: $0) }
        for transaction in pending { _ = try await follower.submit(transaction.canonicalBytes) }

        let acceptance = try await follower.accept([blocks[0], forged], maxDriftMs: 5_000)
        XCTAssertEqual(acceptance, Node.Acceptance(committed: 1, known: 0, deferredTimestamp: header.timestamp))
        let pool = await follower.mempool
        XCTAssertEqual(pool.count, 3, "alice's pending transactions stay")
        XCTAssertEqual(pool.committedNonce(of: TestKeys.address("alice")), 0)
        XCTAssertEqual(pool.candidates(limit: 10, pending: .none).map(\.id), pending.map(\.id))
    }

    func testKnownBlocksAreSkippedAndACompetingBlockIsRefused() async throws {
        let blocks = try await produced(2)
        let follower = try makeNode(validator: nil, clock: TestClock(genesisTime + 60_000))
        _ = try await follower.accept(blocks, maxDriftMs: 5_000)
        let again = try await follower.accept(blocks, maxDriftMs: 5_000)
        XCTAssertEqual(again, Node.Acceptance(committed: 0, known: 2, deferredTimestamp: nil))

        // Another valid block 1 (stamped later) from the same validator: the first one committed stays.
        let competing = try await produced(1, startingAt: 1_500)
        XCTAssertNotEqual(competing[0].hash, blocks[0].hash)
        do {
            _ = try await follower.accept(competing, maxDriftMs: 5_000)
            XCTFail("a competing block was accepted")
        } catch let .competingBlock(height, ours, theirs) {
            XCTAssertEqual(height, 1)
            XCTAssertEqual(ours, blocks[0].hash)
            XCTAssertEqual(theirs, competing[0].hash)
        }
        XCTAssertEqual(follower.store.head.hash, blocks[1].hash)
    }

    func testATamperedBlockIsRefusedAndNothingFromItOnIsKept() async throws {
        let blocks = try await produced(3)
        var header = blocks[1].header
        var root = header.stateRoot.bytes
        root[31] ^= 0x80
        header.stateRoot = try Hash32(bytes: root)
        // Re-signed by the scheduled validator, so only re-execution can tell.
        let tampered = Block.sign(header: header, transactions: blocks[1].transactions, producer: validator.key)
        let follower = try makeNode(validator: nil, clock: TestClock(genesisTime + 60_000))
        do {
            _ = try await follower.accept([blocks[0], tampered, blocks[2]], maxDriftMs: 5_000)
            XCTFail("a tampered block was accepted")
        } catch let .peerBlockRefused(height, .stateRootMismatch(headerRoot, computed)) {
            XCTAssertEqual(height, 2)
            XCTAssertEqual(headerRoot, header.stateRoot)
            XCTAssertEqual(computed, blocks[1].header.stateRoot)
        }
        XCTAssertEqual(follower.store.head.hash, blocks[0].hash, "the block before the refused one stays, nothing after it")
        // The honest block 2 is then taken.
        let acceptance = try await follower.accept(Array(blocks[1...]), maxDriftMs: 5_000)
        XCTAssertEqual(acceptance.committed, 2)
    }

    func testABlockStampedBeyondTheDriftWaitsUntilTheClockCatchesUp() async throws {
        let blocks = try await produced(2)
        let clock = TestClock(blocks[0].header.timestamp)
        let follower = try makeNode(validator: nil, clock: clock)
        // Block 2 is one second after block 1; with a 500 ms drift it waits.
        let early = try await follower.accept(blocks, maxDriftMs: 500)
        XCTAssertEqual(early, Node.Acceptance(committed: 1, known: 0, deferredTimestamp: blocks[1].header.timestamp))
        clock.advance(600)
        let later = try await follower.accept(blocks, maxDriftMs: 500)
        XCTAssertEqual(later, Node.Acceptance(committed: 1, known: 1, deferredTimestamp: nil))
    }

    /// The attack of ECONOMIC-SECURITY.md, "Producer schedule": validator-c takes validator-a's height 1 by stamping it
    /// two slot timeouts ahead. Consensus accepts the block (a timestamp is bounded only from below), so the defence is
    /// the node's drift allowance: a follower whose clock says the rightful producer is on time defers the stolen
    /// block, takes a's, and then refuses the thief's as a competing block.
    func testAFutureStampedBlockCannotTakeAnOnTimeValidatorsTurn() async throws {
        let three = try TestChain(validators: ["validator-a", "validator-b", "validator-c"], users: [("alice", 1_000 * Tokens.one)])
        let genesis = three.genesisBlock.header
        let timeout = ProducerSchedule.slotTimeout(try three.store.parameters())
        let stolen = try three.propose([], timestamp: genesis.timestamp + 2 * timeout).block
        let honest = try three.propose([], timestamp: genesis.timestamp + 1_000).block
        XCTAssertEqual(stolen.header.producer, TestKeys.key("validator-c").publicKey.bytes)
        XCTAssertEqual(honest.header.producer, TestKeys.key("validator-a").publicKey.bytes)
        XCTAssertNoThrow(try StateTransition.apply(stolen, parent: genesis, state: three.store), "consensus alone accepts the theft")

        chain = three
        let clock = TestClock(genesis.timestamp + 1_000)
        let follower = try makeNode(validator: nil, clock: clock)
        let early = try await follower.accept([stolen], maxDriftMs: 5_000)
        XCTAssertEqual(early, Node.Acceptance(committed: 0, known: 0, deferredTimestamp: stolen.header.timestamp))
        let rightful = try await follower.accept([honest], maxDriftMs: 5_000)
        XCTAssertEqual(rightful.committed, 1)
        clock.advance(2 * timeout)
        do {
            _ = try await follower.accept([stolen], maxDriftMs: 5_000)
            XCTFail("the stolen block replaced the rightful one")
        } catch let .competingBlock(height, ours, _) {
            XCTAssertEqual(height, 1)
            XCTAssertEqual(ours, honest.hash)
        }
    }
}
