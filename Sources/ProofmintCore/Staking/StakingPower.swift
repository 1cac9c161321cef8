/// Seed 000's `calculateStakingPower` in integer form:
/// `power = ⌊⌊⌊amount × lock_bps / 10⁴⌋ × tier_bps / 10⁴⌋ × (1000 + reputation) / 1000⌋`, 0 while jailed.
/// Each step floors; with amounts ≤ 10²⁷ and multipliers ≤ 5x no step can overflow 128 bits.
public enum StakingPower {
    /// The power of `stake`. At a given `height` the lock multiplier counts only while the lock holds
    /// (`height < locked_until`): a stake that can leave at any moment earns no lock bonus. `effectiveTier` is the
    /// tier that counts now (`AttestationModule.effectiveTier`: open once a tier 2–4 attestation no longer holds);
    /// without it the stake's own tier is taken, as for a stake judged without the registry.
    public static func of(_ stake: Stake, parameters: StakingParameters, height: UInt64? = nil, effectiveTier: PrivacyTier? = nil) -> Amount {
        guard !stake.jailed else { return 0 }
        let locked = height.map { $0 < stake.lockedUntil } ?? true
        let lock = Amount(locked ? parameters.lockMultiplierBps(epochs: stake.lockEpochs) : 10_000)
        let tier = Amount(parameters.tierMultiplierBps(effectiveTier ?? stake.tier))
        let afterLock = multiplyDivide(stake.amount, lock, 10_000)
        let afterTier = multiplyDivide(afterLock, tier, 10_000)
        return multiplyDivide(afterTier, 1000 + Amount(stake.reputation), 1000)
    }

    /// The power of `stake` at `context`'s height with the tier that counts there (§9.8, §9.10).
    public static func of(_ stake: Stake, context: BlockContext, state: StateOverlay) throws(TransactionError) -> Amount {
        let tier = try AttestationModule.effectiveTier(stake: stake, height: context.height, state: state)
        return of(stake, parameters: context.parameters.staking, height: context.height, effectiveTier: tier)
    }

    /// ⌊value × numerator / denominator⌋ for numerator, denominator < 2⁶⁴; saturates at the maximum instead of
    /// trapping (unreachable while the supply is capped at 10²⁷).
    static func multiplyDivide(_ value: Amount, _ numerator: Amount, _ denominator: Amount) -> Amount {
        let (high, overflow) = (value / denominator).multipliedReportingOverflow(by: numerator)
        let low = (value % denominator) * numerator / denominator
        guard !overflow else { return .max }
        let (sum, overflow2) = high.addingReportingOverflow(low)
        return overflow2 ? .max : sum
    }

    /// Seed 001's staking tiers by amount, shown by queries (no effect on consensus).
    public static func amountTier(_ amount: Amount) -> String {
        switch amount {
        case (100_000 * Tokens.one)...: return "platinum"
        case (10_000 * Tokens.one)...: return "gold"
        case (1_000 * Tokens.one)...: return "silver"
        case (100 * Tokens.one)...: return "bronze"
        default: return "none"
        }
    }
}
