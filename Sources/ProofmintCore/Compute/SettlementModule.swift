import ProofmintCrypto

/// Pays each epoch's rewards once every window of its receipts has closed, then prunes its records: one epoch at a
/// time, in order, at most `compute.settlement_batch` steps per block (a step pays one provider or prunes one record).
///
/// Settlement of epoch `e` starts at the end of the first block at or after `closesAt` once `e` has ended. It fixes
/// `distributable = emission(e) + the reward pool's balance` (both 0 if no weight stands) and the standing weight `W`.
/// Provider `i` is then paid `min(⌊distributable × wᵢ / W⌋, ⌊valueᵢ × reward_cap_bps / 10000⌋, its stake)` — from the reserved
/// pool first, minting the rest — if it is unjailed and holds at least `staking.min_stake`; otherwise its share is
/// forfeited. What is not paid is never minted (or stays in the pool). Pruning waits until `e + proof_window_epochs`
/// is past, so no job id of the epoch can be submitted again once its record is gone.
public enum SettlementModule {
    static func run(context: BlockContext, state: inout StateOverlay) throws(TransactionError) {
        var cursor = try state.recordOrFail(SettlementCursor.self, at: .settlement) ?? .start
        let original = cursor
        var budget = UInt64(context.parameters.compute.verification.settlementBatch)
        let current = try state.epochStateOrFail().number
        while budget > 0, cursor.epoch < current {
            var record = try state.epochRecordOrFail(cursor.epoch)
            switch cursor.phase {
            case .waiting:
                guard context.height >= record.closesAt else { break }
                record.settlement = try start(record, epoch: cursor.epoch, context: context, state: &state)
                state.put(record, at: .epochRecord(cursor.epoch))
                cursor.phase = .paying
                cursor.index = 0
                continue
            case .paying:
                while budget > 0, cursor.index < UInt64(record.providerCount) {
                    try pay(index: UInt32(cursor.index), epoch: cursor.epoch, record: &record, context: context, state: &state)
                    cursor.index += 1
                    budget -= 1
                }
                let finished = cursor.index >= UInt64(record.providerCount)
                if finished { record.settlement?.finishedAt = context.height }
                state.put(record, at: .epochRecord(cursor.epoch))
                guard finished else { continue }
                cursor.phase = .pruning
                cursor.index = 0
                // Pruning starts in a later block, so every paid work record is in at least one committed state
                // (an auditor replaying the chain reads the rewards there).
                break
            case .pruning:
                guard cursor.epoch.saturatingAdd(context.parameters.compute.proofWindowEpochs) < current else { break }
                let total = record.proofs + UInt64(record.providerCount)
                while budget > 0, cursor.index < total {
                    try prune(index: cursor.index, epoch: cursor.epoch, record: record, state: &state)
                    cursor.index += 1
                    budget -= 1
                }
                if cursor.index >= total {
                    cursor = SettlementCursor(epoch: cursor.epoch + 1, phase: .waiting, index: 0)
                }
                continue
            }
            break
        }
        if cursor != original { state.put(cursor, at: .settlement) }
    }

    private static func start(_ record: EpochRecord, epoch: UInt64, context: BlockContext, state: inout StateOverlay) throws(TransactionError) -> EpochSettlement {
        guard record.totalWeight > 0 else {
            return EpochSettlement(
                startedAt: context.height, emission: 0, poolReserved: 0, weight: 0, paid: 0, minted: 0, fromPool: 0, forfeited: 0, capped: 0,
                finishedAt: nil)
        }
        let anchor = try state.recordOrFail(EmissionAnchor.self, at: .emissionAnchor)
        let totals: ChainTotals
        do { totals = try state.totals() } catch { throw .stateUnreadable(error) }
        let emission = EpochModule.emission(epoch: epoch, parameters: context.parameters, totals: totals, anchor: anchor)
        let pool = try state.accountOrFail(ModuleAccount.rewardPool.address).balance
        guard checkedAdd(emission, pool) != nil else { throw .balanceOverflow }
        return EpochSettlement(
            startedAt: context.height, emission: emission, poolReserved: pool, weight: record.totalWeight, paid: 0, minted: 0, fromPool: 0,
            forfeited: 0, capped: 0, finishedAt: nil)
    }

    /// Pays the epoch's `index`-th provider its share, records it in its work, and lifts its hold for the epoch.
    private static func pay(index: UInt32, epoch: UInt64, record: inout EpochRecord, context: BlockContext, state: inout StateOverlay) throws(TransactionError) {
        guard var settlement = record.settlement,
              let entry = try state.recordOrFail(IndexEntry.self, at: .epochProvider(epoch: epoch, index: index)),
              let provider = try? Address(bytes: entry.bytes)
        else { return }
        // Whatever its work record holds, the provider's hold for this epoch ends here.
        try state.changeComputeHold(provider, raise: false)
        let key = StateKey.providerWork(provider, epoch: epoch)
        guard var work = try state.recordOrFail(ProviderWork.self, at: key) else { return }
        let share = settlement.weight == 0 ? 0 : WideArithmetic.multiplyDivide(settlement.distributable, work.weight, settlement.weight)
        let stake = try state.stakeOrFail(provider)
        // At most a share of the value paid, and at most the stake the provider risks: a fake that a colluding
        // validator lets through can win no more than what a caught one loses.
        let cap = min(FeeSplit.portion(work.value, context.parameters.compute.verification.rewardCapBps), stake?.amount ?? 0)
        let reward = min(share, cap)
        work.forfeited = stake == nil || stake?.jailed == true || (stake?.amount ?? 0) < context.parameters.staking.minStake
        work.reward = work.forfeited ? 0 : reward
        guard let capped = checkedAdd(settlement.capped, share - reward) else { throw .balanceOverflow }
        settlement.capped = capped
        if work.forfeited {
            guard let forfeited = checkedAdd(settlement.forfeited, reward) else { throw .balanceOverflow }
            settlement.forfeited = forfeited
        } else if reward > 0 {
            try credit(reward, to: provider, settlement: &settlement, state: &state)
        }
        record.settlement = settlement
        state.put(work, at: key)
    }

    /// Pays `reward` from the pool reserved for the epoch first, then mints the rest (within the epoch's emission,
    /// since Σ shares ≤ emission + reserved pool).
    private static func credit(_ reward: Amount, to provider: Address, settlement: inout EpochSettlement, state: inout StateOverlay) throws(TransactionError) {
        let pool = ModuleAccount.rewardPool.address
        let reserved = settlement.poolReserved - min(settlement.poolReserved, settlement.fromPool)
        let fromPool = min(reward, reserved, try state.accountOrFail(pool).balance)
        let minted = reward - fromPool
        guard let paid = checkedAdd(settlement.paid, reward), let mintedSoFar = checkedAdd(settlement.minted, minted),
              let poolSoFar = checkedAdd(settlement.fromPool, fromPool)
        else { throw .balanceOverflow }
        if fromPool > 0 { try state.debit(pool, fromPool) }
        try state.credit(provider, reward)
        if minted > 0 {
            try state.updateTotals { totals in
                guard let issued = checkedAdd(totals.issued, minted), let all = checkedAdd(totals.minted, minted) else { return false }
                totals.issued = issued
                totals.minted = all
                return true
            }
        }
        settlement.paid = paid
        settlement.minted = mintedSoFar
        settlement.fromPool = poolSoFar
    }

    /// Deletes the epoch's `index`-th record: receipts (with their index entries) first, then providers' work.
    private static func prune(index: UInt64, epoch: UInt64, record: EpochRecord, state: inout StateOverlay) throws(TransactionError) {
        if index < record.proofs {
            let key = StateKey.epochReceipt(epoch: epoch, index: UInt32(index))
            if let entry = try state.recordOrFail(IndexEntry.self, at: key), entry.bytes.count == 32 {
                state.set(.receipt(Hash32(unchecked: entry.bytes)), nil)
            }
            state.set(key, nil)
            return
        }
        let key = StateKey.epochProvider(epoch: epoch, index: UInt32(index - record.proofs))
        if let entry = try state.recordOrFail(IndexEntry.self, at: key), let provider = try? Address(bytes: entry.bytes) {
            state.set(.providerWork(provider, epoch: epoch), nil)
        }
        state.set(key, nil)
    }
}
