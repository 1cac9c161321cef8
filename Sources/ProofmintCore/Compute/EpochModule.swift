/// The end-of-block step: at an epoch's last block, mint the epoch's emission and pay it, with the provider reward
/// pool, to the epoch's providers pro rata by weight; release vested team tokens; start the next epoch.
///
/// Exact to the base unit: `minted + fromPool = paidToProviders + toTreasury`. An epoch without accepted work mints
/// nothing (its emission is never created, so the mining cap lasts longer) and leaves the pool for the next epoch.
public enum EpochModule {
    static func endBlock(context: BlockContext, state: inout StateOverlay) throws(BlockError) {
        do {
            let epoch = try state.epochStateOrFail()
            guard context.height >= epoch.lastHeight(epochLength: context.parameters.epochLength) else { return }
            var record = try state.recordOrFail(EpochRecord.self, at: .epochRecord(epoch.number)) ?? .empty
            var settlement = try settle(&record, epoch: epoch.number, context: context, state: &state)
            settlement.vested = try releaseVesting(height: context.height, state: &state)
            record.settlement = settlement
            state.put(record, at: .epochRecord(epoch.number))
            // Saturating: a chain at the last height a u64 holds stays in its last epoch rather than trap.
            let (next, overflow) = context.height.addingReportingOverflow(1)
            state.put(EpochState(number: epoch.number + (overflow ? 0 : 1), startHeight: overflow ? .max : next), at: .epoch)
        } catch let .stateUnreadable(error) {
            throw .state(error)
        } catch {
            throw .settlementFailed(height: context.height, error: error)
        }
    }

    /// What epoch `epoch` mints under `parameters` when `totals` is the supply so far, if it has work: the scheduled
    /// amount from `anchor` (nil: the schedule's start, §11.5), clamped by the mining cap and by the maximum supply.
    public static func emission(epoch: UInt64, parameters: Parameters, totals: ChainTotals, anchor: EmissionAnchor? = nil) -> Amount {
        let schedule = parameters.compute.emissionSchedule(epochLength: parameters.epochLength)
        let room = totals.issued >= Genesis.maxSupply ? 0 : Genesis.maxSupply - totals.issued
        return min(schedule.mintedAmount(epoch: epoch, alreadyMinted: totals.minted, anchor: anchor), room)
    }

    private static func settle(
        _ record: inout EpochRecord, epoch: UInt64, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> EpochSettlement {
        guard record.totalWeight > 0 else {
            return EpochSettlement(endHeight: context.height, minted: 0, fromPool: 0, paidToProviders: 0, toTreasury: 0, vested: 0)
        }
        let anchor = try state.recordOrFail(EmissionAnchor.self, at: .emissionAnchor)
        let minted = emission(epoch: epoch, parameters: context.parameters, totals: try totals(state), anchor: anchor)
        let pool = try state.accountOrFail(ModuleAccount.rewardPool.address).balance
        guard let distributable = checkedAdd(minted, pool) else { throw .balanceOverflow }
        var paid: Amount = 0
        var forfeited: Amount = 0
        for provider in record.providers {
            let key = StateKey.providerWork(provider, epoch: epoch)
            guard var work = try state.recordOrFail(ProviderWork.self, at: key) else { continue }
            let share = WideArithmetic.multiplyDivide(distributable, work.weight, record.totalWeight)
            work.forfeited = try state.stakeOrFail(provider)?.jailed == true
            work.reward = share
            if work.forfeited { forfeited += share } else {
                try state.credit(provider, share)
                paid += share
            }
            state.put(work, at: key)
        }
        // Σ shares ≤ distributable because each share is floored: the rest is the treasury's.
        let toTreasury = distributable - paid
        try state.debit(ModuleAccount.rewardPool.address, pool)
        try state.credit(ModuleAccount.treasury.address, toTreasury)
        try state.updateTotals { totals in
            guard let issued = checkedAdd(totals.issued, minted), let mintedTotal = checkedAdd(totals.minted, minted) else { return false }
            totals.issued = issued
            totals.minted = mintedTotal
            return true
        }
        return EpochSettlement(
            endHeight: context.height, minted: minted, fromPool: pool, paidToProviders: paid, toTreasury: toTreasury, vested: 0)
    }

    /// Moves what has vested since the last release from the team module account to the beneficiary.
    private static func releaseVesting(height: UInt64, state: inout StateOverlay) throws(TransactionError) -> Amount {
        guard var vesting = try state.recordOrFail(TeamVesting.self, at: .vesting) else { return 0 }
        let vested = vesting.vested(at: height)
        guard vested > vesting.released else { return 0 }
        let team = ModuleAccount.team.address
        let amount = min(vested - vesting.released, try state.accountOrFail(team).balance)
        guard amount > 0 else { return 0 }
        try state.debit(team, amount)
        try state.credit(vesting.beneficiary, amount)
        vesting.released += amount
        state.put(vesting, at: .vesting)
        return amount
    }

    private static func totals(_ state: StateOverlay) throws(TransactionError) -> ChainTotals {
        do { return try state.totals() } catch { throw .stateUnreadable(error) }
    }
}
