/// The staking rules: stake, unstake, withdraw, and slash (the entry point governance and evidence use).
/// Every check runs before the first write, so a refused transaction changes nothing but its fee and nonce.
public enum StakingModule {
    static func validateBasic(_ request: StakeRequest, parameters: StakingParameters) throws(TransactionError) {
        if request.tier.requiresAttestation && request.claim == .none { throw .attestationRequired(tier: request.tier.rawValue) }
        if !request.tier.requiresAttestation && request.claim != .none { throw .attestationUnexpected }
        guard request.lockEpochs <= parameters.maxLockEpochs else {
            throw .lockTooLong(maxEpochs: parameters.maxLockEpochs, actual: request.lockEpochs)
        }
    }

    static func validateBasic(_ request: UnstakeRequest) throws(TransactionError) {
        guard request.amount > 0 else { throw .zeroAmount }
    }

    static func stake(
        _ request: StakeRequest, provider: Address, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        let parameters = context.parameters.staking
        let existing = try state.stakeOrFail(provider)
        if existing?.jailed == true { throw .jailed }
        if existing == nil || existing?.amount == 0, request.amount == 0 { throw .noStake }
        let current = existing?.amount ?? 0
        guard let total = checkedAdd(current, request.amount) else { throw .balanceOverflow }
        guard total >= parameters.minStake else { throw .stakeBelowMinimum(minimum: parameters.minStake, total: total) }
        // A lock that would end past the last height saturates there (as a maturity does): never a trap, and never
        // an admission code (lock_too_long) thrown during execution.
        let (lockBlocks, lockOverflow) = UInt64(request.lockEpochs).multipliedReportingOverflow(by: context.parameters.epochLength)
        let (lockEnd, endOverflow) = context.height.addingReportingOverflow(lockBlocks)
        let lockedUntil = lockOverflow || endOverflow ? UInt64.max : lockEnd
        if let existing, existing.lockedUntil > context.height, lockedUntil < existing.lockedUntil {
            throw .lockShortened(lockedUntil: existing.lockedUntil, requested: lockedUntil)
        }
        let balance = try state.accountOrFail(provider).balance
        guard balance >= request.amount else { throw .insufficientBalance(balance: balance, needed: request.amount) }
        // Every stake replaces the tier and its proof, a zero-amount restake included: no tier above 1 without a
        // checked attestation (§9.10).
        let proof = try AttestationModule.checkClaim(request, provider: provider, context: context, state: state)

        try state.debit(provider, request.amount)
        try state.setStake(
            Stake(
                amount: total, lockEpochs: request.lockEpochs, lockedUntil: lockedUntil, tier: request.tier,
                proof: proof, reputation: existing?.reputation ?? 0, jailed: false),
            for: provider)
        try state.updateTotals { totals in
            guard let staked = checkedAdd(totals.staked, request.amount) else { return false }
            totals.staked = staked
            return true
        }
        return [.staked(provider: provider, added: request.amount, total: total, tier: request.tier.rawValue, lockedUntil: lockedUntil)]
    }

    static func unstake(
        _ request: UnstakeRequest, provider: Address, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        let parameters = context.parameters.staking
        guard var stake = try state.stakeOrFail(provider), stake.amount > 0 else { throw .noStake }
        guard request.amount <= stake.amount else { throw .unstakeExceedsStake(staked: stake.amount, requested: request.amount) }
        guard context.height >= stake.lockedUntil else { throw .stakeLocked(until: stake.lockedUntil, height: context.height) }
        let remaining = stake.amount - request.amount
        guard remaining == 0 || remaining >= parameters.minStake else {
            throw .remainderBelowMinimum(minimum: parameters.minStake, remaining: remaining)
        }
        var queue = try state.unbondingOrFail(provider)
        guard queue.entries.count < Int(parameters.maxUnbondingEntries) else {
            throw .tooManyUnbondingEntries(max: parameters.maxUnbondingEntries)
        }
        let burned = FeeSplit.portion(request.amount, parameters.unstakeBurnBps)
        let unbonding = request.amount - burned
        let (matureAt, overflow) = context.height.addingReportingOverflow(parameters.unbondingPeriod)
        let maturity = overflow ? UInt64.max : matureAt

        stake.amount = remaining
        try state.setStake(stake, for: provider)
        // A 100% burn leaves nothing to wait for: no empty entry is kept.
        if unbonding > 0 { queue.entries.append(.init(amount: unbonding, matureAt: maturity)) }
        state.setUnbonding(queue, for: provider)
        try state.updateTotals { totals in
            guard let staked = checkedSubtract(totals.staked, request.amount), let pending = checkedAdd(totals.unbonding, unbonding),
                  let burnedTotal = checkedAdd(totals.burned, burned)
            else { return false }
            totals.staked = staked
            totals.unbonding = pending
            totals.burned = burnedTotal
            return true
        }
        return [.unstaked(provider: provider, amount: unbonding, burned: burned, matureAt: maturity)]
    }

    static func withdraw(provider: Address, context: BlockContext, state: inout StateOverlay) throws(TransactionError) -> [Event] {
        // §9.5: an open slash proposal holds the unbonding entries where its execution can slash them.
        let holds = try state.slashHolds(provider)
        guard holds == 0 else { throw .stakeHeldForSlash(proposals: holds) }
        // Version 3: while it has compute work in unsettled epochs, a provider keeps at least the minimum stake at risk
        // (by validation and challenges): one below it withdraws nothing until those epochs settle. A provider that
        // keeps working (and so staked) withdraws what it unstaked earlier as usual.
        let unsettled = try state.computeHolds(provider)
        if unsettled > 0, (try state.stakeOrFail(provider)?.amount ?? 0) < context.parameters.staking.minStake {
            throw .providerWorkUnsettled(epochs: unsettled)
        }
        var queue = try state.unbondingOrFail(provider)
        let matured = queue.entries.filter { $0.matureAt <= context.height }
        guard !matured.isEmpty else { throw .nothingMatured(nextMaturity: queue.entries.map(\.matureAt).min()) }
        var amount: Amount = 0
        for entry in matured {
            guard let sum = checkedAdd(amount, entry.amount) else { throw .balanceOverflow }
            amount = sum
        }
        queue.entries.removeAll { $0.matureAt <= context.height }

        try state.credit(provider, amount)
        state.setUnbonding(queue, for: provider)
        try state.updateTotals { totals in
            guard let pending = checkedSubtract(totals.unbonding, amount) else { return false }
            totals.unbonding = pending
            return true
        }
        return [.withdrawn(provider: provider, amount: amount)]
    }

    /// Lifts a jail once `staking.jail_period_blocks` have passed since it began, burning `staking.unjail_fee` (the
    /// transaction fee is paid as usual); the stake counts again for power, quorum and rewards.
    static func unjail(provider: Address, context: BlockContext, state: inout StateOverlay) throws(TransactionError) -> [Event] {
        let parameters = context.parameters.staking
        guard var stake = try state.stakeOrFail(provider), stake.jailed else { throw .notJailed }
        let (release, overflow) = stake.jailedAt.addingReportingOverflow(parameters.jailPeriodBlocks)
        let releaseHeight = overflow ? UInt64.max : release
        guard context.height >= releaseHeight else { throw .jailPeriodNotOver(until: releaseHeight, height: context.height) }
        let fee = parameters.unjailFee
        let balance = try state.accountOrFail(provider).balance
        guard balance >= fee else { throw .insufficientBalance(balance: balance, needed: fee) }

        try state.debit(provider, fee)
        stake.jailed = false
        try state.setStake(stake, for: provider)
        try state.updateTotals { totals in
            guard let burned = checkedAdd(totals.burned, fee) else { return false }
            totals.burned = burned
            return true
        }
        return [.unjailed(provider: provider, burned: fee)]
    }

    /// Slashes `bps` of the provider's active stake and of every entry still unbonding (so unstaking never
    /// escapes a slash), burns it, lowers reputation by `bps / 10` points (100% takes all 1000), and jails for
    /// the reasons that jail (recording `height` as the jail's start: a new offence restarts the jail period).
    /// Takes at most what there is: `bps` is capped at 10,000.
    public static func slash(
        _ provider: Address, bps requested: UInt16, reason: SlashReason, height: UInt64, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        let bps = min(requested, 10_000)
        var stake = try state.stakeOrFail(provider)
            ?? Stake(amount: 0, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: false)
        var queue = try state.unbondingOrFail(provider)
        let fromStake = FeeSplit.portion(stake.amount, bps)
        var fromUnbonding: Amount = 0
        for index in queue.entries.indices {
            let cut = FeeSplit.portion(queue.entries[index].amount, bps)
            queue.entries[index].amount -= cut
            fromUnbonding += cut
        }
        queue.entries.removeAll { $0.amount == 0 }
        stake.amount -= fromStake
        stake.reputation -= min(stake.reputation, bps / 10)
        let jails = reason.jails && !stake.jailed
        if reason.jails {
            stake.jailed = true
            stake.jailedAt = height
        }

        try state.setStake(stake, for: provider)
        state.setUnbonding(queue, for: provider)
        try state.updateTotals { totals in
            guard let slashed = checkedAdd(fromStake, fromUnbonding), let burned = checkedAdd(totals.burned, slashed),
                  let staked = checkedSubtract(totals.staked, fromStake), let pending = checkedSubtract(totals.unbonding, fromUnbonding)
            else { return false }
            totals.staked = staked
            totals.unbonding = pending
            totals.burned = burned
            return true
        }
        var events: [Event] = [
            .slashed(provider: provider, reason: reason.rawValue, bps: bps, fromStake: fromStake, fromUnbonding: fromUnbonding),
        ]
        if jails { events.append(.jailed(provider: provider)) }
        return events
    }
}
