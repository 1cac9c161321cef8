import ProofmintCore

/// `pm_getSupply` result: the supply's figures, all from one snapshot.
public struct SupplyResult: RPCObject {
    public var height: UInt64
    public var maxSupply: Amount
    public var issued: Amount
    public var minted: Amount
    public var miningCap: Amount
    public var burned: Amount
    public var supply: Amount
    public var circulating: Amount
    public var feesPaid: Amount
    public var staked: Amount
    public var unbondingTotal: Amount
    public var treasury: Amount
    public var rewardPool: Amount
    public var liquidity: Amount
    /// Every module account's balance, by its name.
    public var moduleAccounts: OrderedMembers<Amount>
    public var teamVesting: VestingView?

    public init(
        height: UInt64, totals: ChainTotals, miningCap: Amount, moduleAccounts: [(ModuleAccount, Amount)], teamVesting: TeamVesting?
    ) {
        self.height = height
        maxSupply = Genesis.maxSupply
        issued = totals.issued
        minted = totals.minted
        self.miningCap = miningCap
        burned = totals.burned
        supply = totals.supply
        let held = moduleAccounts.reduce(Amount(0)) { $0 &+ $1.1 }
        circulating = totals.supply - min(held, totals.supply)
        feesPaid = totals.feesPaid
        staked = totals.staked
        unbondingTotal = totals.unbonding
        let balance = { (module: ModuleAccount) in moduleAccounts.first { $0.0 == module }?.1 ?? 0 }
        treasury = balance(.treasury)
        rewardPool = balance(.rewardPool)
        liquidity = balance(.liquidity)
        self.moduleAccounts = OrderedMembers(moduleAccounts.map { ($0.0.rawValue, $0.1) })
        self.teamVesting = teamVesting.map(VestingView.init)
    }
}

/// The team allocation's vesting: released linearly from the cliff to the end height.
public struct VestingView: RPCObject {
    public var beneficiary: Address
    public var total: Amount
    public var released: Amount
    public var cliffHeight: UInt64
    public var endHeight: UInt64

    public init(_ vesting: TeamVesting) {
        beneficiary = vesting.beneficiary
        total = vesting.total
        released = vesting.released
        cliffHeight = vesting.cliffHeight
        endHeight = vesting.endHeight
    }
}
