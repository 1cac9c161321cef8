import ProofmintCore

/// "Why did this provider get this much in epoch N?", re-derived by replaying the blocks: each accepted receipt with
/// its multipliers and weight, the epoch's total weight, its emission and pool, and the arithmetic to the base unit.
public struct RewardExplanation: Sendable {
    public struct Receipt: Sendable {
        public var height: UInt64
        public var jobId: Hash32
        public var consumer: Address
        public var units: UInt64
        public var qualityBps: UInt16
        public var tierBps: UInt16
        public var weight: UInt128
        public var price: Amount
    }

    public var provider: Address
    public var epoch: UInt64
    public var receipts: [Receipt] = []
    public var providerWeight: UInt128 = 0
    public var totalWeight: UInt128 = 0
    public var providers = 0
    /// From the replayed settlement.
    public var settlement: EpochSettlement?
    /// What the emission schedule gives this epoch on the state before the settlement block (must equal `minted`).
    public var scheduledEmission: Amount = 0
    /// ⌊(minted + from_pool) × provider weight / total weight⌋, computed here.
    public var computedReward: Amount = 0
    /// What the settlement recorded for the provider (and whether it was forfeited).
    public var recordedReward: Amount?
    public var forfeited = false

    public var distributable: Amount { (settlement?.minted ?? 0) + (settlement?.fromPool ?? 0) }
    /// True when no provider had accepted work in the epoch: it mints nothing and pays nothing (the pool waits).
    public var epochHadNoWork: Bool { totalWeight == 0 }

    /// The settlement agrees with the re-derivation. A provider without work in the epoch has no reward record, and
    /// that is consistent when the re-derivation also gives it nothing; an epoch without any work must mint nothing.
    public var consistent: Bool {
        guard let settlement, settlement.minted == scheduledEmission else { return false }
        if epochHadNoWork && (settlement.minted != 0 || settlement.fromPool != 0 || settlement.paidToProviders != 0) { return false }
        guard let recordedReward else { return providerWeight == 0 && computedReward == 0 }
        return recordedReward == computedReward
    }

    /// Replays until epoch `epoch` has settled.
    public static func derive(provider: Address, epoch: UInt64, genesisFile: Bytes, next: () throws -> Block?) throws -> RewardExplanation {
        try replay(provider: provider, target: epoch, genesisFile: genesisFile, next: next)[epoch] ?? RewardExplanation(provider: provider, epoch: epoch)
    }

    /// The latest settled epoch in which `provider` had accepted work, explained; nil if it never had any. So a
    /// person need not know which epoch a receipt landed in (`audit explain` without `--epoch`).
    public static func deriveLatest(provider: Address, genesisFile: Bytes, next: () throws -> Block?) throws -> RewardExplanation? {
        let settled = try replay(provider: provider, target: nil, genesisFile: genesisFile, next: next)
        return settled.max { $0.key < $1.key }?.value
    }

    /// Replays the chain (until `target` settles, if given) and returns the settled explanations: `target`'s, or
    /// without one every epoch in which the provider had accepted work. Work counts in the epoch it is accepted in,
    /// so an epoch's weights are complete when its settlement block is reached.
    private static func replay(provider: Address, target: UInt64?, genesisFile: Bytes, next: () throws -> Block?) throws -> [UInt64: RewardExplanation] {
        var open = [UInt64: RewardExplanation]()
        var seen = [UInt64: Set<Address>]()
        var settled = [UInt64: RewardExplanation]()
        var done = false
        _ = try ChainReplayer().replay(genesisFile: genesisFile, next: { done ? nil : try next() }, observe: { block, outcome, store in
            for receipt in outcome.receipts where receipt.code == 0 {
                for case let .proofAccepted(jobId, consumer, worker, workEpoch, units, qualityBps, tierBps, weight, price, _) in receipt.events
                where target == nil || workEpoch == target {
                    var explanation = open[workEpoch] ?? RewardExplanation(provider: provider, epoch: workEpoch)
                    explanation.totalWeight += weight
                    seen[workEpoch, default: []].insert(worker)
                    if worker == provider {
                        explanation.providerWeight += weight
                        explanation.receipts.append(Receipt(
                            height: block.height, jobId: jobId, consumer: consumer, units: units, qualityBps: qualityBps, tierBps: tierBps,
                            weight: weight, price: price))
                    }
                    open[workEpoch] = explanation
                }
            }
            // Only this block's writes (binary search over its sorted outcome): the settlement is the block writing it.
            let written = LayeredState(base: EmptyState(), outcomes: [outcome])
            for epoch in target.map({ [$0] }) ?? Array(open.keys) {
                guard let record = try? written.record(EpochRecord.self, at: .epochRecord(epoch)), let settlement = record.settlement else { continue }
                var explanation = open.removeValue(forKey: epoch) ?? RewardExplanation(provider: provider, epoch: epoch)
                explanation.settlement = settlement
                explanation.providers = seen.removeValue(forKey: epoch)?.count ?? 0
                explanation.scheduledEmission = record.totalWeight == 0
                    ? 0 : EpochModule.emission(
                        epoch: epoch, parameters: try store.parameters(), totals: try store.totals(),
                        anchor: try store.record(EmissionAnchor.self, at: .emissionAnchor))
                explanation.computedReward = WideArithmetic.multiplyDivide(
                    explanation.distributable, explanation.providerWeight, max(explanation.totalWeight, 1))
                if let work = try? written.record(ProviderWork.self, at: .providerWork(provider, epoch: epoch)) {
                    explanation.recordedReward = work.reward
                    explanation.forfeited = work.forfeited
                }
                if target != nil || explanation.providerWeight > 0 { settled[epoch] = explanation }
                if epoch == target { done = true }
            }
        })
        return settled
    }
}
