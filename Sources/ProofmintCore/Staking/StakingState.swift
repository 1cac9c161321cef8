/// Typed access to the staking records and the supply totals through the block's overlay.
extension StateOverlay {
    func stakeOrFail(_ address: Address) throws(TransactionError) -> Stake? {
        do { return try record(Stake.self, at: .stake(address)) } catch { throw .stateUnreadable(error) }
    }

    /// Writes the stake and keeps governance's quorum denominator (Σ isqrt(amount) over unjailed stakes) in step.
    mutating func setStake(_ stake: Stake, for address: Address) throws(TransactionError) {
        let before = try stakeOrFail(address).map(Self.quorumPower) ?? 0
        let after = Self.quorumPower(stake)
        if before != after {
            var governance = try governanceStateOrFail()
            guard let raised = checkedAdd(governance.stakePower, after) else { throw .balanceOverflow }
            // Saturates at 0: the sum can only lag the records if they were written around this function (a test
            // planting state), and a slash must never fail on it.
            governance.stakePower = raised > before ? raised - before : 0
            put(governance, at: .governance)
        }
        set(.stake(address), stake.isEmpty ? nil : stake.canonicalBytes)
    }

    private static func quorumPower(_ stake: Stake) -> UInt128 { stake.jailed ? 0 : VotingPower.isqrt(stake.amount) }

    func governanceStateOrFail() throws(TransactionError) -> GovernanceState {
        try recordOrFail(GovernanceState.self, at: .governance) ?? .initial
    }

    func unbondingOrFail(_ address: Address) throws(TransactionError) -> UnbondingQueue {
        do { return try record(UnbondingQueue.self, at: .unbonding(address)) ?? UnbondingQueue(entries: []) } catch {
            throw .stateUnreadable(error)
        }
    }

    mutating func setUnbonding(_ queue: UnbondingQueue, for address: Address) {
        set(.unbonding(address), queue.entries.isEmpty ? nil : queue.canonicalBytes)
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
