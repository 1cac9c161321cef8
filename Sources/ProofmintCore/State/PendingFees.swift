/// The four records every fee changes (the reward pool's, the treasury's and the liquidity account's balances, and the
/// totals' burned and paid fees), held decoded while a block's transactions pay their fees one after another: a fee
/// then costs four checked additions, where crediting each record in turn cost four reads, decodings, encodings and
/// overlay writes (a tenth of a block's apply at 10⁵ accounts). `StateOverlay` answers reads of these records from
/// here, writes them out before anything else writes one of them, and hands their values to `sortedWrites`, so every
/// read, write and root is what crediting each record in turn gives.
struct PendingFees: Equatable, Sendable {
    static let rewardPoolKey = StateKey.account(ModuleAccount.rewardPool.address)
    static let treasuryKey = StateKey.account(ModuleAccount.treasury.address)
    static let liquidityKey = StateKey.account(ModuleAccount.liquidity.address)

    private var rewardPool: Account
    private var treasury: Account
    private var liquidity: Account
    private var totals: ChainTotals

    /// The records as `state` holds them, read in the order the fee split credits them.
    init(reading state: StateOverlay) throws(TransactionError) {
        rewardPool = try state.accountOrFail(ModuleAccount.rewardPool.address)
        treasury = try state.accountOrFail(ModuleAccount.treasury.address)
        liquidity = try state.accountOrFail(ModuleAccount.liquidity.address)
        do { totals = try state.totals() } catch { throw .stateUnreadable(error) }
    }

    /// The records after one fee of `fee` split into `shares`; nil, and nothing changed, if any sum overflows.
    func adding(
        _ shares: (burn: Amount, rewardPool: Amount, treasury: Amount, liquidity: Amount), fee: Amount
    ) -> PendingFees? {
        var next = self
        guard let pool = checkedAdd(rewardPool.balance, shares.rewardPool),
              let treasury = checkedAdd(treasury.balance, shares.treasury),
              let liquidity = checkedAdd(liquidity.balance, shares.liquidity),
              let burned = checkedAdd(totals.burned, shares.burn),
              let feesPaid = checkedAdd(totals.feesPaid, fee)
        else { return nil }
        next.rewardPool.balance = pool
        next.treasury.balance = treasury
        next.liquidity.balance = liquidity
        next.totals.burned = burned
        next.totals.feesPaid = feesPaid
        return next
    }

    /// Whether `key` is one of the four records.
    static func holds(_ key: StateKey) -> Bool {
        key == .totals || key == rewardPoolKey || key == treasuryKey || key == liquidityKey
    }

    /// The stored form of the record at `key` if it is one of the four (an empty account is none: nil inside), nil
    /// for any other key.
    func value(for key: StateKey) -> Bytes?? {
        switch key {
        case .totals: return .some(totals.canonicalBytes)
        case Self.rewardPoolKey: return .some(Self.stored(rewardPool))
        case Self.treasuryKey: return .some(Self.stored(treasury))
        case Self.liquidityKey: return .some(Self.stored(liquidity))
        default: return nil
        }
    }

    /// The four records as the overlay's writes hold them, in the order the fee split writes them.
    var records: [(key: StateKey, value: Bytes?)] {
        [
            (Self.rewardPoolKey, Self.stored(rewardPool)), (Self.treasuryKey, Self.stored(treasury)),
            (Self.liquidityKey, Self.stored(liquidity)), (.totals, totals.canonicalBytes),
        ]
    }

    /// What `StateOverlay.setAccount` stores for `account`.
    private static func stored(_ account: Account) -> Bytes? { account.isEmpty ? nil : account.canonicalBytes }
}
