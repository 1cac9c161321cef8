import ProofmintCore

/// The chain's economic figures at the end of one epoch, read from the state the state transition left (never
/// recomputed): one CSV line.
public struct SimulationRow: Equatable, Sendable {
    /// The epoch that just ended (0-based) and its last block.
    public var epoch: UInt64
    public var endHeight: UInt64
    /// The emission year the epoch belongs to (1-based).
    public var year: UInt64
    /// `issued − burned`: every token that exists.
    public var supply: Amount
    /// Genesis allocations plus everything minted so far.
    public var issued: Amount
    /// Minted during this epoch's blocks (by the settlements that ran in them, whichever epoch they settled), and in
    /// all (`ChainTotals.minted`). Settlement lags: an epoch is paid once its receipts' windows close.
    public var minted: Amount
    public var cumulativeMinted: Amount
    /// Burned during this epoch (fee burns, unstake burns, slashes), and ever.
    public var burned: Amount
    public var cumulativeBurned: Amount
    /// All fees ever paid: transaction fees and the protocol fees on compute payments.
    public var feesPaid: Amount
    /// Module account balances after the settlement.
    public var treasury: Amount
    public var rewardPool: Amount
    public var liquidity: Amount
    public var staked: Amount
    public var unbonding: Amount
    /// Accepted compute receipts and their units in this epoch.
    public var proofs: UInt64
    public var units: UInt128
    /// What consumers paid providers for this epoch's work (before the protocol fee).
    public var payments: Amount
    /// Paid to providers by the settlements that ran during this epoch's blocks (emission plus the reward pool).
    public var paidToProviders: Amount
    /// Paid to compute validators for verdicts in this epoch's blocks, and the verdicts given (`malicious` ones apart).
    public var validationRewards: Amount = 0
    public var verdicts: UInt64 = 0
    public var maliciousVerdicts: UInt64 = 0
    /// Stake (and unbonding) slashed by transactions in this epoch's blocks: verdicts and challenge votes.
    public var slashed: Amount = 0

    public init(
        epoch: UInt64, endHeight: UInt64, year: UInt64, supply: Amount, issued: Amount, minted: Amount, cumulativeMinted: Amount,
        burned: Amount, cumulativeBurned: Amount, feesPaid: Amount, treasury: Amount, rewardPool: Amount, liquidity: Amount,
        staked: Amount, unbonding: Amount, proofs: UInt64, units: UInt128, payments: Amount, paidToProviders: Amount
    ) {
        self.epoch = epoch
        self.endHeight = endHeight
        self.year = year
        self.supply = supply
        self.issued = issued
        self.minted = minted
        self.cumulativeMinted = cumulativeMinted
        self.burned = burned
        self.cumulativeBurned = cumulativeBurned
        self.feesPaid = feesPaid
        self.treasury = treasury
        self.rewardPool = rewardPool
        self.liquidity = liquidity
        self.staked = staked
        self.unbonding = unbonding
        self.proofs = proofs
        self.units = units
        self.payments = payments
        self.paidToProviders = paidToProviders
    }
}
