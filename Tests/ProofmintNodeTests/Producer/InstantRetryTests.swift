import Foundation
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// Instant mode on a validator that may not produce when a transaction arrives (not its slot yet): it looks again
/// while transactions wait, so the transaction is mined when the slot comes, without another arrival.
final class InstantRetryTests: XCTestCase {
    func testAWaitingTransactionIsMinedWhenTheValidatorsSlotComes() async throws {
        let chain = try TestChain(validators: ["validator-a", "validator-b"], users: [("alice", 1_000 * Tokens.one)])
        let clock = TestClock(chain.genesisBlock.header.timestamp + 1_000)
        // validator-b: height 1 is validator-a's until one slot timeout has passed.
        let node = try InstantNode(chain: chain, validator: "validator-b", label: "instant-retry", removedAfter: self, clock: { clock.now }).node
        let sent = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("carol"), amount: Tokens.one, nonce: 0)
        _ = try await node.submit(sent.canonicalBytes)
        await node.waitForScheduledProduction()
        XCTAssertEqual(node.store.head.height, 0, "not validator-b's slot: nothing is made")

        clock.advance(ProducerSchedule.slotTimeout(try node.store.withSnapshot { try $0.parameters() }))
        let deadline = ContinuousClock.now + .seconds(10)
        while node.store.head.height == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        XCTAssertEqual(node.store.head.height, 1, "the slot passed to validator-b and the waiting transfer was mined")
        XCTAssertEqual(try node.store.block(at: 1)?.transactions.map(\.id), [sent.id])
    }
}
