import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Staking power (PROTOCOL.md §9.8) against an independent computation written from the formula.
final class StakingPowerTests: XCTestCase {
    static let AI = Tokens.one

    /// The devnet tables written out again: lock steps 0 / 4 / 12 / 52 epochs → 1.0x / 1.1x / 1.25x / 1.5x, tiers
    /// 1.0x / 1.2x / 1.5x / 1.8x / 2.0x.
    static func lockBps(_ epochs: UInt32) -> UInt128 {
        if epochs >= 52 { return 15_000 }
        if epochs >= 12 { return 12_500 }
        if epochs >= 4 { return 11_000 }
        return 10_000
    }

    static let tierBps: [UInt128] = [10_000, 12_000, 15_000, 18_000, 20_000]

    /// Three floors, in order: lock, tier, reputation. Plain u128 products: no overflow for amounts ≤ 10²⁷.
    static func expected(_ amount: UInt128, lock: UInt32, tier: Int, reputation: UInt16) -> UInt128 {
        let afterLock = amount * lockBps(lock) / 10_000
        let afterTier = afterLock * tierBps[tier] / 10_000
        return afterTier * (1000 + UInt128(reputation)) / 1000
    }

    static func stake(_ amount: Amount, lock: UInt32, tier: PrivacyTier, reputation: UInt16, jailed: Bool = false) -> Stake {
        Stake(amount: amount, lockEpochs: lock, lockedUntil: 0, tier: tier, attestation: tier == .open ? nil : .zero, reputation: reputation, jailed: jailed)
    }

    func testAgainstIndependentComputationAtEveryBoundary() {
        let parameters = StakingParameters.defaults
        let amounts: [Amount] = [0, 1, 7, 9_999, 10_001, 100 * Self.AI, 100 * Self.AI + 1, 123_456_789_012_345_678_901_234, Genesis.maxSupply]
        let locks: [UInt32] = [0, 1, 3, 4, 5, 11, 12, 13, 51, 52, 53, 520, UInt32.max]
        let reputations: [UInt16] = [0, 1, 7, 500, 999, 1000]
        var checked = 0
        for amount in amounts {
            for lock in locks {
                for tier in PrivacyTier.allCases {
                    for reputation in reputations {
                        let stake = Self.stake(amount, lock: lock, tier: tier, reputation: reputation)
                        XCTAssertEqual(
                            StakingPower.of(stake, parameters: parameters), Self.expected(amount, lock: lock, tier: Int(tier.rawValue), reputation: reputation),
                            "amount \(amount), lock \(lock), tier \(tier), reputation \(reputation)")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertEqual(checked, 9 * 13 * 5 * 6)
    }

    func testLockStepBoundaries() {
        let parameters = StakingParameters.defaults
        XCTAssertEqual([0, 3, 4, 11, 12, 51, 52, 520].map { parameters.lockMultiplierBps(epochs: $0) },
                       [10_000, 10_000, 11_000, 11_000, 12_500, 12_500, 15_000, 15_000])
    }

    /// The worked example of PROTOCOL.md §9.8: each step floors before the next multiplies.
    func testRoundingOrderWorkedExample() {
        let stake = Self.stake(Self.AI + 1, lock: 4, tier: .atRest, reputation: 7)
        // ⌊(10¹⁸ + 1) × 1.1⌋ = 1.1·10¹⁸ + 1; ⌊… × 1.2⌋ = 1.32·10¹⁸ + 1; ⌊… × 1.007⌋ = 1.32924·10¹⁸ + 1.
        XCTAssertEqual(StakingPower.of(stake, parameters: .defaults), 1_329_240_000_000_000_001)
        // Without the intermediate floors the result would be ⌊(10¹⁸ + 1) × 1.32924⌋ = 1.32924·10¹⁸ + 1 as well; a
        // case where the order matters: 9 base units at 1.1x, 1.2x, reputation 1000.
        let small = Self.stake(9, lock: 4, tier: .atRest, reputation: 1000)
        XCTAssertEqual(StakingPower.of(small, parameters: .defaults), 20, "⌊⌊⌊9 × 1.1⌋ × 1.2⌋ × 2⌋ = ⌊⌊9 × 1.2⌋ × 2⌋ = ⌊10 × 2⌋")
        XCTAssertEqual(9 * 11_000 * 12_000 * 2 / 100_000_000, 23, "one floor at the end would give 23")
    }

    func testJailedHasNoPower() {
        for amount: Amount in [0, 1, 1_000 * Self.AI] {
            XCTAssertEqual(StakingPower.of(Self.stake(amount, lock: 52, tier: .teeIO, reputation: 1000, jailed: true), parameters: .defaults), 0)
        }
    }

    func testCustomTablesFromGenesis() throws {
        let chain = try TestChain(parameters: """
            {"staking": {"lock_steps": [{"min_epochs": 0, "multiplier_bps": 10000}, {"min_epochs": 10, "multiplier_bps": 30000}],
                         "tier_multipliers_bps": [10000, 10001, 20000, 40000, 50000]}}
            """)
        let parameters = chain.parameters.staking
        XCTAssertEqual(parameters.lockMultiplierBps(epochs: 9), 10_000)
        XCTAssertEqual(parameters.lockMultiplierBps(epochs: 10), 30_000)
        XCTAssertEqual(StakingPower.of(Self.stake(10_000, lock: 10, tier: .atRest, reputation: 0), parameters: parameters), 30_003)
        XCTAssertEqual(StakingPower.of(Self.stake(Self.AI, lock: 10, tier: .teeIO, reputation: 1000), parameters: parameters), 30 * Self.AI)
    }

    func testExtremeAmountsSaturateInsteadOfTrapping() {
        let stake = Self.stake(UInt128.max, lock: 52, tier: .teeIO, reputation: 1000)
        XCTAssertEqual(StakingPower.of(stake, parameters: .defaults), UInt128.max)
        XCTAssertEqual(StakingPower.of(Self.stake(UInt128.max, lock: 0, tier: .open, reputation: 0), parameters: .defaults), UInt128.max)
    }

    func testAmountTiers() {
        let cases: [(Amount, String)] = [
            (0, "none"), (100 * Self.AI - 1, "none"), (100 * Self.AI, "bronze"), (1_000 * Self.AI - 1, "bronze"), (1_000 * Self.AI, "silver"),
            (10_000 * Self.AI, "gold"), (100_000 * Self.AI - 1, "gold"), (100_000 * Self.AI, "platinum"), (Genesis.maxSupply, "platinum"),
        ]
        for (amount, name) in cases { XCTAssertEqual(StakingPower.amountTier(amount), name, "\(amount)") }
    }

    func testPrivacyTierNames() {
        XCTAssertEqual(PrivacyTier.allCases.map(\.name), ["open", "at-rest", "cpu-tee", "gpu-tee", "tee-io"])
        XCTAssertEqual(PrivacyTier.allCases.map(\.requiresAttestation), [false, true, true, true, true])
    }

    func testTheLockBonusCountsOnlyWhileTheLockHolds() {
        var stake = Self.stake(1_000 * Self.AI, lock: 52, tier: .open, reputation: 0)
        stake.lockedUntil = 500
        let parameters = StakingParameters.defaults
        XCTAssertEqual(StakingPower.of(stake, parameters: parameters, height: 499), 1_500 * Self.AI, "locked: 1.5x for 52 epochs")
        XCTAssertEqual(StakingPower.of(stake, parameters: parameters, height: 500), 1_000 * Self.AI, "the lock has ended: 1.0x")
        XCTAssertEqual(StakingPower.of(stake, parameters: parameters), 1_500 * Self.AI, "without a height the formula alone")
    }
}
