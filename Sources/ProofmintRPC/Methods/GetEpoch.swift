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
    /// Null until the epoch's last block.
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
        settlement = record.settlement.map(SettlementView.init)
    }
}

/// An epoch's accepted work so far.
public struct WorkView: RPCObject {
    public var proofs: UInt64
    public var units: UInt128
    public var totalWeight: UInt128
    public var providerCount: UInt64
    public var payments: Amount
    public var protocolFees: Amount

    public init(_ record: EpochRecord) {
        proofs = record.proofs
        units = record.totalUnits
        totalWeight = record.totalWeight
        providerCount = UInt64(record.providers.count)
        payments = record.payments
        protocolFees = record.protocolFees
    }
}

/// What an epoch's end paid: `minted + from_pool = paid_to_providers + to_treasury`.
public struct SettlementView: RPCObject {
    public var endHeight: UInt64
    public var minted: Amount
    public var fromPool: Amount
    public var paidToProviders: Amount
    public var toTreasury: Amount
    public var vested: Amount

    public init(_ settlement: EpochSettlement) {
        endHeight = settlement.endHeight
        minted = settlement.minted
        fromPool = settlement.fromPool
        paidToProviders = settlement.paidToProviders
        toTreasury = settlement.toTreasury
        vested = settlement.vested
    }
}
