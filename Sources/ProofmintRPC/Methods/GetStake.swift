import ProofmintCore

/// `pm_getStake` result: an account's stake (nil without a stake record) and its unbonding entries at `height`.
public struct StakeResult: RPCObject {
    public var address: Address
    public var height: UInt64
    public var stake: StakeView?
    public var unbonding: [UnbondingView]
    public var unbondingTotal: Amount

    public init(address: Address, height: UInt64, stake: StakeView?, unbonding: [UnbondingView], unbondingTotal: Amount) {
        self.address = address
        self.height = height
        self.stake = stake
        self.unbonding = unbonding
        self.unbondingTotal = unbondingTotal
    }
}
