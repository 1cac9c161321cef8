@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Every rule of `submit-proof` and of the epoch settlement (protocol version 3), with amounts checked to the base unit.
///
/// The chain: 5-block epochs and a 50-block year, so each year is 10 epochs and epoch k < 40 schedules exactly
/// 10,000,000 AI (100M / 10), unless a test lowers the emission. Sampling is off (`sample_bps` 0 and a sample value of
/// a million AI) and every window is short, so an epoch's windows close 5 blocks after its last receipt. Alice and bob
/// are providers (bob at tier 1), carol and dave are consumers.
final class ProofOfComputeTests: StakingTestCase {
    static let epochLength: UInt64 = 5
    static let perEpoch = 10_000_000 * Tokens.one
    static let quiet = #""sample_bps": 0, "sample_value": "1000000AI", "sample_delay_blocks": 1, "validation_window_blocks": 2, "max_reassignments": 1, "challenge_window_blocks": 3, "resolution_window_blocks": 2"#
    let alice = TestKeys.key("alice"), bob = TestKeys.key("bob"), carol = TestKeys.key("carol"), dave = TestKeys.key("dave")
    let attestation = Hash32.digest(Array("attestation".utf8))

    func makeChain(compute: String = "", teamVesting: String? = nil, modules: [(module: ModuleAccount, amount: Amount)] = []) throws -> TestChain {
        let extra = compute.isEmpty ? "" : ", \(compute)"
        return try TestChain(
            users: [("alice", 1_000 * Tokens.one), ("bob", 1_000 * Tokens.one), ("carol", 10_000 * Tokens.one), ("dave", 50 * Tokens.one)],
            modules: modules,
            parameters: #"{"epoch_length": \#(Self.epochLength), "compute": {"blocks_per_year": 50, \#(Self.quiet)\#(extra)}}"#,
            teamVesting: teamVesting)
    }

    /// A chain where alice (tier 0) and bob (tier 1) have staked 200 AI each, in block 1.
    func stakedChain(compute: String = "") throws -> TestChain {
        let chain = try makeChain(compute: compute)
        let (_, outcome, dropped) = try chain.produce([
            chain.stake(from: alice, amount: 200 * Tokens.one),
            chain.stake(from: bob, amount: 200 * Tokens.one, tier: .atRest, attestation: attestation),
        ])
        XCTAssertTrue(dropped.isEmpty)
        XCTAssertEqual(outcome.receipts.map(\.code), [0, 0])
        return chain
    }

    var tier1: UInt16 { StakingParameters.defaults.tierMultipliersBps[1] }

    // MARK: - Accepted proofs

    func testAcceptedProofPaysTheProviderAndSplitsTheProtocolAndValidationFees() throws {
        let chain = try stakedChain()
        let price = 12 * Tokens.one + 345
        let receipt = chain.receipt(consumer: carol, provider: address(bob), units: 1000, quality: 90, price: price)
        let tx = chain.submitProof(from: bob, receipt)
        let before = (carol: chain.balance(address(carol)), bob: chain.balance(address(bob)), totals: chain.totals())
        let pool = chain.balance(ModuleAccount.rewardPool.address), treasury = chain.balance(ModuleAccount.treasury.address)
        let liquidity = chain.balance(ModuleAccount.liquidity.address)
        let result = try assertSucceeds(tx, on: chain)

        // 0.3% protocol fee, floored; split 40/30/20/10 with the treasury taking the remainder; 0.5% to validation.
        let fee = price * 30 / 10_000, validationFee = price * 50 / 10_000
        let burn = fee * 4000 / 10_000, poolShare = fee * 3000 / 10_000, liquidityShare = fee * 1000 / 10_000
        let txFee = chain.parameters.minFee
        XCTAssertEqual(chain.balance(address(carol)), before.carol - price)
        XCTAssertEqual(chain.balance(address(bob)), before.bob + price - fee - validationFee - txFee)
        XCTAssertEqual(chain.balance(ModuleAccount.validation.address), validationFee)
        let txShares = chain.parameters.feeSplit.shares(of: txFee)
        XCTAssertEqual(chain.balance(ModuleAccount.rewardPool.address), pool + poolShare + txShares.rewardPool)
        XCTAssertEqual(chain.balance(ModuleAccount.liquidity.address), liquidity + liquidityShare + txShares.liquidity)
        XCTAssertEqual(
            chain.balance(ModuleAccount.treasury.address), treasury + (fee - burn - poolShare - liquidityShare) + txShares.treasury)
        XCTAssertEqual(chain.totals().burned, before.totals.burned + burn + txShares.burn)
        XCTAssertEqual(chain.totals().feesPaid, before.totals.feesPaid + fee + txFee)

        // Weight: the price × quality 90 capped at 50 until validated (8000 + 7000 × 50 / 100 = 11,500 bps) × tier 1.
        let weight = price * 11_500 * UInt128(tier1)
        XCTAssertEqual(result.events[1], .proofAccepted(
            jobId: receipt.receipt.jobId, consumer: address(carol), provider: address(bob), epoch: 0, units: 1000,
            qualityBps: 11_500, tierBps: tier1, weight: weight, price: price, protocolFee: fee, validationFee: validationFee))
        XCTAssertEqual(result.events[2], .feePaid(
            payer: address(carol), total: fee, burned: burn, rewardPool: poolShare, treasury: fee - burn - poolShare - liquidityShare,
            liquidity: liquidityShare))
        let record = try XCTUnwrap(chain.epochRecord(0))
        XCTAssertEqual(record.totalWeight, weight)
        XCTAssertEqual(record.totalValue, price)
        XCTAssertEqual(record.providerCount, 1)
        XCTAssertEqual(record.closesAt, 2 + 5, "accepted at 2; the windows reach 5 blocks further")
        XCTAssertEqual(chain.providerWork(address(bob), epoch: 0), ProviderWork(
            weight: weight, value: price, units: 1000, proofs: 1, earned: price - fee - validationFee, reward: nil, forfeited: false))
        let stored = try XCTUnwrap(chain.receiptRecord(receipt.receipt.jobId))
        XCTAssertEqual(stored.validation, .pendingSample)
        XCTAssertEqual(stored.deadline, 3)
        XCTAssertEqual(stored.challengeUntil, 5)
        XCTAssertEqual(stored.modelHash, receipt.receipt.modelHash)
        XCTAssertEqual(chain.stakeRecord(address(bob))?.reputation, 1, "reputation rises with accepted work")
        try chain.produce([])
        XCTAssertEqual(chain.receiptRecord(receipt.receipt.jobId)?.validation, .notSampled, "sampling is off in this chain")
    }

    func testAReceiptWeighsTheValuePaidNotTheUnitsClaimed() throws {
        let chain = try stakedChain()
        let small = chain.receipt(consumer: carol, provider: address(alice), units: 1, quality: 50, price: 2 * Tokens.one)
        let huge = chain.receipt(consumer: carol, provider: address(alice), units: 1_000_000, quality: 50, price: Tokens.one)
        XCTAssertEqual(try chain.produce([
            chain.submitProof(from: alice, small), chain.submitProof(from: alice, huge, nonce: chain.nonce(address(alice)) + 1),
        ]).outcome.receipts.map(\.code), [0, 0])
        XCTAssertEqual(chain.receiptRecord(small.receipt.jobId)?.weight, 2 * (chain.receiptRecord(huge.receipt.jobId)?.weight ?? 0),
                       "a million claimed units for 1 AI weigh half of one unit sold for 2 AI")
    }

    func testQualityMultiplierRunsFromPointEightToOnePointFive() {
        let parameters = ComputeParameters.defaults
        XCTAssertEqual(parameters.qualityMultiplierBps(score: 0), 8000)
        XCTAssertEqual(parameters.qualityMultiplierBps(score: 50), 11_500)
        XCTAssertEqual(parameters.qualityMultiplierBps(score: 100), 15_000)
        XCTAssertEqual(parameters.qualityMultiplierBps(score: 37), 10_590)
        XCTAssertEqual(parameters.qualityMultiplierBps(score: 200), 15_000, "scores above 100 are clamped")
    }

    func testSamplingProbabilityGrowsWithValueAndIsCertainFromTheSampleValue() {
        let rules = VerificationParameters.defaults
        XCTAssertEqual(rules.sampleProbabilityBps(value: 0), 1000)
        XCTAssertEqual(rules.sampleProbabilityBps(value: 10 * Tokens.one), 2000)
        XCTAssertEqual(rules.sampleProbabilityBps(value: 90 * Tokens.one), 10_000)
        XCTAssertEqual(rules.sampleProbabilityBps(value: 1_000_000 * Tokens.one), 10_000)
        XCTAssertEqual(rules.windowsClose(acceptedAt: 100), 100 + max(1 + 20 * 3, 60 + 20))
    }

    func testReceiptsThatCanNeverBeValidAreInadmissible() throws {
        let chain = try stakedChain()
        let provider = address(bob)
        var forged = chain.receipt(consumer: carol, provider: provider)
        forged.receipt.price += 1  // signed for another price
        try assertInadmissible(chain.submitProof(from: bob, forged), .receiptBadSignature, on: chain)
        let signedByOther = chain.receipt(consumer: carol, provider: provider).receipt.signed(by: dave)
        try assertInadmissible(chain.submitProof(from: bob, signedByOther), .receiptBadSignature, on: chain)
        try assertInadmissible(
            chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: provider, chainId: "other-chain")),
            .receiptWrongChain(expected: chain.chainId, actual: "other-chain"), on: chain)
        try assertInadmissible(chain.submitProof(from: alice, chain.receipt(consumer: carol, provider: provider)), .receiptWrongProvider, on: chain)
        try assertInadmissible(
            chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: provider, quality: 101)), .qualityOutOfRange(score: 101), on: chain)
        try assertInadmissible(chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: provider, units: 0)), .zeroUnits, on: chain)
        try assertInadmissible(chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: provider, workload: "")), .emptyWorkload, on: chain)
        try assertInadmissible(chain.submitProof(from: bob, chain.receipt(consumer: bob, provider: provider)), .selfDealing, on: chain)
        // The minimum price is 10⁻⁶ AI per unit: 1000 units need at least 10⁻³ AI.
        let minimum = 1000 * (Tokens.one / 1_000_000)
        try assertInadmissible(
            chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: provider, units: 1000, price: minimum - 1)),
            .priceBelowMinimum(minimum: minimum, actual: minimum - 1), on: chain)
        try assertSucceeds(chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: provider, units: 1000, price: minimum)), on: chain)
    }

    func testAReusedJobIdIsRefused() throws {
        let chain = try stakedChain()
        let receipt = chain.receipt(consumer: carol, provider: address(bob))
        try assertSucceeds(chain.submitProof(from: bob, receipt), on: chain)
        try chain.produce([])  // its sampling block, so the failures below are the only change
        try assertExecutionFails(chain.submitProof(from: bob, receipt), .jobAlreadyPaid(epoch: 0), on: chain)
        // The same job id signed again for another provider is refused too: a job is paid once.
        let again = chain.receipt(consumer: carol, provider: address(alice), jobId: receipt.receipt.jobId)
        try assertExecutionFails(chain.submitProof(from: alice, again), .jobAlreadyPaid(epoch: 0), on: chain)
    }

    func testReceiptsOutsideTheEpochWindowAreRefused() throws {
        let chain = try stakedChain()
        try assertExecutionFails(
            chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob), epoch: 1)),
            .receiptEpochOutOfWindow(receipt: 1, current: 0, window: 1), on: chain)
        try chain.advance(toEpoch: 2)
        let late = chain.receipt(consumer: carol, provider: address(bob), epoch: 0)
        try assertExecutionFails(chain.submitProof(from: bob, late), .receiptEpochOutOfWindow(receipt: 0, current: 2, window: 1), on: chain)
        // One epoch back is inside the window; the work counts in the running epoch.
        let previous = chain.receipt(consumer: carol, provider: address(bob), epoch: 1)
        try assertSucceeds(chain.submitProof(from: bob, previous), on: chain)
        XCTAssertEqual(chain.epochRecord(2)?.proofs, 1)
        XCTAssertEqual(chain.epochRecord(1)?.proofs, 0, "the late receipt counts in the running epoch, not in its own")
    }

    func testProviderMustHoldTheMinimumStakeAndNotBeJailed() throws {
        let chain = try stakedChain()
        try assertExecutionFails(
            chain.submitProof(from: dave, chain.receipt(consumer: carol, provider: address(dave))),
            .providerNotStaked(minimum: 100 * Tokens.one, staked: 0), on: chain)
        try chain.slash(address(alice), bps: 5000, reason: .malicious)
        try assertExecutionFails(chain.submitProof(from: alice, chain.receipt(consumer: carol, provider: address(alice))), .jailed, on: chain)
    }

    func testAProviderBelowTheMinimumAfterASlashIsRefused() throws {
        let chain = try stakedChain()
        try chain.slash(address(bob), bps: 5100, reason: .slaViolation)
        try assertExecutionFails(
            chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob))),
            .providerNotStaked(minimum: 100 * Tokens.one, staked: 98 * Tokens.one), on: chain)
    }

    func testTheConsumerMustBeAbleToPay() throws {
        let chain = try stakedChain()
        let balance = chain.balance(address(dave))
        try assertExecutionFails(
            chain.submitProof(from: bob, chain.receipt(consumer: dave, provider: address(bob), price: balance + 1)),
            .consumerCannotPay(balance: balance, price: balance + 1), on: chain)
    }

    // MARK: - Settlement

    /// 10 AI a year of 10 epochs: 1 AI per epoch, so the pro-rata shares stay under the reward cap.
    static let smallEmission = #""initial_annual_emission": "10AI", "terminal_annual_emission": "1AI""#

    func testSettlementPaysEmissionAndPoolProRataOnceTheWindowsClose() throws {
        let chain = try stakedChain(compute: Self.smallEmission)
        let jobs = [
            chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob), units: 1000, quality: 90, price: 7 * Tokens.one)),
            chain.submitProof(from: alice, chain.receipt(consumer: carol, provider: address(alice), units: 333, quality: 37, price: 3 * Tokens.one + 7)),
            chain.submitProof(
                from: alice, chain.receipt(consumer: dave, provider: address(alice), units: 10, quality: 0, price: Tokens.one), nonce: chain.nonce(address(alice)) + 1),
        ]
        XCTAssertEqual(try chain.produce(jobs).outcome.receipts.map(\.code), [0, 0, 0])
        try chain.advance(to: Self.epochLength)
        XCTAssertEqual(chain.epochState(), EpochState(number: 1, startHeight: Self.epochLength + 1))
        XCTAssertNil(chain.epochRecord(0)?.settlement, "the epoch has ended, but its receipts' windows are still open")
        XCTAssertEqual(chain.epochRecord(0)?.closesAt, 7)
        try chain.advance(to: 6)
        // The settlement block is empty, so the pool it reserves is the pool before it.
        let pool = chain.balance(ModuleAccount.rewardPool.address)
        let before = (alice: chain.balance(address(alice)), bob: chain.balance(address(bob)), totals: chain.totals())
        try chain.produce([])

        let perEpoch = Tokens.one
        let bobWeight = 7 * Tokens.one * 11_500 * UInt128(tier1)
        let aliceWeight = (3 * Tokens.one + 7) * 10_590 * 10_000 + Tokens.one * 8000 * 10_000
        let total = bobWeight + aliceWeight
        let distributable = perEpoch + pool
        let bobShare = WideArithmetic.multiplyDivide(distributable, bobWeight, total)
        let aliceShare = WideArithmetic.multiplyDivide(distributable, aliceWeight, total)
        XCTAssertLessThan(bobShare, 7 * Tokens.one / 2, "under the cap")
        XCTAssertEqual(chain.balance(address(bob)), before.bob + bobShare)
        XCTAssertEqual(chain.balance(address(alice)), before.alice + aliceShare)
        let fromPool = min(pool, bobShare + aliceShare)
        XCTAssertEqual(chain.balance(ModuleAccount.rewardPool.address), pool - fromPool)
        XCTAssertEqual(chain.totals().minted, bobShare + aliceShare - fromPool, "the pool pays first; the rest is minted")
        XCTAssertEqual(chain.totals().issued, before.totals.issued + chain.totals().minted)
        XCTAssertEqual(chain.epochRecord(0)?.settlement, EpochSettlement(
            startedAt: 7, emission: perEpoch, poolReserved: pool, weight: total, paid: bobShare + aliceShare,
            minted: bobShare + aliceShare - fromPool, fromPool: fromPool, forfeited: 0, capped: 0, finishedAt: 7))
        XCTAssertEqual(chain.providerWork(address(bob), epoch: 0)?.reward, bobShare)
        XCTAssertEqual(chain.providerWork(address(alice), epoch: 0)?.reward, aliceShare)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.reputation, 2)
        assertSupplyInvariant(chain)
    }

    func testTheRewardIsCappedAtAShareOfTheValuePaidAndTheRestIsNeverMinted() throws {
        // 10M AI an epoch against one 2 AI receipt: version 2 paid it all; version 3 pays at most half its value.
        let chain = try stakedChain()
        let price = 2 * Tokens.one
        try assertSucceeds(chain.submitProof(from: alice, chain.receipt(consumer: carol, provider: address(alice), quality: 50, price: price)), on: chain)
        let before = chain.balance(address(alice)), issued = chain.totals().issued
        try chain.advance(to: 7)
        let settlement = try XCTUnwrap(chain.epochRecord(0)?.settlement)
        let cap = price * 5000 / 10_000
        XCTAssertEqual(chain.balance(address(alice)), before + cap)
        XCTAssertEqual(settlement.paid, cap)
        XCTAssertEqual(settlement.emission, Self.perEpoch)
        XCTAssertEqual(settlement.capped, settlement.distributable - cap)
        XCTAssertEqual(chain.totals().issued, issued + settlement.minted)
        XCTAssertLessThanOrEqual(settlement.minted, cap, "the epoch minted what it paid, not its schedule")
        assertSupplyInvariant(chain)
    }

    func testTheRewardIsAlsoCappedAtTheProvidersStake() throws {
        // 1,000 AI paid allows 500 AI of reward by value, but alice risks only her 200 AI stake.
        let chain = try stakedChain()
        try assertSucceeds(chain.submitProof(from: alice, chain.receipt(consumer: carol, provider: address(alice), price: 1_000 * Tokens.one)), on: chain)
        let before = chain.balance(address(alice))
        try chain.advance(to: 7)
        XCTAssertEqual(chain.providerWork(address(alice), epoch: 0)?.reward, 200 * Tokens.one)
        XCTAssertEqual(chain.balance(address(alice)), before + 200 * Tokens.one)
        let settlement = try XCTUnwrap(chain.epochRecord(0)?.settlement)
        XCTAssertEqual(settlement.capped, settlement.distributable - 200 * Tokens.one)
    }

    func testAnEpochWithoutWorkMintsNothingAndKeepsThePool() throws {
        let chain = try stakedChain(compute: Self.smallEmission)
        try chain.advance(to: Self.epochLength)
        XCTAssertEqual(chain.epochState().number, 1)
        XCTAssertEqual(chain.totals().minted, 0)
        let pool = chain.balance(ModuleAccount.rewardPool.address)
        XCTAssertGreaterThan(pool, 0, "the stake fees fed the pool")
        XCTAssertEqual(chain.epochRecord(0)?.settlement, EpochSettlement(
            startedAt: Self.epochLength, emission: 0, poolReserved: 0, weight: 0, paid: 0, minted: 0, fromPool: 0, forfeited: 0, capped: 0,
            finishedAt: Self.epochLength))
        // The next epoch with work pays from the carried pool first.
        try chain.produce([chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob), price: 10 * Tokens.one))])
        try chain.advance(to: 2 * Self.epochLength + 1)
        let settlement = try XCTUnwrap(chain.epochRecord(1)?.settlement)
        XCTAssertGreaterThan(settlement.poolReserved, pool)
        XCTAssertEqual(settlement.paid, settlement.minted + settlement.fromPool)
        XCTAssertEqual(chain.totals().minted, settlement.minted)
    }

    func testMintingStopsExactlyAtTheMiningCapAndThePoolStillPays() throws {
        let chain = try stakedChain(compute: #""initial_annual_emission": "10AI", "terminal_annual_emission": "1AI", "mining_cap": "1.5AI""#)
        // Receipts at heights 2, 7 and 12 (epochs 0, 1, 2); each epoch settles 5 blocks after its receipt.
        for epoch in 0..<3 as Range<UInt64> {
            if epoch > 0 { try chain.advance(to: epoch * Self.epochLength + 1) }
            try chain.produce([chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob), price: 100 * Tokens.one))])
        }
        try chain.produce([chain.transfer(from: carol, to: address(dave), amount: 1)])  // a fee for the pool after epoch 1 took it
        try chain.advance(to: 17)
        XCTAssertEqual(chain.epochRecord(0)?.settlement?.emission, Tokens.one)
        XCTAssertEqual(chain.epochRecord(1)?.settlement?.emission, Tokens.one / 2)
        XCTAssertEqual(chain.epochRecord(2)?.settlement?.emission, 0)
        XCTAssertEqual(chain.totals().minted, Tokens.one + Tokens.one / 2)
        let last = try XCTUnwrap(chain.epochRecord(2)?.settlement)
        XCTAssertGreaterThan(last.fromPool, 0)
        XCTAssertEqual(last.minted, 0, "after the cap providers are paid from the pool alone")
        XCTAssertEqual(last.paid, last.fromPool)
        assertSupplyInvariant(chain)
    }

    func testAJailedOrUnstakedProviderForfeitsItsShare() throws {
        let chain = try stakedChain(compute: Self.smallEmission)
        try chain.produce([
            chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob), price: 10 * Tokens.one)),
            chain.submitProof(from: alice, chain.receipt(consumer: carol, provider: address(alice), price: 10 * Tokens.one)),
        ])
        try chain.slash(address(alice), bps: 100, reason: .malicious)
        let aliceBalance = chain.balance(address(alice)), issued = chain.totals().issued
        try chain.advance(to: 7)
        let work = try XCTUnwrap(chain.providerWork(address(alice), epoch: 0))
        let settlement = try XCTUnwrap(chain.epochRecord(0)?.settlement)
        XCTAssertTrue(work.forfeited)
        XCTAssertEqual(work.reward, 0)
        XCTAssertGreaterThan(settlement.forfeited, 0)
        XCTAssertEqual(chain.balance(address(alice)), aliceBalance)
        XCTAssertEqual(settlement.paid, chain.providerWork(address(bob), epoch: 0)?.reward)
        XCTAssertEqual(chain.totals().issued, issued + settlement.minted, "a forfeited share is never minted")
    }

    func testSettlementIsPaidInBatchesAndTheRecordsArePrunedAfterTheProofWindow() throws {
        let chain = try stakedChain(compute: Self.smallEmission + #", "settlement_batch": 1"#)
        let first = chain.receipt(consumer: carol, provider: address(bob), price: 10 * Tokens.one)
        try chain.produce([
            chain.submitProof(from: bob, first),
            chain.submitProof(from: alice, chain.receipt(consumer: carol, provider: address(alice), price: 10 * Tokens.one)),
        ])
        XCTAssertEqual(chain.store.values[.computeHold(address(bob))].map { Array($0) }, [0, 0, 0, 1])
        try chain.advance(to: 7)
        XCTAssertNotNil(chain.providerWork(address(bob), epoch: 0)?.reward, "the first provider is paid in the first batch")
        XCTAssertNil(chain.providerWork(address(alice), epoch: 0)?.reward, "one step per block")
        XCTAssertNil(chain.epochRecord(0)?.settlement?.finishedAt)
        try chain.produce([])
        XCTAssertNotNil(chain.providerWork(address(alice), epoch: 0)?.reward)
        XCTAssertEqual(chain.epochRecord(0)?.settlement?.finishedAt, 8)
        XCTAssertNil(chain.store.values[.computeHold(address(bob))], "paid: withdrawals are free again")
        // Pruning waits for epoch 0 + the proof window (1) to pass (height 10), then takes one record a block.
        try chain.advance(to: 9)
        XCTAssertNotNil(chain.receiptRecord(first.receipt.jobId))
        try chain.advance(to: 14)
        XCTAssertNil(chain.receiptRecord(first.receipt.jobId))
        XCTAssertNil(chain.providerWork(address(bob), epoch: 0))
        XCTAssertNil(chain.providerWork(address(alice), epoch: 0))
        XCTAssertFalse(chain.store.values.keys.contains { [.epochProvider, .epochReceipt, .computeDue, .computeDueCount].contains($0.prefix) })
        XCTAssertEqual(try chain.store.record(SettlementCursor.self, at: .settlement)?.epoch, 1, "epoch 0 is done")
        XCTAssertNotNil(chain.epochRecord(0)?.settlement, "the epoch's totals and settlement stay")
        // The pruned job id cannot come back: its epoch is out of the proof window.
        try assertExecutionFails(chain.submitProof(from: bob, first), .receiptEpochOutOfWindow(receipt: 0, current: 2, window: 1), on: chain)
    }

    func testASubmitProofWritesTheSameWhateverTheNumberOfProvidersInTheEpoch() throws {
        // The epoch gets `count` other providers' work; then one more receipt is measured by what its block writes.
        func writes(after count: Int) throws -> (records: Int, bytes: Int) {
            let names = (0..<count).map { "provider-\($0)" }
            let chain = try TestChain(
                users: names.map { ($0, 200 * Tokens.one) } + [("carol", 100_000 * Tokens.one), ("alice", 1_000 * Tokens.one)],
                parameters: #"{"epoch_length": 1000, "compute": {\#(Self.quiet)}}"#)
            try chain.produce(names.map { chain.stake(from: TestKeys.key($0), amount: 100 * Tokens.one) } + [chain.stake(from: alice, amount: 100 * Tokens.one)])
            try chain.produce(names.map { chain.submitProof(from: TestKeys.key($0), chain.receipt(consumer: carol, provider: TestKeys.address($0))) })
            try chain.produce([])
            XCTAssertEqual(chain.epochRecord(0)?.providerCount, UInt32(count))
            let outcome = try chain.produce([chain.submitProof(from: alice, chain.receipt(consumer: carol, provider: address(alice)))]).outcome
            XCTAssertEqual(outcome.receipts.map(\.code), [0])
            return (outcome.stateWrites.count, outcome.stateWrites.reduce(0) { $0 + ($1.value?.count ?? 0) })
        }
        let small = try writes(after: 3), large = try writes(after: 300)
        XCTAssertEqual(small.records, large.records)
        XCTAssertEqual(small.bytes, large.bytes, "no record grows with the providers (version 2 rewrote a list of them)")
    }

    func testWithdrawWaitsForUnsettledWorkOnlyBelowTheMinimumStake() throws {
        // One-block unbonding, so the only thing between an unstake and its withdrawal is the compute hold.
        let chain = try TestChain(
            users: [("alice", 1_000 * Tokens.one), ("bob", 1_000 * Tokens.one), ("carol", 10_000 * Tokens.one)],
            parameters: #"{"epoch_length": 5, "staking": {"unbonding_period": 1}, "compute": {\#(Self.quiet)}}"#)
        try chain.produce([chain.stake(from: alice, amount: 200 * Tokens.one), chain.stake(from: bob, amount: 200 * Tokens.one)])
        try chain.produce([
            chain.submitProof(from: alice, chain.receipt(consumer: carol, provider: address(alice), price: 10 * Tokens.one)),
            chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob), price: 10 * Tokens.one)),
        ])
        // alice leaves entirely: her work is unsettled and nothing of hers would be left to slash.
        try chain.produce([chain.unstake(from: alice, amount: 200 * Tokens.one), chain.unstake(from: bob, amount: 100 * Tokens.one)])
        try assertExecutionFails(chain.withdraw(from: alice), .providerWorkUnsettled(epochs: 1), on: chain)
        // bob keeps the minimum at risk, and keeps working: he withdraws what he unstaked.
        let receipt = try assertSucceeds(chain.withdraw(from: bob), on: chain)
        XCTAssertEqual(receipt.events.last, .withdrawn(provider: address(bob), amount: 100 * Tokens.one - 100 * Tokens.one / 1000))
        // Once alice's epoch is paid (she forfeits: she is not staked), her withdrawal goes through.
        try chain.advance(to: 8)
        XCTAssertNil(chain.store.values[.computeHold(address(alice))])
        try assertSucceeds(chain.withdraw(from: alice), on: chain)
    }

    func testAVerdictEarnsTheReceiptsValidationFeeOverItsSamplingProbability() {
        let rules = VerificationParameters.defaults
        // 10 AI: fee 0.05 AI, sampled with 20% (10% + 10 AI / 100 AI): 0.25 AI, so the account breaks even on average.
        XCTAssertEqual(ValidationModule.validationReward(value: 10 * Tokens.one, rules: rules), Tokens.one / 4)
        // 1 AI: fee 0.005 AI at 11%: ⌊0.005 AI × 10000 / 1100⌋.
        XCTAssertEqual(ValidationModule.validationReward(value: Tokens.one, rules: rules), Tokens.one / 200 * 10_000 / 1100)
        // 200 AI: always sampled, its 1 AI fee is more than the 0.5 AI cap.
        XCTAssertEqual(ValidationModule.validationReward(value: 200 * Tokens.one, rules: rules), Tokens.one / 2)
        XCTAssertEqual(ValidationModule.validationReward(value: Amount.max, rules: rules), Tokens.one / 2, "saturates, never traps")
    }

    // MARK: - Team vesting

    func testTheTeamAllocationVestsAfterTheCliffLinearly() throws {
        let beneficiary = TestKeys.address("team-lead")
        let chain = try makeChain(
            teamVesting: #"{"beneficiary": "\#(beneficiary)", "cliff_blocks": 10, "duration_blocks": 40}"#,
            modules: [(.team, 1000 * Tokens.one + 3)])
        let total = 1000 * Tokens.one + 3
        // Releases happen at epoch ends (every 5 blocks): nothing before the cliff at 10, then total × height / 40.
        for height in stride(from: UInt64(5), through: 50, by: 5) {
            let expected = height < 10 ? 0 : min(total, total * Amount(height) / 40)
            try chain.advance(to: height)
            XCTAssertEqual(chain.balance(beneficiary), expected, "height \(height)")
            XCTAssertEqual(chain.balance(ModuleAccount.team.address), total - expected, "height \(height)")
        }
        XCTAssertEqual(chain.epochRecord(1)?.vested, total * 10 / 40)
        XCTAssertEqual(chain.epochRecord(2)?.vested, total * 15 / 40 - total * 10 / 40)
        XCTAssertEqual(try chain.store.record(TeamVesting.self, at: .vesting)?.released, total)
    }

    func testTeamVestingDefaultsToSeed001sCliffAndDurationInYears() throws {
        let beneficiary = TestKeys.address("team-lead")
        let chain = try makeChain(teamVesting: #"{"beneficiary": "\#(beneficiary)"}"#, modules: [(.team, 1000 * Tokens.one)])
        XCTAssertEqual(chain.genesis.teamVesting, TeamVesting(beneficiary: beneficiary, total: 1000 * Tokens.one, cliffHeight: 50, endHeight: 200, released: 0))
        XCTAssertThrowsError(try makeChain(teamVesting: #"{"beneficiary": "\#(beneficiary)"}"#)) {
            XCTAssertTrue("\($0)".contains("needs an allocation to the 'team' module"), "\($0)")
        }
        XCTAssertThrowsError(try makeChain(teamVesting: #"{"beneficiary": "\#(beneficiary)", "cliff_blocks": 9, "duration_blocks": 8}"#, modules: [(.team, 1)]))
    }

    // MARK: - Encoding

    func testReceiptEncodingRoundTripsAndTheSignatureIsDomainSeparated() throws {
        let chain = try makeChain()
        let signed = chain.receipt(consumer: carol, provider: address(bob), units: 42, quality: 7, price: 99, epoch: 3)
        XCTAssertEqual(try SignedComputeReceipt(canonical: signed.canonicalBytes), signed)
        XCTAssertTrue(signed.hasValidSignature)
        // The same bytes signed without the receipt domain (or under the transaction domain) do not verify.
        let bare = SignedComputeReceipt(receipt: signed.receipt, signature: carol.signature(for: signed.receipt.canonicalBytes))
        XCTAssertFalse(bare.hasValidSignature)
        let asTx = SignedComputeReceipt(receipt: signed.receipt, signature: carol.signature(for: SigningDomain.transaction.message(signed.receipt.canonicalBytes)))
        XCTAssertFalse(asTx.hasValidSignature)
        var bytes = signed.receipt.canonicalBytes
        bytes[0] = 1
        XCTAssertThrowsError(try ComputeReceipt(canonical: bytes), "version 1 receipts (no hashes) are refused") {
            XCTAssertEqual($0 as? CodecError, .unsupportedVersion(type: "compute receipt", version: 1))
        }
    }
}
