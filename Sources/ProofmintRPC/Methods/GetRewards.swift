import ProofmintCore

/// `pm_getRewards` params: a provider and how many of its latest epochs (1–1000, default 1000).
public struct RewardsParams: RPCObject {
    public var address: Address
    public var limit: UInt64?
    public init(address: Address, limit: UInt64? = nil) {
        self.address = address
        self.limit = limit
    }
}

/// `pm_getRewards` result: a provider's epochs with accepted work, oldest first.
public struct RewardsResult: RPCObject {
    public var address: Address
    public var height: UInt64
    public var epochs: [ProviderEpochView]
    public var totalReward: Amount
    public var totalEarned: Amount

    public init(address: Address, height: UInt64, epochs: [ProviderEpochView]) {
        self.address = address
        self.height = height
        self.epochs = epochs
        totalReward = epochs.reduce(0) { $0 + ($1.forfeited ? 0 : $1.reward ?? 0) }
        totalEarned = epochs.reduce(0) { $0 + $1.earned }
    }
}

/// One provider's work in one epoch and what it was paid for it.
public struct ProviderEpochView: RPCObject {
    public var epoch: UInt64
    public var weight: UInt128
    public var units: UInt128
    public var proofs: UInt64
    /// What consumers paid it, after the protocol and validation fees (credited at once).
    public var earned: Amount
    /// Its share of the epoch's emission and pool: null while the epoch runs.
    public var reward: Amount?
    public var settled: Bool
    /// Jailed at the epoch's end: the reward went to the treasury.
    public var forfeited: Bool

    public init(epoch: UInt64, _ work: ProviderWork) {
        self.epoch = epoch
        weight = work.weight
        units = work.units
        proofs = work.proofs
        earned = work.earned
        reward = work.reward
        settled = work.reward != nil
        forfeited = work.forfeited
    }
}
