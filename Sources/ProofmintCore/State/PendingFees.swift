/// The four records every fee changes (the reward pool's, the treasury's and the liquidity account's balances, and the
/// totals' burned and paid fees), held decoded while a block's transactions pay their fees one after another: a fee
/// then costs five checked additions, where crediting each record in turn cost four reads, decodings, encodings and
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

    typealias Shares = (burn: Amount, rewardPool: Amount, treasury: Amount, liquidity: Amount)

    private init(rewardPool: Account, treasury: Account, liquidity: Account, totals: ChainTotals) {
        self.rewardPool = rewardPool
        self.treasury = treasury
        self.liquidity = liquidity
        self.totals = totals
    }

    /// The records after a first fee: each read from `state` and its sum checked before the next is read, in the order
    /// the fee split credits them, so a failure is the one crediting each record in turn met first. Nil on overflow.
    static func first(_ shares: Shares, fee: Amount, reading state: StateOverlay) throws(TransactionError) -> PendingFees? {
        try credited(
            shares, fee: fee,
            rewardPool: { () throws(TransactionError) in try state.accountOrFail(ModuleAccount.rewardPool.address) },
            treasury: { () throws(TransactionError) in try state.accountOrFail(ModuleAccount.treasury.address) },
            liquidity: { () throws(TransactionError) in try state.accountOrFail(ModuleAccount.liquidity.address) },
            totals: { () throws(TransactionError) in
                do throws(StateReadError) { return try state.totals() } catch { throw .stateUnreadable(error) }
            })
    }

    /// The records after one more fee of `fee` split into `shares`; nil, and nothing changed, if any sum overflows.
    func adding(_ shares: Shares, fee: Amount) -> PendingFees? {
        // The records are at hand, so nothing can throw: `try?` only unwraps the signature.
        try? Self.credited(
            shares, fee: fee, rewardPool: { rewardPool }, treasury: { treasury }, liquidity: { liquidity }, totals: { totals })
    }

    /// One fee credited to the records `read` hands over, one after another; nil as soon as a sum overflows.
    private static func credited(
        _ shares: Shares, fee: Amount,
        rewardPool: () throws(TransactionError) -> Account, treasury: () throws(TransactionError) -> Account,
        liquidity: () throws(TransactionError) -> Account, totals: () throws(TransactionError) -> ChainTotals
    ) throws(TransactionError) -> PendingFees? {
        func credit(_ read: () throws(TransactionError) -> Account, _ amount: Amount) throws(TransactionError) -> Account? {
            var account = try read()
            guard let sum = checkedAdd(account.balance, amount) else { return nil }
            account.balance = sum
            return account
        }
        guard let pool = try credit(rewardPool, shares.rewardPool), let treasury = try credit(treasury, shares.treasury),
              let liquidity = try credit(liquidity, shares.liquidity)
        else { return nil }
        var chain = try totals()
        guard let burned = checkedAdd(chain.burned, shares.burn), let feesPaid = checkedAdd(chain.feesPaid, fee) else { return nil }
        chain.burned = burned
        chain.feesPaid = feesPaid
        return PendingFees(rewardPool: pool, treasury: treasury, liquidity: liquidity, totals: chain)
    }

    /// The last byte of each module account's key: every read and write of the overlay asks whether its key is one of
    /// the four, and one byte rules out almost every other account before four whole-key compares.
    private static let moduleKeyTails: (UInt8, UInt8, UInt8) = (
        rewardPoolKey.bytes[Address.length], treasuryKey.bytes[Address.length], liquidityKey.bytes[Address.length]
    )

    /// False for almost every key that is none of the four, true for the four.
    private static func mayHold(_ key: StateKey) -> Bool {
        let bytes = key.bytes
        if bytes.count == 1 { return true }
        guard bytes.count == Address.length + 1 else { return false }
        let tail = bytes[Address.length], tails = moduleKeyTails
        return tail == tails.0 || tail == tails.1 || tail == tails.2
    }

    /// Whether `key` is one of the four records.
    static func holds(_ key: StateKey) -> Bool {
        mayHold(key) && (key == .totals || key == rewardPoolKey || key == treasuryKey || key == liquidityKey)
    }

    /// The stored form of the record at `key` if it is one of the four (an empty account is none: nil inside), nil
    /// for any other key.
    func value(for key: StateKey) -> Bytes?? {
        guard Self.mayHold(key) else { return nil }
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
