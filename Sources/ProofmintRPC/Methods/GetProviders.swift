import ProofmintCore

/// `pm_getProviders` result: providers by staking power, highest first; `total_count` counts all, the list holds `limit`.
public struct ProvidersResult: RPCObject {
    public var height: UInt64
    public var totalCount: UInt64
    public var providers: [ProviderView]

    public init(height: UInt64, totalCount: UInt64, providers: [ProviderView]) {
        self.height = height
        self.totalCount = totalCount
        self.providers = providers
    }
}

/// One provider: its address, stake and unbonding entries.
public struct ProviderView: RPCObject {
    public var address: Address
    public var stake: StakeView
    public var unbonding: [UnbondingView]
    public var unbondingTotal: Amount

    public init(address: Address, stake: StakeView, unbonding: [UnbondingView], unbondingTotal: Amount) {
        self.address = address
        self.stake = stake
        self.unbonding = unbonding
        self.unbondingTotal = unbondingTotal
    }
}
