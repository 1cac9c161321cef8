import ProofmintCore

/// `pm_getEpoch` params: an epoch number, or the running epoch when nil.
public struct EpochParams: RPCObject {
    public var epoch: UInt64?
    public init(epoch: UInt64? = nil) { self.epoch = epoch }
}

/// `pm_getEpoch` result. The running epoch also has its bounds and what it will mint if any work is accepted.
public struct EpochResult: RPCObject {
    public var epoch: UInt64
    public var height: UInt64
    public var running: Bool
    public var work: WorkView
    /// The reward pool's balance now.
    public var rewardPool: Amount
    /// Team allocation released when the epoch ended (0 while it runs).
    public var vested: Amount
    /// Null until the epoch's windows have closed and its settlement has started.
    public var settlement: SettlementView?
    @Omittable public var startHeight: UInt64?
    @Omittable public var endHeight: UInt64?
    @Omittable public var blocksLeft: UInt64?
    /// The schedule's amount for this epoch, clamped by the mining cap; minted only if the epoch has work.
    @Omittable public var emission: Amount?

    public init(epoch: UInt64, height: UInt64, record: EpochRecord, rewardPool: Amount) {
        self.epoch = epoch
        self.height = height
        running = false
        work = WorkView(record)
        self.rewardPool = rewardPool
        vested = record.vested
        settlement = record.settlement.map(SettlementView.init)
    }
}

/// An epoch's accepted work so far.
public struct WorkView: RPCObject {
    public var proofs: UInt64
    public var units: UInt128
    public var totalWeight: UInt128
    /// Σ value (price paid) of the receipts that still stand.
    public var totalValue: Amount
    public var providerCount: UInt64
    public var payments: Amount
    public var protocolFees: Amount
    public var validationFees: Amount
    /// Settlement starts at the end of the first block at or after this height (once the epoch has ended).
    public var closesAt: UInt64

    public init(_ record: EpochRecord) {
        proofs = record.proofs
        units = record.totalUnits
        totalWeight = record.totalWeight
        totalValue = record.totalValue
        providerCount = UInt64(record.providerCount)
        payments = record.payments
        protocolFees = record.protocolFees
        validationFees = record.validationFees
        closesAt = record.closesAt
    }
}

/// How an epoch's rewards are being paid, in batches: `paid = minted + from_pool`, and `paid + forfeited + capped ≤
/// emission + pool_reserved`.
public struct SettlementView: RPCObject {
    public var startedAt: UInt64
    public var emission: Amount
    public var poolReserved: Amount
    public var weight: UInt128
    public var paid: Amount
    public var minted: Amount
    public var fromPool: Amount
    public var forfeited: Amount
    public var capped: Amount
    /// Null while providers are still being paid.
    public var finishedAt: UInt64?

    public init(_ settlement: EpochSettlement) {
        startedAt = settlement.startedAt
        emission = settlement.emission
        poolReserved = settlement.poolReserved
        weight = settlement.weight
        paid = settlement.paid
        minted = settlement.minted
        fromPool = settlement.fromPool
        forfeited = settlement.forfeited
        capped = settlement.capped
        finishedAt = settlement.finishedAt
    }
}
