import ProofmintCore

/// "Why did this provider get this much in epoch N?", re-derived by replaying the blocks (protocol version 3): each
/// accepted receipt with its multipliers and the weight it still stood with when settlement started (a pass re-weighs
/// it, a failure or an upheld challenge removes it), the epoch's standing weight, its emission and reserved pool, the
/// reward cap, and the arithmetic to the base unit.
public struct RewardExplanation: Sendable {
    public struct Receipt: Sendable {
        public var height: UInt64
        public var jobId: Hash32
        public var consumer: Address
        public var units: UInt64
        public var qualityBps: UInt16
        public var tierBps: UInt16
        /// The weight it stood with when settlement started (0 if removed).
        public var weight: UInt128
        public var price: Amount
        /// Its validation status and challenge outcome at settlement (`passed`, `not_sampled`, `failed`, …).
        public var status: String
    }

    public var provider: Address
    public var epoch: UInt64
    public var receipts: [Receipt] = []
    /// Σ of the provider's standing weights and values, re-derived from its receipts.
    public var providerWeight: UInt128 = 0
    public var providerValue: Amount = 0
    public var totalWeight: UInt128 = 0
    public var providers = 0
    /// From the replayed settlement.
    public var settlement: EpochSettlement?
    /// What the emission schedule gives this epoch on the state before the block that started settlement.
    public var scheduledEmission: Amount = 0
    public var rewardCapBps: UInt16 = 0
    /// ⌊distributable × provider weight / total weight⌋, and min(⌊value × reward_cap_bps / 10000⌋, stake when paid),
    /// computed here.
    public var share: Amount = 0
    public var valueCap: Amount = 0
    public var stakeAtPayment: Amount?
    public var cap: Amount { min(valueCap, stakeAtPayment ?? valueCap) }
    public var computedReward: Amount { min(share, cap) }
    /// What the settlement recorded for the provider (and whether it was forfeited).
    public var recordedReward: Amount?
    public var forfeited = false

    public var distributable: Amount { settlement?.distributable ?? 0 }
    /// True when no weight stood in the epoch: it mints nothing and pays nothing (the pool waits).
    public var epochHadNoWork: Bool { totalWeight == 0 }

    /// The settlement agrees with the re-derivation: the emission, the epoch's standing weight, and the provider's
    /// payment (0 when forfeited).
    public var consistent: Bool {
        guard let settlement, settlement.emission == scheduledEmission, settlement.weight == totalWeight else { return false }
        if epochHadNoWork && (settlement.distributable != 0 || settlement.paid != 0) { return false }
        guard let recordedReward else { return providerWeight == 0 }
        return recordedReward == (forfeited ? 0 : computedReward)
    }

    /// Replays until epoch `epoch` has paid `provider` (or finished settling).
    public static func derive(provider: Address, epoch: UInt64, genesisFile: Bytes, next: () throws -> Block?) throws -> RewardExplanation {
        try replay(provider: provider, target: epoch, genesisFile: genesisFile, next: next)[epoch] ?? RewardExplanation(provider: provider, epoch: epoch)
    }

    /// The latest settled epoch in which `provider` had accepted work, explained; nil if it never had any. So a
    /// person need not know which epoch a receipt landed in (`audit explain` without `--epoch`).
    public static func deriveLatest(provider: Address, genesisFile: Bytes, next: () throws -> Block?) throws -> RewardExplanation? {
        let settled = try replay(provider: provider, target: nil, genesisFile: genesisFile, next: next)
        return settled.max { $0.key < $1.key }?.value
    }

    /// Replays the chain, following the provider's receipt records (`0x24`) as they change, the epoch records as their
    /// settlement starts and finishes, and the provider's work record when it is paid.
    private static func replay(provider: Address, target: UInt64?, genesisFile: Bytes, next: () throws -> Block?) throws -> [UInt64: RewardExplanation] {
        var open = [UInt64: RewardExplanation]()
        var jobIndex = [Hash32: (epoch: UInt64, index: Int)]()
        var settled = [UInt64: RewardExplanation]()
        var done = false
        _ = try ChainReplayer().replay(genesisFile: genesisFile, next: next, observe: { block, outcome, store in
            for receipt in outcome.receipts where receipt.code == 0 {
                for case let .proofAccepted(jobId, consumer, worker, workEpoch, units, qualityBps, tierBps, weight, price, _, _) in receipt.events
                where worker == provider && (target == nil || workEpoch == target) {
                    var explanation = open[workEpoch] ?? RewardExplanation(provider: provider, epoch: workEpoch)
                    jobIndex[jobId] = (workEpoch, explanation.receipts.count)
                    explanation.receipts.append(Receipt(
                        height: block.height, jobId: jobId, consumer: consumer, units: units, qualityBps: qualityBps, tierBps: tierBps,
                        weight: weight, price: price, status: ValidationStatus.pendingSample.name))
                    open[workEpoch] = explanation
                }
            }
            for (key, value) in outcome.stateWrites {
                switch key.prefix {
                case .receipt?:
                    guard let value, let job = try? Hash32(bytes: Array(key.bytes.dropFirst())), let place = jobIndex[job], let record = try? ReceiptRecord(canonical: value) else { continue }
                    open[place.epoch]?.receipts[place.index].weight = record.weight
                    open[place.epoch]?.receipts[place.index].qualityBps = record.qualityBps
                    open[place.epoch]?.receipts[place.index].status =
                        record.challenge.map { "\(record.validation.name), challenge \($0.outcome.name)" } ?? record.validation.name
                case .epochRecord?:
                    guard let epoch = key.trailingNumber, target == nil || epoch == target, let value,
                          let record = try? EpochRecord(canonical: value), let settlement = record.settlement,
                          try store.record(EpochRecord.self, at: key)?.settlement == nil
                    else { continue }
                    // Settlement starts here: fix the weights and the emission as of the state before this block.
                    var explanation = open[epoch] ?? RewardExplanation(provider: provider, epoch: epoch)
                    explanation.settlement = settlement
                    explanation.totalWeight = settlement.weight
                    explanation.providers = Int(record.providerCount)
                    let parameters = try store.parameters()
                    explanation.rewardCapBps = parameters.compute.verification.rewardCapBps
                    explanation.scheduledEmission = record.totalWeight == 0
                        ? 0 : EpochModule.emission(
                            epoch: epoch, parameters: parameters, totals: try store.totals(),
                            anchor: try store.record(EmissionAnchor.self, at: .emissionAnchor))
                    explanation.providerWeight = explanation.receipts.reduce(0) { $0 + $1.weight }
                    explanation.providerValue = explanation.receipts.reduce(0) { $0 + ($1.weight > 0 ? $1.price : 0) }
                    explanation.share = WideArithmetic.multiplyDivide(settlement.distributable, explanation.providerWeight, max(settlement.weight, 1))
                    explanation.valueCap = FeeSplit.portion(explanation.providerValue, explanation.rewardCapBps)
                    open[epoch] = explanation
                    if explanation.receipts.isEmpty, target == epoch, record.providerCount == 0 {
                        settled[epoch] = explanation
                        done = true
                    }
                case .providerWork?:
                    guard let value, key.bytes.count == 29, Array(key.bytes[1..<21]) == provider.bytes, let epoch = key.trailingNumber,
                          let work = try? ProviderWork(canonical: value), let reward = work.reward, var explanation = open[epoch],
                          explanation.settlement != nil
                    else { continue }
                    explanation.recordedReward = reward
                    explanation.forfeited = work.forfeited
                    // Settlement runs after the block's transactions; what a later end-of-block step does to the
                    // stake (a governance slash) would differ from this reading, which is the block's end.
                    explanation.stakeAtPayment = try LayeredState(base: store, outcomes: [outcome])
                        .record(Stake.self, at: .stake(provider))?.amount ?? 0
                    open[epoch] = nil
                    settled[epoch] = explanation
                    if epoch == target { done = true }
                default: continue
                }
            }
        }, stop: { done })
        // An epoch whose settlement started without the provider in it (target given, no work): explained as such.
        for (epoch, explanation) in open where explanation.settlement != nil && settled[epoch] == nil && (target == nil || epoch == target) {
            if target != nil || !explanation.receipts.isEmpty { settled[epoch] = explanation }
        }
        return settled
    }
}
