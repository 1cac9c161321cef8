@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Sampled validation, verdicts, missed deadlines, challenges and the compute validator set (protocol version 3), with
/// amounts to the base unit. Every receipt is sampled here (`sample_bps` 10,000), windows are short, and two
/// validators (vera and victor, 300 AI and 100 AI) are in the set; alice provides, carol consumes.
final class VerificationTests: StakingTestCase {
    let alice = TestKeys.key("alice"), carol = TestKeys.key("carol"), vera = TestKeys.key("vera"), victor = TestKeys.key("victor")
    let mallory = TestKeys.key("mallory")

    func makeChain(_ extra: String = "", sampleBps: Int = 10_000) throws -> TestChain {
        let chain = try TestChain(
            users: [("alice", 1_000 * Tokens.one), ("carol", 10_000 * Tokens.one), ("vera", 1_000 * Tokens.one),
                    ("victor", 1_000 * Tokens.one), ("mallory", 1_000 * Tokens.one)],
            parameters: #"""
            {"epoch_length": 5, "compute": {"blocks_per_year": 50, "initial_annual_emission": "10AI", "terminal_annual_emission": "1AI",
             "sample_bps": \#(sampleBps), "sample_delay_blocks": 1, "validation_window_blocks": 2, "max_reassignments": 1,
             "challenge_window_blocks": 4, "resolution_window_blocks": 3\#(extra)}}
            """#)
        XCTAssertEqual(try chain.produce([
            chain.stake(from: alice, amount: 200 * Tokens.one), chain.stake(from: vera, amount: 300 * Tokens.one),
            chain.stake(from: victor, amount: 100 * Tokens.one),
        ]).outcome.receipts.map(\.code), [0, 0, 0])
        XCTAssertEqual(try chain.produce([chain.validatorTransaction(from: vera), chain.validatorTransaction(from: victor)]).outcome.receipts.map(\.code), [0, 0])
        return chain
    }

    /// Submits a receipt from carol for alice's work in the next block, then produces its sampling block.
    func submitAndSample(_ chain: TestChain, price: Amount = 10 * Tokens.one, quality: UInt8 = 90) throws -> Hash32 {
        let receipt = chain.receipt(consumer: carol, provider: address(alice), quality: quality, price: price)
        try assertSucceeds(chain.submitProof(from: alice, receipt), on: chain)
        try chain.produce([])
        return receipt.receipt.jobId
    }

    func key(of validator: Address?) throws -> Ed25519.PrivateKey {
        try XCTUnwrap([vera, victor].first { address($0) == validator })
    }

    // MARK: - The validator set

    func testValidatorsJoinWithEnoughStakeAndLeave() throws {
        let chain = try makeChain()
        XCTAssertEqual(chain.computeValidators().members, [address(vera), address(victor)].sorted())
        try assertExecutionFails(chain.validatorTransaction(from: vera), .alreadyValidator, on: chain)
        try assertExecutionFails(
            chain.validatorTransaction(from: mallory), .validatorStakeTooLow(minimum: 100 * Tokens.one, staked: 0), on: chain)
        try assertExecutionFails(chain.validatorTransaction(from: mallory, join: false), .notAValidator, on: chain)
        let receipt = try assertSucceeds(chain.validatorTransaction(from: victor, join: false), on: chain)
        XCTAssertEqual(receipt.events.last, .validatorLeft(validator: address(victor)))
        XCTAssertEqual(chain.computeValidators().members, [address(vera)])
    }

    func testAFullSetTakesANewcomerOnlyIfItOutStakesTheSmallestMember() throws {
        let chain = try makeChain(#", "max_validators": 2"#)
        try chain.produce([chain.stake(from: mallory, amount: 100 * Tokens.one)])
        try assertExecutionFails(
            chain.validatorTransaction(from: mallory), .validatorSetFull(size: 2, smallestStake: 100 * Tokens.one), on: chain)
        try chain.produce([chain.stake(from: mallory, amount: 50 * Tokens.one)])
        let receipt = try assertSucceeds(chain.validatorTransaction(from: mallory), on: chain)
        XCTAssertEqual(receipt.events.last, .validatorJoined(validator: address(mallory), evicted: address(victor)))
        XCTAssertEqual(chain.computeValidators().members, [address(vera), address(mallory)].sorted())
    }

    // MARK: - Sampling and verdicts

    func testASampledReceiptGoesToAValidatorThatIsNeitherItsProviderNorItsConsumer() throws {
        let chain = try makeChain()
        for _ in 0..<6 {
            let job = try submitAndSample(chain)
            let record = try XCTUnwrap(chain.receiptRecord(job))
            XCTAssertEqual(record.validation, .assigned)
            XCTAssertTrue([address(vera), address(victor)].contains(try XCTUnwrap(record.validator)))
            XCTAssertEqual(record.deadline, record.acceptedAt + 1 + 2)
        }
        // The draw is the one the rules describe: seed from the mix, stake-weighted over the members in address order.
        let job = try submitAndSample(chain)
        let record = try XCTUnwrap(chain.receiptRecord(job))
        var overlay = StateOverlay(base: chain.store)
        let seed = Hash32.digest(ValidationModule.sampleDomain + (try overlay.randomnessMix()).bytes + job.bytes)
        overlay = StateOverlay(base: chain.store)
        let drawn = try ValidatorModule.draw(
            seed: Hash32.digest(seed.bytes + [0]), excluding: [address(alice), address(carol)],
            rules: chain.currentParameters().compute.verification, state: overlay)
        XCTAssertEqual(drawn, record.validator)
    }

    /// The re-roll attack of a provider that also produces blocks (ECONOMIC-SECURITY.md, "Producer schedule"): its own
    /// beacon would sample its receipt, so it withholds its block and the turn passes to the next validator. Since
    /// protocol version 4 a block made after a passed turn samples every receipt it decides, so withholding makes
    /// sampling certain instead of drawing again. Here sampling is off for a 10 AI receipt (`sample_bps` 0 and a
    /// 1,000,000 AI `sample_value`: 0.1 bps, rounded down to 0).
    func testABlockMadeAfterAPassedTurnSamplesEveryReceiptItDecides() throws {
        let chain = try makeChain(#", "sample_value": "1000000AI""#, sampleBps: 0)
        let timeout = ProducerSchedule.slotTimeout(try chain.currentParameters())
        XCTAssertEqual(try chain.currentParameters().compute.verification.sampleProbabilityBps(value: 10 * Tokens.one), 0)
        // On time: the receipt is decided by the scheduled producer's beacon and, at 0 bps, never sampled.
        let onTime = try submitAndSample(chain)
        XCTAssertEqual(try XCTUnwrap(chain.receiptRecord(onTime)).validation, .notSampled)
        // Its deciding block withheld: the next validator makes it a timeout later, and the receipt is sampled.
        let receipt = chain.receipt(consumer: carol, provider: address(alice), quality: 90, price: 10 * Tokens.one)
        try assertSucceeds(chain.submitProof(from: alice, receipt), on: chain)
        let scheduled = chain.producerKey(at: chain.nextHeight)
        let (block, _, _) = try chain.produce([], timestamp: chain.head.timestamp + timeout)
        XCTAssertNotEqual(block.header.producer, scheduled.publicKey.bytes, "the turn passed")
        let record = try XCTUnwrap(chain.receiptRecord(receipt.receipt.jobId))
        XCTAssertEqual(record.validation, .assigned)
        XCTAssertTrue([address(vera), address(victor)].contains(try XCTUnwrap(record.validator)))
    }

    /// ABCI mode's form of the same rule (PROTOCOL.md §4.7): a block CometBFT decided after its round-0 proposer withheld
    /// (`ConsensusBlock.turnPassed`) samples every receipt it decides; the same block on time does not.
    func testAConsensusBlockMadeAfterAPassedTurnSamplesEveryReceiptItDecides() throws {
        let chain = try makeChain(#", "sample_value": "1000000AI""#, sampleBps: 0)
        let receipt = chain.receipt(consumer: carol, provider: address(alice), quality: 90, price: 10 * Tokens.one)
        try assertSucceeds(chain.submitProof(from: alice, receipt), on: chain)
        let height = chain.nextHeight
        let beacon = try BlockBeacon.prove(chainId: chain.chainId, height: height, producer: chain.producerKey(at: height))
        let validations = try [false, true].map { turnPassed in
            let context = ConsensusBlock(
                chainId: chain.chainId, height: height, timestamp: chain.head.timestamp + 1_000, beacon: beacon, turnPassed: turnPassed)
            let outcome = try StateTransition.execute(transactions: [], context: context, parent: chain.head, state: chain.store).outcome
            let written = try XCTUnwrap(outcome.stateWrites.first { $0.key == .receipt(receipt.receipt.jobId) }.flatMap(\.value))
            return try ReceiptRecord(canonical: written).validation
        }
        XCTAssertEqual(validations, [.notSampled, .assigned])
    }

    func testAPassConfirmsTheQualityPaysTheValidatorAndReweighsTheReceipt() throws {
        let chain = try makeChain()
        let job = try submitAndSample(chain, price: 10 * Tokens.one, quality: 90)
        let record = try XCTUnwrap(chain.receiptRecord(job))
        let validator = try key(of: record.validator)
        XCTAssertEqual(record.qualityBps, 11_500, "capped at score 50 until confirmed")
        try assertExecutionFails(chain.verdict(from: try key(of: [address(vera), address(victor)].first { $0 != record.validator }), job: job), .notAssignedValidator, on: chain)
        let pool = chain.balance(ModuleAccount.validation.address)
        let before = chain.balance(address(validator))
        let result = try assertSucceeds(chain.verdict(from: validator, job: job, .pass, quality: 80), on: chain)
        let reward = min(Tokens.one / 2, pool)
        XCTAssertEqual(pool, 10 * Tokens.one * 50 / 10_000, "0.5% of the one receipt so far: less than the 0.5 AI reward")
        XCTAssertEqual(result.events[1], .verdictGiven(jobId: job, validator: address(validator), verdict: 1, qualityBps: 13_600, reward: reward))
        XCTAssertEqual(chain.balance(address(validator)), before - chain.parameters.minFee + reward)
        XCTAssertEqual(chain.balance(ModuleAccount.validation.address), pool - reward)
        let after = try XCTUnwrap(chain.receiptRecord(job))
        XCTAssertEqual(after.validation, .passed)
        XCTAssertEqual(after.qualityBps, 13_600, "the lower of the consumer's 90 and the validator's 80")
        XCTAssertEqual(after.weight, 10 * Tokens.one * 13_600 * 10_000)
        XCTAssertEqual(chain.epochRecord(after.epoch)?.totalWeight, after.weight)
        XCTAssertEqual(chain.providerWork(address(alice), epoch: after.epoch)?.weight, after.weight)
        try assertExecutionFails(chain.verdict(from: validator, job: job), .notAwaitingVerdict(status: "passed"), on: chain)
    }

    func testAFailingVerdictSlashesTheProviderAtTheSeedsRateAndRemovesTheWeight() throws {
        for (verdict, bps, jails) in [(Verdict.slaViolation, UInt16(300), false), (.attestationFailure, 1000, false), (.malicious, 10_000, true)] {
            let chain = try makeChain()
            let job = try submitAndSample(chain)
            let record = try XCTUnwrap(chain.receiptRecord(job))
            let stake = try XCTUnwrap(chain.stakeRecord(address(alice))).amount
            let result = try assertSucceeds(
                chain.verdict(from: try key(of: record.validator), job: job, verdict, quality: 10, slashBps: verdict == .slaViolation ? bps : 0),
                on: chain)
            XCTAssertTrue(result.events.contains(.slashed(
                provider: address(alice), reason: verdict.slashReason?.rawValue ?? 0, bps: bps, fromStake: stake * Amount(bps) / 10_000,
                fromUnbonding: 0)), "\(verdict)")
            XCTAssertEqual(chain.stakeRecord(address(alice))?.jailed, jails, "\(verdict)")
            XCTAssertEqual(chain.receiptRecord(job)?.validation, .failed)
            XCTAssertEqual(chain.receiptRecord(job)?.weight, 0)
            XCTAssertEqual(chain.epochRecord(record.epoch)?.totalWeight, 0)
            XCTAssertEqual(chain.epochRecord(record.epoch)?.totalValue, 0)
        }
    }

    func testAVerdictOutOfRangeIsInadmissible() throws {
        let chain = try makeChain()
        let job = Hash32.digest(Array("any".utf8))
        try assertInadmissible(chain.verdict(from: vera, job: job, .pass, quality: 101), .verdictInvalid(reason: "quality 101 is above 100"), on: chain)
        try assertInadmissible(
            chain.verdict(from: vera, job: job, .slaViolation, slashBps: 600),
            .verdictInvalid(reason: "an sla_violation slashes between 100 and 500 bps, not 600"), on: chain)
        try assertInadmissible(
            chain.verdict(from: vera, job: job, .malicious, slashBps: 100), .verdictInvalid(reason: "only an sla_violation names a slash rate"), on: chain)
        try assertExecutionFails(chain.verdict(from: vera, job: job), .unknownReceipt(job: job), on: chain)
    }

    func testAMissedValidationSlashesTheValidatorAndReassignsThenStandsUnverified() throws {
        let chain = try makeChain()
        let job = try submitAndSample(chain)
        let first = try XCTUnwrap(chain.receiptRecord(job))
        let firstValidator = try XCTUnwrap(first.validator)
        let stake = try XCTUnwrap(chain.stakeRecord(firstValidator)).amount
        try chain.advance(to: first.deadline)
        XCTAssertEqual(chain.stakeRecord(firstValidator)?.amount, stake - stake / 100, "1% for the missed window")
        let second = try XCTUnwrap(chain.receiptRecord(job))
        XCTAssertEqual(second.validation, .assigned)
        XCTAssertEqual(second.missed, 1)
        XCTAssertNotEqual(second.validator, firstValidator, "a validator that missed is not drawn again for it")
        try chain.advance(to: second.deadline)
        let last = try XCTUnwrap(chain.receiptRecord(job))
        XCTAssertEqual(last.validation, .unverified, "max_reassignments 1: after two misses it stands unverified")
        XCTAssertEqual(last.weight, first.weight, "unverified receipts keep their capped weight")
        assertSupplyInvariant(chain)
    }

    // MARK: - Challenges

    func testAnUpheldChallengeSlashesTheProviderRewardsTheChallengerAndRemovesTheReceipt() throws {
        let chain = try makeChain()
        let job = try submitAndSample(chain)
        let validator = try key(of: chain.receiptRecord(job)?.validator)
        try assertSucceeds(chain.verdict(from: validator, job: job, .pass, quality: 90), on: chain)
        let bond = 10 * Tokens.one
        let before = chain.balance(address(carol))
        let opened = try assertSucceeds(chain.challenge(from: carol, job: job), on: chain)
        XCTAssertEqual(opened.events.last, .challenged(jobId: job, challenger: address(carol), bond: bond))
        XCTAssertEqual(chain.balance(ModuleAccount.challenges.address), bond)
        try assertExecutionFails(chain.challenge(from: mallory, job: job), .alreadyChallenged, on: chain)
        try assertExecutionFails(chain.resolve(from: alice, job: job, uphold: false), .notAValidator, on: chain)
        let aliceStake = try XCTUnwrap(chain.stakeRecord(address(alice))).amount
        let validatorStake = try XCTUnwrap(chain.stakeRecord(address(validator))).amount
        // vera holds 300 of 400 AI of validator stake: her vote decides at once.
        let result = try assertSucceeds(chain.resolve(from: vera, job: job, uphold: true), on: chain)
        let slashed = aliceStake  // slash_malicious_bps 10000
        let reward = slashed / 2
        XCTAssertTrue(result.events.contains(.challengeDecided(jobId: job, outcome: ChallengeOutcome.upheld.rawValue, challengerReward: reward)))
        XCTAssertEqual(chain.balance(address(carol)), before - chain.parameters.minFee + reward)
        XCTAssertEqual(chain.balance(ModuleAccount.challenges.address), 0)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.jailed, true)
        XCTAssertEqual(chain.receiptRecord(job)?.weight, 0)
        XCTAssertEqual(chain.receiptRecord(job)?.challenge?.outcome, .upheld)
        XCTAssertEqual(chain.stakeRecord(address(validator))?.amount, validatorStake - validatorStake / 10, "its pass is overturned: 10%")
        try assertExecutionFails(chain.resolve(from: victor, job: job, uphold: false), .noOpenChallenge, on: chain)
        assertSupplyInvariant(chain)
    }

    func testAReceiptIsPunishedOnceWhetherTheVerdictOrTheChallengeComesFirst() throws {
        // A failing verdict first (3%), then an upheld challenge: no second slash; the challenger gets its bond back.
        let chain = try makeChain()
        let job = try submitAndSample(chain)
        let validator = try key(of: chain.receiptRecord(job)?.validator)
        let mallorys = chain.balance(address(mallory))
        try assertSucceeds(chain.challenge(from: mallory, job: job), on: chain)
        let stake = try XCTUnwrap(chain.stakeRecord(address(alice))).amount
        try assertSucceeds(chain.verdict(from: validator, job: job, .slaViolation, quality: 10, slashBps: 300), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.amount, stake - stake * 300 / 10_000)
        let decided = try assertSucceeds(chain.resolve(from: vera, job: job, uphold: true), on: chain)
        XCTAssertFalse(decided.events.contains { if case .slashed(address(alice), _, _, _, _) = $0 { return true } else { return false } })
        XCTAssertTrue(decided.events.contains(.challengeDecided(jobId: job, outcome: ChallengeOutcome.upheld.rawValue, challengerReward: 0)))
        XCTAssertEqual(chain.stakeRecord(address(alice))?.amount, stake - stake * 300 / 10_000, "punished once")
        XCTAssertEqual(chain.stakeRecord(address(alice))?.jailed, false)
        XCTAssertEqual(chain.balance(address(mallory)), mallorys - chain.parameters.minFee, "the bond came back")

        // An upheld challenge first: the receipt is not sampled, and so never checked or punished again.
        let second = try makeChain()
        let receipt = second.receipt(consumer: carol, provider: address(alice), price: 10 * Tokens.one)
        try assertSucceeds(second.submitProof(from: alice, receipt), on: second)
        // Its sampling block holds the challenge and its deciding vote.
        let outcome = try second.produce([
            second.challenge(from: mallory, job: receipt.receipt.jobId), second.resolve(from: vera, job: receipt.receipt.jobId, uphold: true),
        ]).outcome
        XCTAssertEqual(outcome.receipts.map(\.code), [0, 0])
        XCTAssertEqual(second.receiptRecord(receipt.receipt.jobId)?.challenge?.outcome, .upheld)
        XCTAssertEqual(second.receiptRecord(receipt.receipt.jobId)?.validation, .notSampled, "removed before its sampling block ended")
    }

    func testARejectedChallengePaysTheBondToTheProvider() throws {
        let chain = try makeChain()
        let job = try submitAndSample(chain)
        let before = chain.balance(address(mallory))
        try assertSucceeds(chain.challenge(from: mallory, job: job), on: chain)
        let provider = chain.balance(address(alice))
        // vera's 300 of 400 AI rejects: at least half, so the challenge is decided at once.
        let result = try assertSucceeds(chain.resolve(from: vera, job: job, uphold: false), on: chain)
        XCTAssertTrue(result.events.contains(.challengeDecided(jobId: job, outcome: ChallengeOutcome.rejected.rawValue, challengerReward: 0)))
        XCTAssertEqual(chain.balance(address(alice)), provider + 10 * Tokens.one, "the griefer's bond compensates the provider")
        XCTAssertEqual(chain.balance(address(mallory)), before - chain.parameters.minFee - 10 * Tokens.one)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.jailed, false)
        XCTAssertGreaterThan(chain.receiptRecord(job)?.weight ?? 0, 0, "the receipt still stands")
    }

    func testAChallengeWithoutQuorumLapsesAndReturnsTheBond() throws {
        let chain = try makeChain(#", "resolution_quorum_bps": 5000"#)
        let job = try submitAndSample(chain)
        let before = chain.balance(address(mallory))
        try assertSucceeds(chain.challenge(from: mallory, job: job), on: chain)
        // victor's 100 of 400 AI upholds: not a majority, and below the 50% quorum at the deadline.
        try assertSucceeds(chain.resolve(from: victor, job: job, uphold: true), on: chain)
        let deadline = try XCTUnwrap(chain.receiptRecord(job)?.challenge?.deadline)
        try chain.advance(to: deadline)
        XCTAssertEqual(chain.receiptRecord(job)?.challenge?.outcome, .lapsed)
        XCTAssertEqual(chain.balance(address(mallory)), before - chain.parameters.minFee, "the bond came back")
        XCTAssertEqual(chain.stakeRecord(address(alice))?.jailed, false)
    }

    func testAChallengeAfterItsWindowOrByTheProviderIsRefused() throws {
        let chain = try makeChain()
        let job = try submitAndSample(chain)
        try assertExecutionFails(chain.challenge(from: alice, job: job), .conflictedVoter, on: chain)
        let until = try XCTUnwrap(chain.receiptRecord(job)?.challengeUntil)
        try chain.advance(to: until)
        try assertExecutionFails(chain.challenge(from: mallory, job: job), .challengeWindowClosed(until: until, height: until + 1), on: chain)
    }
}
