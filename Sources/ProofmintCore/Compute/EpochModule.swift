/// The end-of-block step of Proof of Compute: first the receipts due at this height (sampling, verdict deadlines,
/// challenge deadlines), then, at an epoch's last block, the epoch's close (vested team tokens, the next epoch), then
/// a bounded batch of settlement (`SettlementModule`). Each part's work is proportional to what falls due or to the
/// batch size, never to the number of providers.
public enum EpochModule {
    static func endBlock(context: BlockContext, state: inout StateOverlay) throws(BlockError) {
        do {
            try runDue(context: context, state: &state)
            let epoch = try state.epochStateOrFail()
            if context.height >= epoch.lastHeight(epochLength: context.parameters.epochLength) {
                try close(epoch, context: context, state: &state)
            }
            try SettlementModule.run(context: context, state: &state)
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

    /// Each receipt filed under this height: sampled if it was waiting for that, its validator penalised if its
    /// verdict deadline passed, its challenge decided if its deadline passed. A receipt filed twice for one height
    /// (two deadlines at once) is handled by whichever step is due; the second look finds nothing left to do.
    private static func runDue(context: BlockContext, state: inout StateOverlay) throws(TransactionError) {
        for job in try state.takeComputeDue(at: context.height) {
            guard var record = try state.receiptOrFail(job) else { continue }
            let before = record
            if record.validation == .pendingSample, record.deadline == context.height {
                try ValidationModule.sample(&record, job: job, context: context, state: &state)
            } else if record.validation == .assigned, record.deadline == context.height {
                try ValidationModule.missed(&record, job: job, context: context, state: &state)
            }
            if record.challenge?.outcome == .open, record.challenge?.deadline == context.height {
                try ChallengeModule.expire(&record, job: job, context: context, state: &state)
            }
            if record != before { state.put(record, at: .receipt(job)) }
        }
    }

    /// The epoch's last block: release what has vested, note it in the epoch's record, start the next epoch.
    private static func close(_ epoch: EpochState, context: BlockContext, state: inout StateOverlay) throws(TransactionError) {
        let vested = try releaseVesting(height: context.height, state: &state)
        var record = try state.epochRecordOrFail(epoch.number)
        record.vested = vested
        record.closesAt = max(record.closesAt, context.height)
        state.put(record, at: .epochRecord(epoch.number))
        // Saturating: a chain at the last height a u64 holds stays in its last epoch rather than trap.
        let (next, overflow) = context.height.addingReportingOverflow(1)
        state.put(EpochState(number: epoch.number + (overflow ? 0 : 1), startHeight: overflow ? .max : next), at: .epoch)
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
}
