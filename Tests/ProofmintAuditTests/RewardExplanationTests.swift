import Foundation
import ProofmintAudit
import ProofmintCore
import ProofmintTestSupport
import XCTest

/// `audit explain` on epochs where the asked-about provider earned nothing: with no work at all the epoch mints and
/// pays nothing, and that is consistent, not a mismatch; a provider with work is still checked to the base unit.
final class RewardExplanationTests: XCTestCase {
    private static let epochLength = 5
    private let json = TestChain.genesisJSON(
        chainId: "proofmint-explain", genesisTime: "2026-01-01T00:00:00Z", validators: ["validator-a"],
        users: [("alice", 1_000 * Tokens.one), ("bob", 1_000 * Tokens.one), ("carol", 1_000 * Tokens.one)],
        parameters: #"""
            {"epoch_length": \#(RewardExplanationTests.epochLength), "compute": {"sample_delay_blocks": 1, "validation_window_blocks": 1,
             "max_reassignments": 0, "challenge_window_blocks": 1, "resolution_window_blocks": 1}}
            """#)

    private func explain(_ name: String, epoch: UInt64, chain: TestChain) throws -> RewardExplanation {
        var blocks = chain.blocks.makeIterator()
        return try RewardExplanation.derive(provider: TestKeys.address(name), epoch: epoch, genesisFile: Array(json.utf8), next: { blocks.next() })
    }

    func testAnEpochWithoutWorkIsConsistent() throws {
        let chain = try TestChain(genesis: try Genesis.parse(json: Array(json.utf8)), validatorKeys: [TestKeys.key("validator-a")])
        try chain.advance(toEpoch: 2)
        let explanation = try explain("alice", epoch: 0, chain: chain)
        XCTAssertNotNil(explanation.settlement, "epoch 0 settled")
        XCTAssertTrue(explanation.epochHadNoWork)
        XCTAssertEqual(explanation.settlement?.minted, 0)
        XCTAssertEqual(explanation.settlement?.emission, 0)
        XCTAssertEqual(explanation.computedReward, 0)
        XCTAssertNil(explanation.recordedReward)
        XCTAssertTrue(explanation.consistent, "nothing minted and nothing paid is what an epoch without work should do")
    }

    func testARewardPaidWhenItsEpochCanAlreadyBePrunedIsStillExplained() throws {
        // Windows closing 9 blocks after the receipt: epoch 0 is paid at block 11, in epoch 2, when its records may
        // already be pruned; pruning waits a block, so the replay sees the paid work record.
        let json = TestChain.genesisJSON(
            chainId: "proofmint-explain", genesisTime: "2026-01-01T00:00:00Z", validators: ["validator-a"],
            users: [("bob", 1_000 * Tokens.one), ("carol", 1_000 * Tokens.one)],
            parameters: #"""
                {"epoch_length": 5, "compute": {"challenge_window_blocks": 8, "resolution_window_blocks": 1, "sample_bps": 0,
                 "validation_window_blocks": 1, "max_reassignments": 0}}
                """#)
        let chain = try TestChain(genesis: try Genesis.parse(json: Array(json.utf8)), validatorKeys: [TestKeys.key("validator-a")])
        try chain.produce([chain.stake(from: TestKeys.key("bob"), amount: 200 * Tokens.one)])
        try chain.produce([chain.submitProof(from: TestKeys.key("bob"), chain.receipt(consumer: TestKeys.key("carol"), provider: TestKeys.address("bob")))])
        try chain.advance(to: 20)
        XCTAssertNil(chain.providerWork(TestKeys.address("bob"), epoch: 0), "pruned by now")
        var blocks = chain.blocks.makeIterator()
        let worker = try RewardExplanation.derive(provider: TestKeys.address("bob"), epoch: 0, genesisFile: Array(json.utf8), next: { blocks.next() })
        XCTAssertEqual(worker.settlement?.startedAt, 2 + 8 + 1)
        XCTAssertNotNil(worker.recordedReward)
        XCTAssertGreaterThan(worker.computedReward, 0)
        XCTAssertTrue(worker.consistent)
    }

    func testAProviderWithoutWorkInAnEpochWithWorkIsConsistentAndTheWorkerIsChecked() throws {
        let chain = try TestChain(genesis: try Genesis.parse(json: Array(json.utf8)), validatorKeys: [TestKeys.key("validator-a")])
        try chain.produce([chain.stake(from: TestKeys.key("bob"), amount: 200 * Tokens.one)])
        let receipt = chain.receipt(consumer: TestKeys.key("carol"), provider: TestKeys.address("bob"), units: 1000, quality: 90)
        try chain.produce([chain.submitProof(from: TestKeys.key("bob"), receipt)])
        try chain.advance(toEpoch: 1)

        let bystander = try explain("alice", epoch: 0, chain: chain)
        XCTAssertFalse(bystander.epochHadNoWork)
        XCTAssertEqual(bystander.providerWeight, 0)
        XCTAssertTrue(bystander.consistent, "a provider without work gets nothing, as the settlement recorded")

        let worker = try explain("bob", epoch: 0, chain: chain)
        XCTAssertEqual(worker.receipts.count, 1)
        XCTAssertGreaterThan(try XCTUnwrap(worker.settlement?.emission), 0)
        XCTAssertEqual(worker.recordedReward, worker.computedReward)
        XCTAssertGreaterThan(worker.computedReward, 0)
        // The epoch schedules more than half of the 1 AI the receipt paid: the reward cap decides.
        XCTAssertGreaterThan(worker.share, worker.cap)
        XCTAssertEqual(worker.computedReward, Tokens.one / 2)
        XCTAssertTrue(worker.consistent)

        // Without an epoch: the latest settled epoch with the provider's work, not a later empty one.
        try chain.advance(toEpoch: 3)
        var blocks = chain.blocks.makeIterator()
        let latest = try RewardExplanation.deriveLatest(provider: TestKeys.address("bob"), genesisFile: Array(json.utf8), next: { blocks.next() })
        XCTAssertEqual(latest?.epoch, 0)
        XCTAssertEqual(latest?.computedReward, worker.computedReward)
        blocks = chain.blocks.makeIterator()
        XCTAssertNil(try RewardExplanation.deriveLatest(provider: TestKeys.address("alice"), genesisFile: Array(json.utf8), next: { blocks.next() }))
    }
}
