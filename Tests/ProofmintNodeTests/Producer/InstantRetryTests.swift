import Foundation
import Logging
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// Instant mode on a validator that may not produce when a transaction arrives (not its slot yet): it looks again
/// while transactions wait, so the transaction is mined when the slot comes, without another arrival.
final class InstantRetryTests: XCTestCase {
    private var directory = ""

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testAWaitingTransactionIsMinedWhenTheValidatorsSlotComes() async throws {
        let chain = try TestChain(validators: ["validator-a", "validator-b"], users: [("alice", 1_000 * Tokens.one)])
        directory = NSTemporaryDirectory() + "proofmint-instant-retry-\(UUID().uuidString)"
        let store = try ChainStore.create(
            at: directory, genesis: chain.genesis, genesisFile: [], options: .init(mapSize: 1 << 30, durability: .none))
        let genesis = chain.genesisBlock.header.timestamp
        let clock = TestClock(genesis + 1_000)
        var logger = Logger(label: "proofmint.test.instant-retry")
        logger.logLevel = .critical
        // validator-b: height 1 is validator-a's until one slot timeout has passed.
        let node = Node(
            store: store, validator: ValidatorKey(name: "validator-b", key: TestKeys.key("validator-b")), mode: .instant,
            emptyBlocks: false, logger: logger, clock: { clock.now })
        let sent = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("carol"), amount: Tokens.one, nonce: 0)
        _ = try await node.submit(sent.canonicalBytes)
        await node.waitForScheduledProduction()
        XCTAssertEqual(node.store.head.height, 0, "not validator-b's slot: nothing is made")

        clock.advance(ProducerSchedule.slotTimeout(try store.withSnapshot { try $0.parameters() }))
        let deadline = ContinuousClock.now + .seconds(10)
        while node.store.head.height == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        XCTAssertEqual(node.store.head.height, 1, "the slot passed to validator-b and the waiting transfer was mined")
        XCTAssertEqual(try node.store.block(at: 1)?.transactions.map(\.id), [sent.id])
    }
}
