/// The overlay helpers every module shares: balances, records and the supply totals, each failure a typed
/// transaction error (a storage failure becomes `stateUnreadable`, which the executor turns into a block error).
extension StateOverlay {
    /// The account at `address`; a storage failure becomes a typed error the executor turns into a block error.
    func accountOrFail(_ address: Address) throws(TransactionError) -> Account {
        do {
            return try account(address)
        } catch {
            throw .stateUnreadable(error)
        }
    }

    /// Adds `amount` to the balance at `address`; overflow is a transaction error, never a trap.
    mutating func credit(_ address: Address, _ amount: Amount) throws(TransactionError) {
        var account = try accountOrFail(address)
        let (sum, overflow) = account.balance.addingReportingOverflow(amount)
        guard !overflow else { throw .balanceOverflow }
        account.balance = sum
        setAccount(account, for: address)
    }

    func recordOrFail<T: CanonicalDecodable>(_ type: T.Type, at key: StateKey) throws(TransactionError) -> T? {
        do { return try record(T.self, at: key) } catch { throw .stateUnreadable(error) }
    }

    /// Reads, changes and writes the totals record in one step; journaled like every other write.
    mutating func updateTotals(_ change: (inout ChainTotals) -> Bool) throws(TransactionError) {
        var totals: ChainTotals
        do { totals = try self.totals() } catch { throw .stateUnreadable(error) }
        guard change(&totals) else { throw .balanceOverflow }
        put(totals, at: .totals)
    }

    /// Subtracts `amount` from the balance at `address`, which must cover it.
    mutating func debit(_ address: Address, _ amount: Amount) throws(TransactionError) {
        var account = try accountOrFail(address)
        guard account.balance >= amount else { throw .insufficientBalance(balance: account.balance, needed: amount) }
        account.balance -= amount
        setAccount(account, for: address)
    }
}

/// `a + b`, or nil on overflow.
func checkedAdd(_ a: Amount, _ b: Amount) -> Amount? {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : sum
}

/// `a − b`, or nil if `b > a` (totals that disagree with the records: never a trap).
func checkedSubtract(_ a: Amount, _ b: Amount) -> Amount? {
    a >= b ? a - b : nil
}
