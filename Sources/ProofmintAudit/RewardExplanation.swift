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
    public var consistent: Bool { settlement != nil && recordedReward == computedReward && settlement?.minted == scheduledEmission }

    /// Replays until epoch `epoch` has settled.
    public static func derive(provider: Address, epoch: UInt64, genesisFile: Bytes, next: () throws -> Block?) throws -> RewardExplanation {
        var explanation = RewardExplanation(provider: provider, epoch: epoch)
        var seen = Set<Address>()
        var done = false
        _ = try ChainReplayer().replay(genesisFile: genesisFile, next: { done ? nil : try next() }, observe: { block, outcome, store in
            for receipt in outcome.receipts where receipt.code == 0 {
                for case let .proofAccepted(jobId, consumer, worker, workEpoch, units, qualityBps, tierBps, weight, price, _) in receipt.events
                where workEpoch == epoch {
                    explanation.totalWeight += weight
                    seen.insert(worker)
                    guard worker == provider else { continue }
                    explanation.providerWeight += weight
                    explanation.receipts.append(Receipt(
                        height: block.height, jobId: jobId, consumer: consumer, units: units, qualityBps: qualityBps, tierBps: tierBps,
                        weight: weight, price: price))
                }
            }
            // Only this block's writes (binary search over its sorted outcome): the settlement is the block writing it.
            let written = LayeredState(base: EmptyState(), outcomes: [outcome])
            guard let record = try? written.record(EpochRecord.self, at: .epochRecord(epoch)), let settlement = record.settlement else { return }
            explanation.settlement = settlement
            explanation.providers = seen.count
            explanation.scheduledEmission = record.totalWeight == 0
                ? 0 : EpochModule.emission(epoch: epoch, parameters: try store.parameters(), totals: try store.totals())
            explanation.computedReward = WideArithmetic.multiplyDivide(explanation.distributable, explanation.providerWeight, max(explanation.totalWeight, 1))
            if let work = try? written.record(ProviderWork.self, at: .providerWork(provider, epoch: epoch)) {
                explanation.recordedReward = work.reward
                explanation.forfeited = work.forfeited
            }
            done = true
        })
        return explanation
    }
}
