/// The staking module's parameters (seed 000's provider staking, in integer form).
public struct StakingParameters: Equatable, Sendable {
    /// A lock of at least `minEpochs` epochs earns `multiplierBps` (10,000 = 1.0x).
    public struct LockStep: Equatable, Sendable {
        public var minEpochs: UInt32
        public var multiplierBps: UInt16
        public init(minEpochs: UInt32, multiplierBps: UInt16) {
            self.minEpochs = minEpochs
            self.multiplierBps = multiplierBps
        }
    }

    /// The smallest active stake a provider may hold: the Sybil bound.
    public var minStake: Amount
    /// Blocks an unstaked amount waits before it can be withdrawn.
    public var unbondingPeriod: UInt64
    /// Basis points of every unstaked amount that are burned (seed 000: 0.1%).
    public var unstakeBurnBps: UInt16
    /// The longest lock a stake may carry, in epochs.
    public var maxLockEpochs: UInt32
    /// Lock-duration multipliers, ascending by `minEpochs`, the first at 0 epochs.
    public var lockSteps: [LockStep]
    /// Privacy-tier multipliers for tiers 0–4 (seed 000: 1.0x, 1.2x, 1.5x, 1.8x, 2.0x).
    public var tierMultipliersBps: [UInt16]
    /// Unbonding entries one account may have waiting at once.
    public var maxUnbondingEntries: UInt16
    /// Slash rates by reason (seed 000): SLA violations within [min, max], attestation failure, malicious behaviour
    /// (which includes signing two blocks at one height).
    public var slashSLAMinBps: UInt16
    public var slashSLAMaxBps: UInt16
    public var slashAttestationBps: UInt16
    public var slashMaliciousBps: UInt16
    /// Blocks a jailed account waits, from the height it was jailed, before `unjail` is allowed (protocol version 2).
    public var jailPeriodBlocks: UInt64
    /// Burned by every `unjail` on top of its fee: the price of coming back (protocol version 2).
    public var unjailFee: Amount

    public static let defaults = StakingParameters(
        minStake: 100 * Tokens.one,
        unbondingPeriod: 20,
        unstakeBurnBps: 10,
        maxLockEpochs: 520,
        lockSteps: [
            LockStep(minEpochs: 0, multiplierBps: 10_000), LockStep(minEpochs: 4, multiplierBps: 11_000),
            LockStep(minEpochs: 12, multiplierBps: 12_500), LockStep(minEpochs: 52, multiplierBps: 15_000),
        ],
        tierMultipliersBps: [10_000, 12_000, 15_000, 18_000, 20_000],
        maxUnbondingEntries: 16,
        slashSLAMinBps: 100, slashSLAMaxBps: 500, slashAttestationBps: 1000, slashMaliciousBps: 10_000,
        jailPeriodBlocks: 8640, unjailFee: 10 * Tokens.one)

    /// The multiplier of `tier` (1.0x for a table too short, which genesis and governance never allow).
    public func tierMultiplierBps(_ tier: PrivacyTier) -> UInt16 {
        let index = Int(tier.rawValue)
        return index < tierMultipliersBps.count ? tierMultipliersBps[index] : 10_000
    }

    public init(
        minStake: Amount, unbondingPeriod: UInt64, unstakeBurnBps: UInt16, maxLockEpochs: UInt32, lockSteps: [LockStep],
        tierMultipliersBps: [UInt16], maxUnbondingEntries: UInt16, slashSLAMinBps: UInt16, slashSLAMaxBps: UInt16,
        slashAttestationBps: UInt16, slashMaliciousBps: UInt16, jailPeriodBlocks: UInt64 = 8640, unjailFee: Amount = 10 * Tokens.one
    ) {
        self.minStake = minStake
        self.unbondingPeriod = unbondingPeriod
        self.unstakeBurnBps = unstakeBurnBps
        self.maxLockEpochs = maxLockEpochs
        self.lockSteps = lockSteps
        self.tierMultipliersBps = tierMultipliersBps
        self.maxUnbondingEntries = maxUnbondingEntries
        self.slashSLAMinBps = slashSLAMinBps
        self.slashSLAMaxBps = slashSLAMaxBps
        self.slashAttestationBps = slashAttestationBps
        self.slashMaliciousBps = slashMaliciousBps
        self.jailPeriodBlocks = jailPeriodBlocks
        self.unjailFee = unjailFee
    }

    /// The multiplier for a lock of `epochs`: the last step whose `minEpochs` it reaches.
    public func lockMultiplierBps(epochs: UInt32) -> UInt16 {
        lockSteps.last { $0.minEpochs <= epochs }?.multiplierBps ?? 10_000
    }

    func violations() -> [String] {
        var problems = [String]()
        if minStake == 0 { problems.append("staking.min_stake must be at least 1 base unit") }
        if unstakeBurnBps > 10_000 { problems.append("staking.unstake_burn_bps must be at most 10000") }
        if lockSteps.isEmpty || lockSteps.count > 8 { problems.append("staking.lock_steps must have 1 to 8 steps") }
        if lockSteps.first?.minEpochs != 0 { problems.append("staking.lock_steps must start at 0 epochs") }
        if zip(lockSteps, lockSteps.dropFirst()).contains(where: { $0.minEpochs >= $1.minEpochs }) {
            problems.append("staking.lock_steps must be in strictly ascending order of epochs")
        }
        if lockSteps.contains(where: { $0.multiplierBps < 10_000 || $0.multiplierBps > 50_000 }) {
            problems.append("staking.lock_steps multipliers must be between 10000 and 50000")
        }
        if tierMultipliersBps.count != PrivacyTier.allCases.count {
            problems.append("staking.tier_multipliers_bps must have exactly \(PrivacyTier.allCases.count) entries")
        }
        if tierMultipliersBps.contains(where: { $0 < 10_000 || $0 > 50_000 }) {
            problems.append("staking.tier_multipliers_bps must be between 10000 and 50000")
        }
        if maxUnbondingEntries == 0 || maxUnbondingEntries > 256 { problems.append("staking.max_unbonding_entries must be 1 to 256") }
        if slashSLAMinBps > slashSLAMaxBps { problems.append("staking.slash_sla_min_bps must not exceed slash_sla_max_bps") }
        for (name, bps) in [("slash_sla_max_bps", slashSLAMaxBps), ("slash_attestation_bps", slashAttestationBps), ("slash_malicious_bps", slashMaliciousBps)]
        where bps > 10_000 {
            problems.append("staking.\(name) must be at most 10000")
        }
        if jailPeriodBlocks == 0 { problems.append("staking.jail_period_blocks must be at least 1") }
        return problems
    }
}

extension StakingParameters: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u128(minStake)
        writer.u64(unbondingPeriod)
        writer.u16(unstakeBurnBps)
        writer.u32(maxLockEpochs)
        writer.u8(UInt8(lockSteps.count))
        for step in lockSteps {
            writer.u32(step.minEpochs)
            writer.u16(step.multiplierBps)
        }
        writer.u8(UInt8(tierMultipliersBps.count))
        for bps in tierMultipliersBps { writer.u16(bps) }
        writer.u16(maxUnbondingEntries)
        for bps in [slashSLAMinBps, slashSLAMaxBps, slashAttestationBps, slashMaliciousBps] { writer.u16(bps) }
        writer.u64(jailPeriodBlocks)
        writer.u128(unjailFee)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> StakingParameters {
        let minStake = try reader.u128()
        let unbondingPeriod = try reader.u64()
        let burn = try reader.u16()
        let maxLock = try reader.u32()
        let stepCount = Int(try reader.u8())
        guard stepCount <= 8 else { throw .lengthTooLarge(field: "lock steps", length: stepCount, max: 8) }
        var steps = [LockStep]()
        for _ in 0..<stepCount { steps.append(LockStep(minEpochs: try reader.u32(), multiplierBps: try reader.u16())) }
        let tierCount = Int(try reader.u8())
        guard tierCount <= 8 else { throw .lengthTooLarge(field: "tier multipliers", length: tierCount, max: 8) }
        var tiers = [UInt16]()
        for _ in 0..<tierCount { tiers.append(try reader.u16()) }
        return StakingParameters(
            minStake: minStake, unbondingPeriod: unbondingPeriod, unstakeBurnBps: burn, maxLockEpochs: maxLock,
            lockSteps: steps, tierMultipliersBps: tiers, maxUnbondingEntries: try reader.u16(),
            slashSLAMinBps: try reader.u16(), slashSLAMaxBps: try reader.u16(),
            slashAttestationBps: try reader.u16(), slashMaliciousBps: try reader.u16(),
            jailPeriodBlocks: try reader.u64(), unjailFee: try reader.u128())
    }
}
