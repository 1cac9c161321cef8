@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Every rule of `submit-proof` and of the epoch settlement, with amounts checked to the base unit.
///
/// The chain: 5-block epochs and a 50-block year, so each year is 10 epochs and epoch k < 40 schedules exactly
/// 10,000,000 AI (100M / 10). Alice and bob are providers (bob at tier 2), carol and dave are consumers.
final class ProofOfComputeTests: StakingTestCase {
    static let epochLength: UInt64 = 5
    static let perEpoch = 10_000_000 * Tokens.one
    let alice = TestKeys.key("alice"), bob = TestKeys.key("bob"), carol = TestKeys.key("carol"), dave = TestKeys.key("dave")
    let attestation = Hash32.digest(Array("attestation".utf8))

    func makeChain(compute: String = "", teamVesting: String? = nil, modules: [(module: ModuleAccount, amount: Amount)] = []) throws -> TestChain {
        let extra = compute.isEmpty ? "" : ", \(compute)"
        return try TestChain(
            users: [("alice", 1_000 * Tokens.one), ("bob", 1_000 * Tokens.one), ("carol", 10_000 * Tokens.one), ("dave", 50 * Tokens.one)],
            modules: modules,
            parameters: #"{"epoch_length": \#(Self.epochLength), "compute": {"blocks_per_year": 50\#(extra)}}"#,
            teamVesting: teamVesting)
    }

    /// A chain where alice (tier 0) and bob (tier 2) have staked 200 AI each, in block 1.
    func stakedChain(compute: String = "") throws -> TestChain {
        let chain = try makeChain(compute: compute)
        let (_, outcome, dropped) = try chain.produce([
            chain.stake(from: alice, amount: 200 * Tokens.one),
            chain.stake(from: bob, amount: 200 * Tokens.one, tier: .cpuTEE, attestation: attestation),
        ])
        XCTAssertTrue(dropped.isEmpty)
        XCTAssertEqual(outcome.receipts.map(\.code), [0, 0])
        return chain
    }

    // MARK: - Accepted proofs

    func testAcceptedProofPaysTheProviderAndSplitsTheProtocolFee() throws {
        let chain = try stakedChain()
        let price = 12 * Tokens.one + 345
        let receipt = chain.receipt(consumer: carol, provider: address(bob), units: 1000, quality: 90, price: price)
        let tx = chain.submitProof(from: bob, receipt)
        let before = (carol: chain.balance(address(carol)), bob: chain.balance(address(bob)), totals: chain.totals())
        let pool = chain.balance(ModuleAccount.rewardPool.address), treasury = chain.balance(ModuleAccount.treasury.address)
        let liquidity = chain.balance(ModuleAccount.liquidity.address)
        let result = try assertSucceeds(tx, on: chain)

        // 0.3% protocol fee, floored; split 40/30/20/10 with the treasury taking the remainder.
        let fee = price * 30 / 10_000
        let burn = fee * 4000 / 10_000, poolShare = fee * 3000 / 10_000, liquidityShare = fee * 1000 / 10_000
        let txFee = chain.parameters.minFee
        XCTAssertEqual(chain.balance(address(carol)), before.carol - price)
        XCTAssertEqual(chain.balance(address(bob)), before.bob + price - fee - txFee)
        let txShares = chain.parameters.feeSplit.shares(of: txFee)
        XCTAssertEqual(chain.balance(ModuleAccount.rewardPool.address), pool + poolShare + txShares.rewardPool)
        XCTAssertEqual(chain.balance(ModuleAccount.liquidity.address), liquidity + liquidityShare + txShares.liquidity)
        XCTAssertEqual(
            chain.balance(ModuleAccount.treasury.address), treasury + (fee - burn - poolShare - liquidityShare) + txShares.treasury)
        XCTAssertEqual(chain.totals().burned, before.totals.burned + burn + txShares.burn)
        XCTAssertEqual(chain.totals().feesPaid, before.totals.feesPaid + fee + txFee)

        // Weight: 1000 units × quality 90 (8000 + 7000 × 90 / 100 = 14,300 bps) × tier 2 (15,000 bps).
        let weight = UInt128(1000) * 14_300 * 15_000
        XCTAssertEqual(result.events[1], .proofAccepted(
            jobId: receipt.receipt.jobId, consumer: address(carol), provider: address(bob), epoch: 0, units: 1000,
            qualityBps: 14_300, tierBps: 15_000, weight: weight, price: price, protocolFee: fee))
        XCTAssertEqual(result.events[2], .feePaid(
            payer: address(carol), total: fee, burned: burn, rewardPool: poolShare, treasury: fee - burn - poolShare - liquidityShare,
            liquidity: liquidityShare))
        XCTAssertEqual(chain.epochRecord(0)?.totalWeight, weight)
        XCTAssertEqual(chain.epochRecord(0)?.providers, [address(bob)])
        XCTAssertEqual(chain.providerWork(address(bob), epoch: 0), ProviderWork(
            weight: weight, units: 1000, proofs: 1, earned: price - fee, reward: nil, forfeited: false))
        XCTAssertEqual(chain.stakeRecord(address(bob))?.reputation, 1, "reputation rises with accepted work")
    }

    func testQualityMultiplierRunsFromPointEightToOnePointFive() {
        let compute = ComputeParameters.defaults
        XCTAssertEqual(compute.qualityMultiplierBps(score: 0), 8000)
        XCTAssertEqual(compute.qualityMultiplierBps(score: 50), 11_500)
        XCTAssertEqual(compute.qualityMultiplierBps(score: 37), 10_590)
        XCTAssertEqual(compute.qualityMultiplierBps(score: 100), 15_000)
        XCTAssertEqual(ProofModule.weight(units: .max, qualityBps: .max, tierBps: .max), UInt128(UInt64.max) * 65_535 * 65_535)
    }

    // MARK: - Refusals

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
        XCTAssertNil(chain.epochRecord(1)?.providers.first)
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

    func testTheEpochEndPaysEmissionAndPoolProRataToTheBaseUnit() throws {
        let chain = try stakedChain()
        let jobs = [
            chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob), units: 1000, quality: 90, price: 7 * Tokens.one)),
            chain.submitProof(from: alice, chain.receipt(consumer: carol, provider: address(alice), units: 333, quality: 37, price: 3 * Tokens.one + 7)),
            chain.submitProof(
                from: alice, chain.receipt(consumer: dave, provider: address(alice), units: 10, quality: 0, price: Tokens.one), nonce: chain.nonce(address(alice)) + 1),
        ]
        XCTAssertEqual(try chain.produce(jobs).outcome.receipts.map(\.code), [0, 0, 0])
        try chain.advance(to: Self.epochLength - 1)
        // The epoch's last block is empty, so the pool it pays out is the pool before it.
        let pool = chain.balance(ModuleAccount.rewardPool.address)
        let before = (alice: chain.balance(address(alice)), bob: chain.balance(address(bob)),
                      treasury: chain.balance(ModuleAccount.treasury.address), totals: chain.totals())
        try chain.produce([])
        XCTAssertEqual(chain.epochState(), EpochState(number: 1, startHeight: Self.epochLength + 1))

        let bobWeight = UInt128(1000) * 14_300 * 15_000
        let aliceWeight = UInt128(333) * 10_590 * 10_000 + UInt128(10) * 8000 * 10_000
        let total = bobWeight + aliceWeight
        let distributable = Self.perEpoch + pool
        let bobShare = distributable * bobWeight / total, aliceShare = distributable * aliceWeight / total
        let dust = distributable - bobShare - aliceShare
        XCTAssertEqual(chain.balance(address(bob)), before.bob + bobShare)
        XCTAssertEqual(chain.balance(address(alice)), before.alice + aliceShare)
        XCTAssertEqual(chain.balance(ModuleAccount.treasury.address), before.treasury + dust)
        XCTAssertEqual(chain.balance(ModuleAccount.rewardPool.address), 0)
        XCTAssertEqual(chain.totals().minted, Self.perEpoch)
        XCTAssertEqual(chain.totals().issued, before.totals.issued + Self.perEpoch)
        XCTAssertEqual(chain.epochRecord(0)?.settlement, EpochSettlement(
            endHeight: Self.epochLength, minted: Self.perEpoch, fromPool: pool, paidToProviders: bobShare + aliceShare, toTreasury: dust, vested: 0))
        XCTAssertEqual(chain.providerWork(address(bob), epoch: 0)?.reward, bobShare)
        XCTAssertEqual(chain.providerWork(address(alice), epoch: 0)?.reward, aliceShare)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.reputation, 2)
        assertSupplyInvariant(chain)
    }

    func testAnEpochWithoutWorkMintsNothingAndKeepsThePool() throws {
        let chain = try stakedChain()
        try chain.advance(to: Self.epochLength)
        XCTAssertEqual(chain.epochState().number, 1)
        XCTAssertEqual(chain.totals().minted, 0)
        let pool = chain.balance(ModuleAccount.rewardPool.address)
        XCTAssertGreaterThan(pool, 0, "the stake fees fed the pool")
        XCTAssertEqual(chain.epochRecord(0), EpochRecord(
            totalWeight: 0, totalUnits: 0, proofs: 0, payments: 0, protocolFees: 0, providers: [],
            settlement: EpochSettlement(endHeight: Self.epochLength, minted: 0, fromPool: 0, paidToProviders: 0, toTreasury: 0, vested: 0)))
        // The next epoch with work pays the carried pool and only its own emission.
        try chain.produce([chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob)))])
        try chain.advance(to: 2 * Self.epochLength)
        XCTAssertEqual(chain.totals().minted, Self.perEpoch)
        XCTAssertEqual(chain.epochRecord(1)?.settlement?.fromPool, chain.epochRecord(1)?.settlement.map { $0.paidToProviders + $0.toTreasury - $0.minted })
        XCTAssertGreaterThan(chain.epochRecord(1)?.settlement?.fromPool ?? 0, pool)
    }

    func testMintingStopsExactlyAtTheMiningCapAndThePoolStillPays() throws {
        let chain = try stakedChain(compute: #""mining_cap": "15000000AI""#)
        for epoch in 0..<3 as Range<UInt64> {
            try chain.produce([chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob)))])
            try chain.advance(to: (epoch + 1) * Self.epochLength)
        }
        XCTAssertEqual(chain.epochRecord(0)?.settlement?.minted, Self.perEpoch)
        XCTAssertEqual(chain.epochRecord(1)?.settlement?.minted, 5_000_000 * Tokens.one)
        XCTAssertEqual(chain.epochRecord(2)?.settlement?.minted, 0)
        XCTAssertEqual(chain.totals().minted, 15_000_000 * Tokens.one)
        let last = try XCTUnwrap(chain.epochRecord(2)?.settlement)
        XCTAssertGreaterThan(last.fromPool, 0)
        XCTAssertEqual(last.paidToProviders + last.toTreasury, last.fromPool, "after the cap providers are paid from the pool alone")
    }

    func testAJailedProvidersRewardGoesToTheTreasury() throws {
        let chain = try stakedChain()
        try chain.produce([
            chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob))),
            chain.submitProof(from: alice, chain.receipt(consumer: carol, provider: address(alice))),
        ])
        try chain.slash(address(alice), bps: 100, reason: .malicious)
        let treasury = chain.balance(ModuleAccount.treasury.address), aliceBalance = chain.balance(address(alice))
        try chain.advance(to: Self.epochLength)
        let work = try XCTUnwrap(chain.providerWork(address(alice), epoch: 0))
        let settlement = try XCTUnwrap(chain.epochRecord(0)?.settlement)
        XCTAssertTrue(work.forfeited)
        let share = try XCTUnwrap(work.reward)
        XCTAssertGreaterThan(share, 0)
        XCTAssertEqual(chain.balance(address(alice)), aliceBalance)
        XCTAssertEqual(settlement.paidToProviders, chain.providerWork(address(bob), epoch: 0)?.reward)
        XCTAssertEqual(settlement.paidToProviders + settlement.toTreasury, settlement.minted + settlement.fromPool)
        XCTAssertEqual(chain.balance(ModuleAccount.treasury.address), treasury + settlement.toTreasury)
        XCTAssertGreaterThanOrEqual(settlement.toTreasury, share)
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
        XCTAssertEqual(chain.epochRecord(1)?.settlement?.vested, total * 10 / 40)
        XCTAssertEqual(chain.epochRecord(2)?.settlement?.vested, total * 15 / 40 - total * 10 / 40)
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
        bytes[0] = 2
        XCTAssertThrowsError(try ComputeReceipt(canonical: bytes)) {
            XCTAssertEqual($0 as? CodecError, .unsupportedVersion(type: "compute receipt", version: 2))
        }
    }
}
