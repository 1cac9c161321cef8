@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The rules of `stake`, `unstake` and `withdraw` (PROTOCOL.md §9.3–§9.5), each error with its exact value, and the
/// state each success leaves.
final class StakingTests: StakingTestCase {
    let alice = TestKeys.key("alice"), bob = TestKeys.key("bob"), carol = TestKeys.key("carol")
    let dave = TestKeys.key("dave")  // never funded
    static let AI = Tokens.one
    /// 10-block epochs, a 5-block unbonding period and at most 3 unbonding entries; the other staking parameters are
    /// the defaults (minimum 100 AI, 0.1% burn, locks up to 520 epochs).
    static let parameters = #"{"epoch_length": 10, "staking": {"unbonding_period": 5, "max_unbonding_entries": 3}}"#
    var chain: TestChain!
    var fee: Amount { chain.parameters.minFee }
    let attestation = Hash32.digest(Array("tdx-quote".utf8))

    override func setUpWithError() throws {
        chain = try TestChain(users: [("alice", 10_000 * Self.AI), ("bob", 1_000 * Self.AI), ("carol", 150 * Self.AI)], parameters: Self.parameters)
        XCTAssertEqual(chain.parameters.epochLength, 10)
        XCTAssertEqual(chain.parameters.staking.minStake, 100 * Self.AI)
        XCTAssertEqual(chain.parameters.staking.unbondingPeriod, 5)
        XCTAssertEqual(chain.parameters.staking.unstakeBurnBps, 10)
        XCTAssertEqual(chain.parameters.staking.maxUnbondingEntries, 3)
    }

    // MARK: - stake

    func testStakeExactlyTheMinimum() throws {
        let bobBefore = chain.balance(address(bob))
        let receipt = try assertSucceeds(chain.stake(from: bob, amount: 100 * Self.AI), on: chain)
        XCTAssertEqual(receipt.events, [
            feeEvent(address(bob), fee, chain.parameters),
            .staked(provider: address(bob), added: 100 * Self.AI, total: 100 * Self.AI, tier: 0, lockedUntil: 1),
        ])
        XCTAssertEqual(chain.stakeRecord(address(bob)), Stake(
            amount: 100 * Self.AI, lockEpochs: 0, lockedUntil: 1, tier: .open, attestation: nil, reputation: 0, jailed: false))
        XCTAssertEqual(chain.account(address(bob)), Account(nonce: 1, balance: bobBefore - fee - 100 * Self.AI))
        XCTAssertEqual(chain.totals().staked, 100 * Self.AI)
        XCTAssertEqual(chain.totals().unbonding, 0)
        // The record sits under 0x05 ‖ address.
        XCTAssertNotNil(chain.store.values[StateKey(bytes: [0x05] + address(bob).bytes)])
    }

    func testStakeBelowTheMinimum() throws {
        try assertExecutionFails(chain.stake(from: bob, amount: 100 * Self.AI - 1), .stakeBelowMinimum(minimum: 100 * Self.AI, total: 100 * Self.AI - 1), on: chain)
        try assertExecutionFails(chain.stake(from: bob, amount: 1), .stakeBelowMinimum(minimum: 100 * Self.AI, total: 1), on: chain)
        XCTAssertNil(chain.stakeRecord(address(bob)))
        // An existing stake that fell below the minimum (a 5% slash) must be topped up to it.
        try assertSucceeds(chain.stake(from: bob, amount: 100 * Self.AI), on: chain)
        try chain.slash(address(bob), bps: 500, reason: .slaViolation)
        XCTAssertEqual(chain.stakeRecord(address(bob))?.amount, 95 * Self.AI)
        try assertExecutionFails(chain.stake(from: bob, amount: 4 * Self.AI), .stakeBelowMinimum(minimum: 100 * Self.AI, total: 99 * Self.AI), on: chain)
        try assertExecutionFails(chain.stake(from: bob, amount: 0), .stakeBelowMinimum(minimum: 100 * Self.AI, total: 95 * Self.AI), on: chain)
        try assertSucceeds(chain.stake(from: bob, amount: 5 * Self.AI), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(bob))?.amount, 100 * Self.AI)
    }

    func testZeroStakeNeedsAnExistingStake() throws {
        try assertExecutionFails(chain.stake(from: bob, amount: 0), .noStake, on: chain)
        try assertExecutionFails(chain.stake(from: bob, amount: 0, tier: .cpuTEE, attestation: attestation), .noStake, on: chain)
    }

    func testAddingToAStake() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 100 * Self.AI), on: chain)
        let receipt = try assertSucceeds(chain.stake(from: alice, amount: 250 * Self.AI + 3), on: chain)
        XCTAssertEqual(receipt.events.last, .staked(provider: address(alice), added: 250 * Self.AI + 3, total: 350 * Self.AI + 3, tier: 0, lockedUntil: 2))
        XCTAssertEqual(chain.stakeRecord(address(alice))?.amount, 350 * Self.AI + 3)
        XCTAssertEqual(chain.totals().staked, 350 * Self.AI + 3)
        XCTAssertEqual(chain.balance(address(alice)), 10_000 * Self.AI - 2 * fee - 350 * Self.AI - 3)
    }

    func testRaisingAndChangingTheTier() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 1_000 * Self.AI), on: chain)
        let staking = chain.parameters.staking
        XCTAssertEqual(StakingPower.of(try XCTUnwrap(chain.stakeRecord(address(alice))), parameters: staking), 1_000 * Self.AI)
        // Amount 0 changes only the tier (and the lock, here kept at 0).
        let receipt = try assertSucceeds(chain.stake(from: alice, amount: 0, tier: .cpuTEE, attestation: attestation), on: chain)
        XCTAssertEqual(receipt.events.last, .staked(provider: address(alice), added: 0, total: 1_000 * Self.AI, tier: 2, lockedUntil: 2))
        let raised = try XCTUnwrap(chain.stakeRecord(address(alice)))
        XCTAssertEqual(raised.tier, .cpuTEE)
        XCTAssertEqual(raised.proof.attested?.measurement, attestation)
        XCTAssertEqual(StakingPower.of(raised, parameters: staking), 1_500 * Self.AI, "tier 2 is 1.5x")
        XCTAssertEqual(chain.balance(address(alice)), 10_000 * Self.AI - 2 * fee - 1_000 * Self.AI)
        // A new attestation replaces the old; a lower tier is not refused (it only lowers the power).
        let other = Hash32.digest([9])
        try assertSucceeds(chain.stake(from: alice, amount: 0, tier: .teeIO, attestation: other), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.proof.attested?.measurement, other)
        try assertSucceeds(chain.stake(from: alice, amount: 0, tier: .open), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.tier, .open)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.proof, TierProof.none)
    }

    func testExtendingTheLock() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 100 * Self.AI, lockEpochs: 2), on: chain)  // height 1
        XCTAssertEqual(chain.stakeRecord(address(alice))?.lockedUntil, 21)
        let receipt = try assertSucceeds(chain.stake(from: alice, amount: 0, lockEpochs: 5), on: chain)  // height 2
        XCTAssertEqual(receipt.events.last, .staked(provider: address(alice), added: 0, total: 100 * Self.AI, tier: 0, lockedUntil: 52))
        XCTAssertEqual(chain.stakeRecord(address(alice))?.lockEpochs, 5)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.lockedUntil, 52)
    }

    func testShorteningTheLockIsRefusedWhileLockedAndAllowedAfter() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 100 * Self.AI, lockEpochs: 5), on: chain)  // height 1: until 51
        // Height 2: 4 epochs would end at 42.
        try assertExecutionFails(chain.stake(from: alice, amount: 0, lockEpochs: 4), .lockShortened(lockedUntil: 51, requested: 42), on: chain)
        // Adding stake does not help.
        try assertExecutionFails(chain.stake(from: alice, amount: 50 * Self.AI, lockEpochs: 0), .lockShortened(lockedUntil: 51, requested: 3), on: chain)
        // Fewer epochs are fine once they end no earlier than the current lock: at height 11, 4 epochs end at 51.
        try chain.advance(to: 10)
        try assertSucceeds(chain.stake(from: alice, amount: 0, lockEpochs: 4), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.lockedUntil, 51)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.lockEpochs, 4)
        // One block before the lock ends it is still refused; at its last height it has ended.
        try chain.advance(to: 49)
        try assertExecutionFails(chain.stake(from: alice, amount: 0, lockEpochs: 0), .lockShortened(lockedUntil: 51, requested: 50), on: chain)
        XCTAssertEqual(chain.nextHeight, 51)
        try assertSucceeds(chain.stake(from: alice, amount: 0, lockEpochs: 0), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.lockedUntil, 51)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.lockEpochs, 0)
    }

    func testStakeMoreThanTheBalance() throws {
        // The fee is charged first: carol's 150 AI minus the fee cannot cover 150 AI.
        try assertExecutionFails(chain.stake(from: carol, amount: 150 * Self.AI), .insufficientBalance(balance: 150 * Self.AI - fee, needed: 150 * Self.AI), on: chain)
        try assertSucceeds(chain.stake(from: carol, amount: 150 * Self.AI - 2 * fee), on: chain)
        XCTAssertEqual(chain.account(address(carol)), Account(nonce: 2, balance: 0))
    }

    func testStakeTotalOverflowIsAnErrorNotATrap() throws {
        let huge = Stake(amount: UInt128.max - 1, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: false)
        // A planted record no history could produce (the supply is far smaller): the sums of the supply check would
        // overflow, so it is skipped here.
        try chain.plant([(.stake(address(bob)), huge.canonicalBytes)])
        try assertExecutionFails(chain.stake(from: bob, amount: 2), .balanceOverflow, on: chain, checkSupply: false)
        try assertExecutionFails(chain.stake(from: bob, amount: UInt128.max), .balanceOverflow, on: chain, checkSupply: false)
    }

    func testALockPastTheLastHeightSaturates() throws {
        // 2^62-block epochs: beyond what a genesis file or governance may set (docs/PARAMETERS.md), so the parameters are
        // set on the parsed genesis to reach the saturating arithmetic.
        let validators = ["validator-a", "validator-b"]
        let parsed = try Genesis.parse(json: Array(TestChain.genesisJSON(
            chainId: "proofmint-test", genesisTime: "2026-01-01T00:00:00Z", validators: validators,
            users: [("alice", 1_000 * Tokens.one)]).utf8))
        var parameters = parsed.parameters
        parameters.epochLength = 1 << 62
        parameters.compute.blocksPerYear = 1 << 62
        let genesis = Genesis(
            chainId: parsed.chainId, genesisTime: parsed.genesisTime, parameters: parameters, validators: parsed.validators,
            allocations: parsed.allocations)
        let chain = try TestChain(genesis: genesis, validatorKeys: validators.map(TestKeys.key))
        let receipt = try assertSucceeds(chain.stake(from: alice, amount: 100 * Self.AI, lockEpochs: 4), on: chain)
        XCTAssertEqual(receipt.events.last, .staked(provider: address(alice), added: 100 * Self.AI, total: 100 * Self.AI, tier: 0, lockedUntil: UInt64.max))
        try assertExecutionFails(chain.unstake(from: alice, amount: Self.AI), .stakeLocked(until: UInt64.max, height: 2), on: chain)
    }

    func testJailedProviderCannotStake() throws {
        try assertSucceeds(chain.stake(from: bob, amount: 200 * Self.AI), on: chain)
        try chain.slash(address(bob), bps: 0, reason: .malicious)
        XCTAssertEqual(chain.stakeRecord(address(bob))?.jailed, true)
        try assertExecutionFails(chain.stake(from: bob, amount: 100 * Self.AI), .jailed, on: chain)
        try assertExecutionFails(chain.stake(from: bob, amount: 0, tier: .atRest, attestation: attestation), .jailed, on: chain)
        // A jailed provider keeps the way out: unstake, then withdraw.
        try assertSucceeds(chain.unstake(from: bob, amount: 200 * Self.AI), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(bob))?.amount, 0)
        XCTAssertEqual(chain.stakeRecord(address(bob))?.jailed, true, "the jailed record stays after unstaking everything")
        try chain.advance(to: chain.head.height + 5)
        try assertSucceeds(chain.withdraw(from: bob), on: chain)
        try assertExecutionFails(chain.stake(from: bob, amount: 100 * Self.AI), .jailed, on: chain)
    }

    // MARK: - stake: admission errors

    func testTierWithoutAttestationIsInadmissible() throws {
        for tier in PrivacyTier.allCases where tier != .open {
            try assertInadmissible(chain.stake(from: alice, amount: 100 * Self.AI, tier: tier), .attestationRequired(tier: tier.rawValue), on: chain)
        }
        // Even a zero-amount tier change.
        try assertInadmissible(chain.stake(from: alice, amount: 0, tier: .gpuTEE), .attestationRequired(tier: 3), on: chain)
    }

    func testAttestationAtTierZeroIsInadmissible() throws {
        try assertInadmissible(chain.stake(from: alice, amount: 100 * Self.AI, tier: .open, attestation: attestation), .attestationUnexpected, on: chain)
    }

    func testLockLongerThanTheMaximumIsInadmissible() throws {
        try assertInadmissible(chain.stake(from: alice, amount: 100 * Self.AI, lockEpochs: 521), .lockTooLong(maxEpochs: 520, actual: 521), on: chain)
        try assertInadmissible(chain.stake(from: alice, amount: 100 * Self.AI, lockEpochs: UInt32.max), .lockTooLong(maxEpochs: 520, actual: UInt32.max), on: chain)
        try assertSucceeds(chain.stake(from: alice, amount: 100 * Self.AI, lockEpochs: 520), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.lockedUntil, 1 + 5200)
    }

    func testPayloadChecksComeBeforeTheStateChecks() throws {
        // In admission order: payload checks (attestation, then lock) before expiry, nonce, fee and balance.
        try assertInadmissible(chain.stake(from: alice, amount: 1, lockEpochs: 9_999, tier: .atRest), .attestationRequired(tier: 1), on: chain)
        try assertInadmissible(chain.stake(from: alice, amount: 1, lockEpochs: 9_999, tier: .open, attestation: attestation), .attestationUnexpected, on: chain)
        try assertInadmissible(chain.stake(from: dave, amount: 1, lockEpochs: 9_999, nonce: 7), .lockTooLong(maxEpochs: 520, actual: 9_999), on: chain)
        try assertInadmissible(chain.unstake(from: dave, amount: 0, fee: 0, nonce: 7), .zeroAmount, on: chain)
        // Valid payloads then meet the usual state checks.
        try assertInadmissible(chain.stake(from: dave, amount: 100 * Self.AI), .cannotPayFee(balance: 0, fee: fee), on: chain)
        try assertInadmissible(chain.withdraw(from: alice, nonce: 1), .nonceTooHigh(expected: 0, actual: 1), on: chain)
    }

    // MARK: - unstake

    func testUnstakeZeroIsInadmissible() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 100 * Self.AI), on: chain)
        try assertInadmissible(chain.unstake(from: alice, amount: 0), .zeroAmount, on: chain)
    }

    func testUnstakeWithoutAStake() throws {
        try assertExecutionFails(chain.unstake(from: bob, amount: Self.AI), .noStake, on: chain)
        // After unstaking everything, there is nothing left to unstake.
        try assertSucceeds(chain.stake(from: bob, amount: 100 * Self.AI), on: chain)
        try assertSucceeds(chain.unstake(from: bob, amount: 100 * Self.AI), on: chain)
        XCTAssertNil(chain.stakeRecord(address(bob)), "an empty stake record is deleted")
        try assertExecutionFails(chain.unstake(from: bob, amount: 1), .noStake, on: chain)
    }

    func testUnstakeUnderLock() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 500 * Self.AI, lockEpochs: 1), on: chain)  // height 1: until 11
        try assertExecutionFails(chain.unstake(from: alice, amount: Self.AI), .stakeLocked(until: 11, height: 2), on: chain)
        try chain.advance(to: 9)
        try assertExecutionFails(chain.unstake(from: alice, amount: Self.AI), .stakeLocked(until: 11, height: 10), on: chain)
        XCTAssertEqual(chain.nextHeight, 11)
        try assertSucceeds(chain.unstake(from: alice, amount: Self.AI), on: chain)
    }

    func testUnstakeMoreThanStaked() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 200 * Self.AI), on: chain)
        try assertExecutionFails(chain.unstake(from: alice, amount: 200 * Self.AI + 1), .unstakeExceedsStake(staked: 200 * Self.AI, requested: 200 * Self.AI + 1), on: chain)
        try assertExecutionFails(chain.unstake(from: alice, amount: UInt128.max), .unstakeExceedsStake(staked: 200 * Self.AI, requested: UInt128.max), on: chain)
        // The amount is checked before the lock.
        try assertSucceeds(chain.stake(from: alice, amount: 0, lockEpochs: 3), on: chain)
        try assertExecutionFails(chain.unstake(from: alice, amount: 300 * Self.AI), .unstakeExceedsStake(staked: 200 * Self.AI, requested: 300 * Self.AI), on: chain)
        try assertExecutionFails(chain.unstake(from: alice, amount: 50 * Self.AI), .stakeLocked(until: 34, height: 6), on: chain)
    }

    func testRemainderBelowTheMinimumVersusUnstakingAll() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 150 * Self.AI), on: chain)
        try assertExecutionFails(chain.unstake(from: alice, amount: 50 * Self.AI + 1), .remainderBelowMinimum(minimum: 100 * Self.AI, remaining: 100 * Self.AI - 1), on: chain)
        try assertExecutionFails(chain.unstake(from: alice, amount: 150 * Self.AI - 1), .remainderBelowMinimum(minimum: 100 * Self.AI, remaining: 1), on: chain)
        // Leaving exactly the minimum is fine; so is taking everything.
        try assertSucceeds(chain.unstake(from: alice, amount: 50 * Self.AI), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.amount, 100 * Self.AI)
        try assertSucceeds(chain.unstake(from: alice, amount: 100 * Self.AI), on: chain)
        XCTAssertNil(chain.stakeRecord(address(alice)))
        XCTAssertNil(chain.store.values[.stake(address(alice))])
        XCTAssertEqual(chain.totals().staked, 0)
        XCTAssertEqual(chain.unbonding(address(alice)).entries.count, 2)
    }

    func testUnstakeBurnsExactlyAFlooredTenthOfAPercent() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 5_000 * Self.AI), on: chain)
        let totalsBefore = chain.totals()
        let amount: Amount = 1_234_567_890_123_456_789_999  // 1,234.567890123456789999 AI
        let burned: Amount = 1_234_567_890_123_456_789      // ⌊amount × 10 / 10,000⌋ = ⌊amount / 1,000⌋
        let entry: Amount = 1_233_333_322_233_333_333_210   // amount − burned
        XCTAssertEqual(amount - burned, entry)
        let height = chain.nextHeight
        let receipt = try assertSucceeds(chain.unstake(from: alice, amount: amount), on: chain)
        XCTAssertEqual(receipt.events, [
            feeEvent(address(alice), fee, chain.parameters),
            .unstaked(provider: address(alice), amount: entry, burned: burned, matureAt: height + 5),
        ])
        XCTAssertEqual(chain.stakeRecord(address(alice))?.amount, 5_000 * Self.AI - amount)
        XCTAssertEqual(chain.unbonding(address(alice)), UnbondingQueue(entries: [.init(amount: entry, matureAt: height + 5)]))
        let totals = chain.totals()
        XCTAssertEqual(totals.staked, totalsBefore.staked - amount)
        XCTAssertEqual(totals.unbonding, totalsBefore.unbonding + entry)
        XCTAssertEqual(totals.burned, totalsBefore.burned + burned + fee * 4 / 10)
        XCTAssertEqual(totals.issued, totalsBefore.issued)
        // Below 1,000 base units the burn rounds down to nothing.
        try assertSucceeds(chain.unstake(from: alice, amount: 999), on: chain)
        XCTAssertEqual(chain.unbonding(address(alice)).entries.last, .init(amount: 999, matureAt: height + 6))
        try assertSucceeds(chain.unstake(from: alice, amount: 1_000), on: chain)
        XCTAssertEqual(chain.unbonding(address(alice)).entries.last, .init(amount: 999, matureAt: height + 7))
    }

    func testTooManyUnbondingEntries() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 1_000 * Self.AI), on: chain)  // height 1
        for _ in 0..<3 { try assertSucceeds(chain.unstake(from: alice, amount: Self.AI), on: chain) }  // heights 2–4, mature 7–9
        try assertExecutionFails(chain.unstake(from: alice, amount: Self.AI), .tooManyUnbondingEntries(max: 3), on: chain)  // height 5
        try chain.advance(to: 6)
        try assertSucceeds(chain.withdraw(from: alice), on: chain)  // height 7: the first entry
        XCTAssertEqual(chain.unbonding(address(alice)).entries.map(\.matureAt), [8, 9])
        try assertSucceeds(chain.unstake(from: alice, amount: Self.AI), on: chain)
        XCTAssertEqual(chain.unbonding(address(alice)).entries.map(\.matureAt), [8, 9, 13])
    }

    // MARK: - withdraw

    func testWithdrawWithNothingUnbonding() throws {
        try assertExecutionFails(chain.withdraw(from: bob), .nothingMatured(nextMaturity: nil), on: chain)
        try assertSucceeds(chain.stake(from: bob, amount: 100 * Self.AI), on: chain)
        try assertExecutionFails(chain.withdraw(from: bob), .nothingMatured(nextMaturity: nil), on: chain)
    }

    func testMaturityIsExactlyAtMatureAt() throws {
        try assertSucceeds(chain.stake(from: bob, amount: 300 * Self.AI), on: chain)  // height 1
        try assertSucceeds(chain.unstake(from: bob, amount: 100 * Self.AI), on: chain)  // height 2: matures at 7
        let entry = 100 * Self.AI - Self.AI / 10
        XCTAssertEqual(chain.unbonding(address(bob)).entries, [.init(amount: entry, matureAt: 7)])
        try assertExecutionFails(chain.withdraw(from: bob), .nothingMatured(nextMaturity: 7), on: chain)  // height 3
        try chain.advance(to: 5)
        try assertExecutionFails(chain.withdraw(from: bob), .nothingMatured(nextMaturity: 7), on: chain)  // height 6
        let before = chain.balance(address(bob)), totalsBefore = chain.totals()
        let receipt = try assertSucceeds(chain.withdraw(from: bob), on: chain)  // height 7
        XCTAssertEqual(receipt.events, [feeEvent(address(bob), fee, chain.parameters), .withdrawn(provider: address(bob), amount: entry)])
        XCTAssertEqual(chain.balance(address(bob)), before - fee + entry)
        XCTAssertNil(chain.store.values[.unbonding(address(bob))], "an empty queue is deleted")
        XCTAssertEqual(chain.totals().unbonding, totalsBefore.unbonding - entry)
        XCTAssertEqual(chain.totals().staked, 200 * Self.AI)
        try assertExecutionFails(chain.withdraw(from: bob), .nothingMatured(nextMaturity: nil), on: chain)
    }

    func testWithdrawPaysEveryMaturedEntryAndKeepsTheRest() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 1_000 * Self.AI), on: chain)  // height 1
        try assertSucceeds(chain.unstake(from: alice, amount: 10 * Self.AI), on: chain)  // height 2 → 7
        try assertSucceeds(chain.unstake(from: alice, amount: 20 * Self.AI + 7), on: chain)  // height 3 → 8
        try chain.advance(to: 5)
        try assertSucceeds(chain.unstake(from: alice, amount: 30 * Self.AI), on: chain)  // height 6 → 11
        let entries = chain.unbonding(address(alice)).entries
        XCTAssertEqual(entries.map(\.matureAt), [7, 8, 11])
        XCTAssertEqual(entries.map(\.amount), [9_990_000_000_000_000_000, 20_000_000_000_000_000_007 - 20_000_000_000_000_000, 29_970_000_000_000_000_000])
        try chain.advance(to: 7)
        let before = chain.balance(address(alice))
        let receipt = try assertSucceeds(chain.withdraw(from: alice), on: chain)  // height 8: the first two
        XCTAssertEqual(receipt.events.last, .withdrawn(provider: address(alice), amount: entries[0].amount + entries[1].amount))
        XCTAssertEqual(chain.balance(address(alice)), before - fee + entries[0].amount + entries[1].amount)
        XCTAssertEqual(chain.unbonding(address(alice)).entries, [entries[2]])
        try assertExecutionFails(chain.withdraw(from: alice), .nothingMatured(nextMaturity: 11), on: chain)  // height 9
        try chain.advance(to: 20)
        try assertSucceeds(chain.withdraw(from: alice), on: chain)
        XCTAssertEqual(chain.unbonding(address(alice)).entries, [])
        XCTAssertEqual(chain.totals().unbonding, 0)
    }

    func testAZeroUnbondingPeriodMaturesInTheSameBlock() throws {
        let chain = try TestChain(parameters: #"{"staking": {"unbonding_period": 0}}"#)
        try assertSucceeds(chain.stake(from: alice, amount: 200 * Self.AI), on: chain)
        let (_, outcome, dropped) = try chain.produce([chain.unstake(from: alice, amount: 100 * Self.AI), chain.withdraw(from: alice, nonce: 2)])
        XCTAssertTrue(dropped.isEmpty)
        XCTAssertEqual(outcome.receipts.map(\.code), [0, 0])
        XCTAssertEqual(outcome.receipts[1].events.last, .withdrawn(provider: address(alice), amount: 100 * Self.AI - Self.AI / 10))
        assertSupplyInvariant(chain)
    }

    /// A full round: stake at tier 2 with a lock, wait it out, unstake, wait out the unbonding, withdraw. Every token
    /// is accounted for: what alice lost is exactly the fees and the unstake burn.
    func testFullRoundTripAccountsForEveryBaseUnit() throws {
        let start = chain.balance(address(alice))
        try assertSucceeds(chain.stake(from: alice, amount: 2_500 * Self.AI + 1, lockEpochs: 1, tier: .cpuTEE, attestation: attestation), on: chain)
        try chain.advance(to: 10)
        try assertSucceeds(chain.unstake(from: alice, amount: 2_500 * Self.AI + 1), on: chain)  // height 11
        try chain.advance(to: 15)
        try assertSucceeds(chain.withdraw(from: alice), on: chain)  // height 16
        let burned = (2_500 * Self.AI + 1) / 1000
        XCTAssertEqual(chain.balance(address(alice)), start - 3 * fee - burned)
        XCTAssertNil(chain.stakeRecord(address(alice)))
        XCTAssertEqual(chain.unbonding(address(alice)).entries, [])
        XCTAssertEqual(chain.totals().burned, 3 * (fee * 4 / 10) + burned)
        // Replaying the blocks on a fresh store gives the same state.
        let replay = try TestChain(genesis: chain.genesis, validatorKeys: chain.validatorKeys)
        for block in chain.blocks { try replay.apply(block) }
        XCTAssertEqual(replay.store.values, chain.store.values)
        XCTAssertEqual(replay.head.stateRoot, ReferenceTree.root(values: chain.store.values))
    }
}
