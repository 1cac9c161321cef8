@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The `evidence` transaction (PROTOCOL.md §9.7): each check in order with its exact error, and the slash, burn,
/// reputation drop, jailing and marker of a successful report.
final class EvidenceTests: StakingTestCase {
    let validatorA = TestKeys.key("validator-a"), validatorB = TestKeys.key("validator-b")
    let carol = TestKeys.key("carol"), mallory = TestKeys.key("mallory")
    static let AI = Tokens.one
    var chain: TestChain!
    var fee: Amount { chain.parameters.minFee }

    static func makeChain(parameters: String = #"{"staking": {"unbonding_period": 5}}"#) throws -> TestChain {
        try TestChain(
            users: [("validator-a", 2_000 * AI), ("validator-b", 500 * AI), ("carol", 10 * AI), ("mallory", 10 * AI)],
            parameters: parameters)
    }

    override func setUpWithError() throws {
        chain = try Self.makeChain()
        XCTAssertEqual(chain.parameters.staking.slashMaliciousBps, 10_000)
    }

    /// validator-a stakes 1,000 AI and unstakes 300 AI of it (one unbonding entry of 299.7 AI).
    func stakeAndUnbond(_ chain: TestChain) throws {
        try assertSucceeds(chain.stake(from: validatorA, amount: 1_000 * Self.AI), on: chain)
        try assertSucceeds(chain.unstake(from: validatorA, amount: 300 * Self.AI), on: chain)
    }

    // MARK: - Success

    func testDoubleSigningIsSlashedBurnedAndJailed() throws {
        try stakeAndUnbond(chain)
        let a = address(validatorA)
        let before = chain.totals(), balanceBefore = chain.balance(a)
        let evidence = chain.doubleSign(by: validatorA, height: 7)
        XCTAssertEqual(evidence.first.header.height, evidence.second.header.height)
        XCTAssertNotEqual(evidence.first.header.hash, evidence.second.header.hash)
        let receipt = try assertSucceeds(chain.evidence(from: carol, evidence), on: chain)
        XCTAssertEqual(receipt.events, [
            feeEvent(address(carol), fee, chain.parameters),
            .slashed(provider: a, reason: SlashReason.doubleSign.rawValue, bps: 10_000, fromStake: 700 * Self.AI, fromUnbonding: 2_997 * Self.AI / 10),
            .jailed(provider: a),
        ])
        let height = chain.head.height
        XCTAssertEqual(
            chain.stakeRecord(a),
            Stake(amount: 0, lockEpochs: 0, lockedUntil: 1, tier: .open, attestation: nil, reputation: 0, jailed: true, jailedAt: height))
        XCTAssertNil(chain.store.values[.unbonding(a)], "the fully slashed entry is removed")
        XCTAssertEqual(chain.balance(a), balanceBefore, "liquid balance is never slashed")
        let totals = chain.totals()
        XCTAssertEqual(totals.staked, before.staked - 700 * Self.AI)
        XCTAssertEqual(totals.unbonding, before.unbonding - 2_997 * Self.AI / 10)
        XCTAssertEqual(totals.burned, before.burned + 700 * Self.AI + 2_997 * Self.AI / 10 + fee * 4 / 10)
        // The marker: 0x07 ‖ H(public key ‖ u64 height) → 0x01.
        let marker = StateKey(bytes: [0x07] + Blake2b.hash256(validatorA.publicKey.bytes + [0, 0, 0, 0, 0, 0, 0, 7]))
        XCTAssertEqual(marker, StateKey.evidence(validator: validatorA.publicKey, height: 7))
        XCTAssertEqual(chain.store.values[marker], [1])
        // A jailed validator cannot stake again.
        try assertExecutionFails(chain.stake(from: validatorA, amount: 100 * Self.AI), .jailed, on: chain)
    }

    func testPartialRateFloorsStakeAndEachEntryAndLowersReputation() throws {
        let chain = try Self.makeChain(parameters: #"{"staking": {"unbonding_period": 50, "slash_malicious_bps": 2500}}"#)
        let a = address(validatorA)
        try assertSucceeds(chain.stake(from: validatorA, amount: 1_000 * Self.AI + 3, lockEpochs: 0, tier: .atRest, attestation: Hash32.digest([1])), on: chain)
        try assertSucceeds(chain.unstake(from: validatorA, amount: 333 * Self.AI + 1), on: chain)
        try assertSucceeds(chain.unstake(from: validatorA, amount: 1_001), on: chain)
        // Give the stake a reputation, as completed work will.
        var stake = try XCTUnwrap(chain.stakeRecord(a))
        stake.reputation = 803
        try chain.plant([(.stake(a), stake.canonicalBytes)])
        let entries = chain.unbonding(a).entries
        XCTAssertEqual(entries.map(\.amount), [333 * Self.AI + 1 - 333 * Self.AI / 1000, 1_000])

        func floorQuarter(_ x: Amount) -> Amount { x * 2_500 / 10_000 }
        let fromStake = floorQuarter(stake.amount)
        let cuts = entries.map { floorQuarter($0.amount) }
        XCTAssertEqual(cuts[1], 250)
        XCTAssertEqual(stake.amount, 667 * Self.AI - 999)
        XCTAssertEqual(fromStake, (667 * Self.AI - 999) / 4)
        let before = chain.totals()
        let receipt = try assertSucceeds(chain.evidence(from: carol, chain.doubleSign(by: validatorA, height: 2)), on: chain)
        XCTAssertEqual(receipt.events.dropFirst(), [
            .slashed(provider: a, reason: 4, bps: 2_500, fromStake: fromStake, fromUnbonding: cuts[0] + cuts[1]),
            .jailed(provider: a),
        ])
        let after = try XCTUnwrap(chain.stakeRecord(a))
        XCTAssertEqual(after.amount, stake.amount - fromStake)
        XCTAssertEqual(after.reputation, 803 - 250, "reputation falls by bps / 10 points")
        XCTAssertTrue(after.jailed)
        XCTAssertEqual(after.tier, .atRest)
        XCTAssertEqual(after.proof, .hash(Hash32.digest([1])))
        XCTAssertEqual(chain.unbonding(a).entries, [
            .init(amount: entries[0].amount - cuts[0], matureAt: entries[0].matureAt), .init(amount: 750, matureAt: entries[1].matureAt),
        ])
        XCTAssertEqual(chain.totals().burned, before.burned + fromStake + cuts[0] + cuts[1] + fee * 4 / 10)
        // Evidence of another height slashes again; the validator is already jailed, so no second jailed event.
        let again = try assertSucceeds(chain.evidence(from: carol, chain.doubleSign(by: validatorA, height: 3)), on: chain)
        XCTAssertEqual(again.events.dropFirst(), [
            .slashed(provider: a, reason: 4, bps: 2_500, fromStake: floorQuarter(after.amount),
                     fromUnbonding: floorQuarter(entries[0].amount - cuts[0]) + floorQuarter(750)),
        ])
        XCTAssertEqual(chain.stakeRecord(a)?.reputation, 803 - 500)
    }

    func testAValidatorWithoutStakeIsStillJailedAndMarked() throws {
        let b = address(validatorB)
        let receipt = try assertSucceeds(chain.evidence(from: carol, chain.doubleSign(by: validatorB, height: 1)), on: chain)
        XCTAssertEqual(receipt.events.dropFirst(), [.slashed(provider: b, reason: 4, bps: 10_000, fromStake: 0, fromUnbonding: 0), .jailed(provider: b)])
        XCTAssertEqual(
            chain.stakeRecord(b),
            Stake(amount: 0, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: true, jailedAt: chain.head.height))
        XCTAssertNil(chain.store.values[.unbonding(b)])
        XCTAssertEqual(chain.store.values[.evidence(validator: validatorB.publicKey, height: 1)], [1])
        try assertExecutionFails(chain.stake(from: validatorB, amount: 100 * Self.AI), .jailed, on: chain)
    }

    func testTheValidatorMayReportItselfAndAnyHeightCounts() throws {
        try assertSucceeds(chain.stake(from: validatorA, amount: 100 * Self.AI), on: chain)
        // A height far in the future and height 0 are both heights at which two signatures conflict.
        try assertSucceeds(chain.evidence(from: validatorA, chain.doubleSign(by: validatorA, height: 1_000_000)), on: chain)
        try assertSucceeds(chain.evidence(from: validatorA, chain.doubleSign(by: validatorA, height: 0)), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(validatorA))?.amount, 0)
    }

    // MARK: - Refusals, in check order

    func testWrongChain() throws {
        try stakeAndUnbond(chain)
        let other = chain.signedHeader(height: 7, signer: validatorA, variant: 2, chainId: "proofmint-other")
        let ours = chain.signedHeader(height: 7, signer: validatorA, variant: 1)
        try assertExecutionFails(chain.evidence(from: carol, .init(first: other, second: ours)), .evidenceWrongChain, on: chain)
        try assertExecutionFails(chain.evidence(from: carol, .init(first: ours, second: other)), .evidenceWrongChain, on: chain)
        let both = chain.signedHeader(height: 7, signer: validatorA, variant: 3, chainId: "proofmint-other")
        try assertExecutionFails(chain.evidence(from: carol, .init(first: other, second: both)), .evidenceWrongChain, on: chain)
        // Checked first: wrong chain wins over a height mismatch too.
        let elsewhere = chain.signedHeader(height: 8, signer: validatorA, variant: 3, chainId: "proofmint-other")
        try assertExecutionFails(chain.evidence(from: carol, .init(first: ours, second: elsewhere)), .evidenceWrongChain, on: chain)
    }

    func testHeightMismatch() throws {
        try stakeAndUnbond(chain)
        let first = chain.signedHeader(height: 7, signer: validatorA, variant: 1)
        let second = chain.signedHeader(height: 8, signer: validatorA, variant: 2)
        try assertExecutionFails(chain.evidence(from: carol, .init(first: first, second: second)), .evidenceHeightMismatch(first: 7, second: 8), on: chain)
        // Even one signed by another validator: the heights are compared first.
        let fromB = chain.signedHeader(height: 9, signer: validatorB, variant: 2)
        try assertExecutionFails(chain.evidence(from: carol, .init(first: fromB, second: first)), .evidenceHeightMismatch(first: 9, second: 7), on: chain)
    }

    func testSameBlock() throws {
        try stakeAndUnbond(chain)
        let header = chain.signedHeader(height: 7, signer: validatorA, variant: 1)
        try assertExecutionFails(chain.evidence(from: carol, .init(first: header, second: header)), .evidenceSameBlock, on: chain)
        // The same header with a different (even invalid) signature is still the same block.
        var resigned = header
        resigned.signature[0] ^= 1
        try assertExecutionFails(chain.evidence(from: carol, .init(first: header, second: resigned)), .evidenceSameBlock, on: chain)
    }

    func testProducerMismatch() throws {
        try stakeAndUnbond(chain)
        let byA = chain.signedHeader(height: 7, signer: validatorA, variant: 1)
        let byB = chain.signedHeader(height: 7, signer: validatorB, variant: 2)
        try assertExecutionFails(chain.evidence(from: carol, .init(first: byA, second: byB)), .evidenceProducerMismatch, on: chain)
        // A header that names b as producer but that a signed: the producers differ, whoever signed.
        let namesB = chain.signedHeader(height: 7, signer: validatorA, variant: 2, producer: validatorB.publicKey.bytes)
        try assertExecutionFails(chain.evidence(from: carol, .init(first: byA, second: namesB)), .evidenceProducerMismatch, on: chain)
    }

    func testUnknownValidator() throws {
        try stakeAndUnbond(chain)
        try assertExecutionFails(chain.evidence(from: carol, chain.doubleSign(by: mallory, height: 7)), .evidenceUnknownValidator, on: chain)
        // The producer field names a validator only if it is a validator's exact key.
        let zeros = chain.signedHeader(height: 7, signer: mallory, variant: 1, producer: Bytes(repeating: 0, count: 32))
        let zeros2 = chain.signedHeader(height: 7, signer: mallory, variant: 2, producer: Bytes(repeating: 0, count: 32))
        try assertExecutionFails(chain.evidence(from: carol, .init(first: zeros, second: zeros2)), .evidenceUnknownValidator, on: chain)
    }

    func testBadSignature() throws {
        try stakeAndUnbond(chain)
        let evidence = chain.doubleSign(by: validatorA, height: 7)
        var forgedFirst = evidence
        forgedFirst.first.signature[5] ^= 0x20
        try assertExecutionFails(chain.evidence(from: carol, forgedFirst), .evidenceBadSignature, on: chain)
        var forgedSecond = evidence
        forgedSecond.second.signature[63] ^= 0x01
        try assertExecutionFails(chain.evidence(from: carol, forgedSecond), .evidenceBadSignature, on: chain)
        // Headers naming a as producer but signed by mallory (who wants a slashed).
        let framed = DoubleSignEvidence(
            first: chain.signedHeader(height: 7, signer: mallory, variant: 1, producer: validatorA.publicKey.bytes),
            second: chain.signedHeader(height: 7, signer: mallory, variant: 2, producer: validatorA.publicKey.bytes))
        try assertExecutionFails(chain.evidence(from: mallory, framed), .evidenceBadSignature, on: chain)
        // A transaction signature over the header bytes (wrong domain) does not count either.
        var wrongDomain = evidence
        wrongDomain.second.signature = validatorA.signature(for: evidence.second.header.canonicalBytes)
        try assertExecutionFails(chain.evidence(from: carol, wrongDomain), .evidenceBadSignature, on: chain)
        XCTAssertEqual(chain.stakeRecord(address(validatorA))?.amount, 700 * Self.AI, "no forged evidence slashed anything")
    }

    func testSecondSubmissionIsAlreadyHandled() throws {
        let chain = try Self.makeChain(parameters: #"{"staking": {"slash_malicious_bps": 1000}}"#)
        try assertSucceeds(chain.stake(from: validatorA, amount: 1_000 * Self.AI), on: chain)
        let evidence = chain.doubleSign(by: validatorA, height: 7)
        try assertSucceeds(chain.evidence(from: carol, evidence), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(validatorA))?.amount, 900 * Self.AI)
        try assertExecutionFails(chain.evidence(from: carol, evidence), .evidenceAlreadyHandled, on: chain)
        // The same offence with another pair of headers, in the other order, by another reporter.
        let other = DoubleSignEvidence(
            first: chain.signedHeader(height: 7, signer: validatorA, variant: 9), second: evidence.first)
        try assertExecutionFails(chain.evidence(from: mallory, other), .evidenceAlreadyHandled, on: chain)
        // Both submissions in one block: the second sees the first's marker.
        let fresh = chain.doubleSign(by: validatorA, height: 8)
        let (_, outcome, dropped) = try chain.produce([
            chain.evidence(from: carol, fresh), chain.evidence(from: mallory, fresh),
        ])
        XCTAssertTrue(dropped.isEmpty)
        XCTAssertEqual(outcome.receipts.map(\.code), [0, 126])
        XCTAssertEqual(chain.stakeRecord(address(validatorA))?.amount, 810 * Self.AI)
        assertSupplyInvariant(chain)
    }

    func testEvidenceCodesAndNames() {
        let expected: [(TransactionError, UInt16, String)] = [
            (.evidenceWrongChain, 120, "evidence_wrong_chain"),
            (.evidenceHeightMismatch(first: 1, second: 2), 121, "evidence_height_mismatch"),
            (.evidenceSameBlock, 122, "evidence_same_block"),
            (.evidenceProducerMismatch, 123, "evidence_producer_mismatch"),
            (.evidenceUnknownValidator, 124, "evidence_unknown_validator"),
            (.evidenceBadSignature, 125, "evidence_bad_signature"),
            (.evidenceAlreadyHandled, 126, "evidence_already_handled"),
        ]
        for (error, code, name) in expected {
            XCTAssertEqual(error.code, code)
            XCTAssertEqual(error.name, name)
            XCTAssertFalse(error.isAdmissionError)
        }
    }
}
