@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// `StakingModule.slash`, the entry point governance and evidence call (PROTOCOL.md §9.6): exactly
/// ⌊amount × bps / 10⁴⌋ from the stake and from each unbonding entry, never more than there is, burned; reputation
/// and jailing by reason.
final class SlashingTests: StakingTestCase {
    let alice = TestKeys.key("alice")
    static let AI = Tokens.one

    /// ⌊x × bps / 10⁴⌋ through a 256-bit product: independent of `FeeSplit.portion`, and exact for any u128.
    static func floorPortion(_ x: Amount, _ bps: UInt16) -> Amount {
        let product = x.multipliedFullWidth(by: Amount(bps))
        return Amount(10_000).dividingFullWidth(product).quotient
    }

    /// alice stakes 1,634 AI + 567 base units and unstakes three odd amounts, leaving 1,234 AI + 567 − 999 (entries kept: the unbonding period is long);
    /// her stake is then given reputation 1000.
    func makeStakedChain() throws -> TestChain {
        let chain = try TestChain(users: [("alice", 10_000 * Self.AI)], parameters: #"{"staking": {"unbonding_period": 1000}}"#)
        try assertSucceeds(chain.stake(from: alice, amount: 1_634 * Self.AI + 567, tier: .gpuTEE, attestation: Hash32.digest([3])), on: chain)
        for amount in [100 * Self.AI + 1, 300 * Self.AI - 1, 999] {
            try assertSucceeds(chain.unstake(from: alice, amount: amount), on: chain)
        }
        var stake = try XCTUnwrap(chain.stakeRecord(address(alice)))
        XCTAssertEqual(stake.amount, 1_234 * Self.AI + 567 - 999)
        stake.reputation = 1000
        try chain.plant([(.stake(address(alice)), stake.canonicalBytes)])
        return chain
    }

    func testEachReasonAtItsRate() throws {
        let cases: [(SlashReason, UInt16)] = [
            (.slaViolation, 100), (.slaViolation, 500), (.slaViolation, 333), (.attestationFailure, 1000),
            (.malicious, 10_000), (.malicious, 2_500), (.doubleSign, 10_000), (.doubleSign, 7),
        ]
        for (reason, bps) in cases {
            let chain = try makeStakedChain()
            let a = address(alice)
            let stake = try XCTUnwrap(chain.stakeRecord(a)), queue = chain.unbonding(a), totals = chain.totals()
            let fromStake = Self.floorPortion(stake.amount, bps)
            let cuts = queue.entries.map { Self.floorPortion($0.amount, bps) }
            let fromUnbonding = cuts.reduce(0, +)
            let events = try chain.slash(a, bps: bps, reason: reason)
            let context = "\(reason.name) at \(bps) bps"
            var expectedEvents: [Event] = [.slashed(provider: a, reason: reason.rawValue, bps: bps, fromStake: fromStake, fromUnbonding: fromUnbonding)]
            if reason == .malicious || reason == .doubleSign { expectedEvents.append(.jailed(provider: a)) }
            XCTAssertEqual(events, expectedEvents, context)
            let after = try XCTUnwrap(chain.stakeRecord(a), context)
            XCTAssertEqual(after.amount, stake.amount - fromStake, context)
            XCTAssertEqual(after.reputation, 1000 - bps / 10, context)
            XCTAssertEqual(after.jailed, reason.jails, context)
            XCTAssertEqual(after.tier, stake.tier, context)
            XCTAssertEqual(after.lockedUntil, stake.lockedUntil, context)
            let remaining = zip(queue.entries, cuts).map { UnbondingQueue.Entry(amount: $0.amount - $1, matureAt: $0.matureAt) }.filter { $0.amount > 0 }
            XCTAssertEqual(chain.unbonding(a).entries, remaining, context)
            XCTAssertEqual(chain.totals().burned, totals.burned + fromStake + fromUnbonding, context)
            XCTAssertEqual(chain.totals().issued, totals.issued, context)
            assertSupplyInvariant(chain, context)
        }
    }

    func testFivePercentSLAExactly() throws {
        let chain = try makeStakedChain()
        let a = address(alice)
        // Stake 1,234 AI + 567 − 999 = 1,233.999999999999999568 AI; 5% = 61.6999999999999999784 AI, floored.
        let events = try chain.slash(a, bps: 500, reason: .slaViolation)
        guard case let .slashed(_, _, _, fromStake, fromUnbonding)? = events.first else { return XCTFail("\(events)") }
        XCTAssertEqual(fromStake, 61_699_999_999_999_999_978)
        // Entries (100 AI + 1) − 0.1 AI, (300 AI − 1) − ⌊(300 AI − 1) / 1000⌋, 999: 5% of each, floored.
        XCTAssertEqual(chain.unbonding(a).entries.map(\.amount), [
            99_900_000_000_000_000_001 - 4_995_000_000_000_000_000,
            299_700_000_000_000_000_000 - 14_985_000_000_000_000_000,
            999 - 49,
        ])
        XCTAssertEqual(fromUnbonding, 4_995_000_000_000_000_000 + 14_985_000_000_000_000_000 + 49)
        XCTAssertEqual(chain.stakeRecord(a)?.reputation, 950)
        XCTAssertEqual(events.count, 1, "an SLA slash does not jail")
    }

    func testRatesAboveOneHundredPercentAreCapped() throws {
        for bps: UInt16 in [10_001, 20_000, UInt16.max] {
            let chain = try makeStakedChain()
            let a = address(alice)
            let stake = try XCTUnwrap(chain.stakeRecord(a)), pending = chain.unbonding(a).total
            let events = try chain.slash(a, bps: bps, reason: .slaViolation)
            XCTAssertEqual(events, [.slashed(provider: a, reason: 1, bps: 10_000, fromStake: stake.amount, fromUnbonding: pending)])
            XCTAssertNil(chain.stakeRecord(a), "amount 0, reputation 1000 − 1000, not jailed: the record is deleted")
            XCTAssertNil(chain.store.values[.unbonding(a)])
            assertSupplyInvariant(chain)
        }
    }

    func testAZeroRateTakesNothingButMaliciousStillJails() throws {
        let chain = try makeStakedChain()
        let a = address(alice)
        let before = chain.store.values
        XCTAssertEqual(try chain.slash(a, bps: 0, reason: .slaViolation), [.slashed(provider: a, reason: 1, bps: 0, fromStake: 0, fromUnbonding: 0)])
        XCTAssertEqual(chain.store.values, before)
        XCTAssertEqual(try chain.slash(a, bps: 0, reason: .malicious), [.slashed(provider: a, reason: 3, bps: 0, fromStake: 0, fromUnbonding: 0), .jailed(provider: a)])
        XCTAssertEqual(chain.stakeRecord(a)?.jailed, true)
        XCTAssertEqual(chain.stakeRecord(a)?.reputation, 1000)
        // Jailing twice emits the jailed event once.
        XCTAssertEqual(try chain.slash(a, bps: 0, reason: .doubleSign), [.slashed(provider: a, reason: 4, bps: 0, fromStake: 0, fromUnbonding: 0)])
        // Reputation never goes below zero.
        try chain.slash(a, bps: 9_990, reason: .slaViolation)
        XCTAssertEqual(chain.stakeRecord(a)?.reputation, 1)
        try chain.slash(a, bps: 20, reason: .slaViolation)
        XCTAssertEqual(chain.stakeRecord(a)?.reputation, 0)
        assertSupplyInvariant(chain)
    }

    func testTinyEntriesRoundDownAndEmptiedEntriesAreRemoved() throws {
        let chain = try TestChain(users: [("alice", 1_000 * Self.AI)])
        let a = address(alice)
        let entries: [Amount] = [1, 2, 3, 10_000, 19_999]
        let queue = UnbondingQueue(entries: entries.enumerated().map { .init(amount: $0.element, matureAt: UInt64(100 + $0.offset)) })
        let stake = Stake(amount: 1, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: false)
        var totals = chain.totals()
        totals.issued += 1 + queue.total
        totals.staked = 1
        totals.unbonding = queue.total
        try chain.plant([(.stake(a), stake.canonicalBytes), (.unbonding(a), queue.canonicalBytes), (.totals, totals.canonicalBytes)])
        assertSupplyInvariant(chain)
        let events = try chain.slash(a, bps: 5_000, reason: .slaViolation)
        XCTAssertEqual(events, [.slashed(provider: a, reason: 1, bps: 5_000, fromStake: 0, fromUnbonding: 0 + 1 + 1 + 5_000 + 9_999)])
        XCTAssertEqual(chain.unbonding(a).entries.map(\.amount), [1, 1, 2, 5_000, 10_000])
        XCTAssertEqual(chain.unbonding(a).entries.map(\.matureAt), [100, 101, 102, 103, 104])
        XCTAssertEqual(chain.stakeRecord(a)?.amount, 1)
        assertSupplyInvariant(chain)
        // 99.99% leaves the 1-unit entries and the 1-unit stake alone, and 1 unit of 10,000.
        try chain.slash(a, bps: 9_999, reason: .slaViolation)
        XCTAssertEqual(chain.unbonding(a).entries.map(\.amount), [1, 1, 1, 1, 1])
        try chain.slash(a, bps: 10_000, reason: .attestationFailure)
        XCTAssertNil(chain.store.values[.unbonding(a)])
        XCTAssertNil(chain.store.values[.stake(a)])
        assertSupplyInvariant(chain)
    }

    func testSlashingAnAccountWithNothing() throws {
        let chain = try TestChain()
        let nobody = TestKeys.address("nobody")
        let before = chain.store.values
        XCTAssertEqual(try chain.slash(nobody, bps: 500, reason: .slaViolation), [.slashed(provider: nobody, reason: 1, bps: 500, fromStake: 0, fromUnbonding: 0)])
        XCTAssertEqual(chain.store.values, before, "nothing written")
        XCTAssertEqual(try chain.slash(nobody, bps: 500, reason: .malicious), [
            .slashed(provider: nobody, reason: 3, bps: 500, fromStake: 0, fromUnbonding: 0), .jailed(provider: nobody),
        ])
        XCTAssertEqual(chain.stakeRecord(nobody), Stake(amount: 0, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: true))
    }

    /// Property: for random stakes, entries and rates (including above 10,000 bps), a slash takes exactly the floored
    /// portion of each part, never more than there is, and burns exactly what it takes.
    func testSlashNeverTakesMoreThanThereIs() throws {
        var rng = SplitMix64(seed: 0x51a5)
        let provider = TestKeys.address("provider")
        for index in 0..<400 {
            let store = InMemoryStateStore()
            let stakeAmount = rng.interestingUInt128() >> 3
            let entries = (0..<rng.int(0...4)).map { _ in UnbondingQueue.Entry(amount: rng.interestingUInt128() >> 3, matureAt: rng.next()) }
            let reputation = UInt16(rng.int(0...1000))
            let stake = Stake(amount: stakeAmount, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: reputation, jailed: rng.chance(1, in: 8))
            let queue = UnbondingQueue(entries: entries)
            let totals = ChainTotals(issued: stakeAmount + queue.total, burned: 0, feesPaid: 0, staked: stakeAmount, unbonding: queue.total)
            store.apply(writes: [
                (key: .stake(provider), value: stake.isEmpty ? nil : stake.canonicalBytes),
                (key: .unbonding(provider), value: entries.isEmpty ? nil : queue.canonicalBytes),
                (key: .totals, value: totals.canonicalBytes),
            ], treeNodes: [])
            let bps = UInt16(rng.int(0...20_000))
            let reason = rng.element(SlashReason.allCases)
            let context = "case \(index): stake \(stakeAmount), entries \(entries.map(\.amount)), bps \(bps)"

            var overlay = StateOverlay(base: store)
            let events = try StakingModule.slash(provider, bps: bps, reason: reason, height: 1, state: &overlay)
            let capped = min(bps, 10_000)
            let after = try overlay.record(Stake.self, at: .stake(provider))
            let afterQueue = try overlay.record(UnbondingQueue.self, at: .unbonding(provider)) ?? UnbondingQueue(entries: [])
            let afterTotals = try overlay.totals()
            let expectedStake = Self.floorPortion(stakeAmount, capped)
            XCTAssertLessThanOrEqual(expectedStake, stakeAmount, context)
            XCTAssertEqual(after?.amount ?? 0, stakeAmount - expectedStake, context)
            let expectedEntries = entries.map { UnbondingQueue.Entry(amount: $0.amount - Self.floorPortion($0.amount, capped), matureAt: $0.matureAt) }
            XCTAssertEqual(afterQueue.entries, expectedEntries.filter { $0.amount > 0 }, context)
            let taken = expectedStake + entries.map { Self.floorPortion($0.amount, capped) }.reduce(0, +)
            XCTAssertEqual(events.first, .slashed(
                provider: provider, reason: reason.rawValue, bps: capped, fromStake: expectedStake, fromUnbonding: taken - expectedStake), context)
            XCTAssertEqual(afterTotals.burned, taken, context)
            XCTAssertEqual(afterTotals.staked, after?.amount ?? 0, context)
            XCTAssertEqual(afterTotals.unbonding, afterQueue.total, context)
            XCTAssertEqual(afterTotals.supply, (after?.amount ?? 0) + afterQueue.total, context)
            XCTAssertEqual(after?.reputation ?? 0, reputation - min(reputation, capped / 10), context)
            XCTAssertEqual(after?.jailed ?? false, stake.jailed || reason.jails, context)
            if capped == 10_000 {
                XCTAssertEqual(after?.amount ?? 0, 0, context)
                XCTAssertTrue(afterQueue.entries.isEmpty, context)
            }
        }
    }

    func testSlashReasonCodesAndNames() {
        XCTAssertEqual(SlashReason.allCases.map(\.rawValue), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(
            SlashReason.allCases.map(\.name),
            ["sla_violation", "attestation_failure", "malicious", "double_sign", "missed_validation", "false_verdict"])
        XCTAssertEqual(SlashReason.allCases.map(\.jails), [false, false, true, true, false, false])
    }
}
