/// Typed access to the staking records through the block's overlay.
extension StateOverlay {
    func stakeOrFail(_ address: Address) throws(TransactionError) -> Stake? {
        do { return try record(Stake.self, at: .stake(address)) } catch { throw .stateUnreadable(error) }
    }

    /// Writes the stake and keeps governance's quorum denominator (Σ amount over unjailed stakes, linear) in step.
    mutating func setStake(_ stake: Stake, for address: Address) throws(TransactionError) {
        let before = try stakeOrFail(address).map(Self.quorumStake) ?? 0
        let after = Self.quorumStake(stake)
        if before != after {
            var governance = try governanceStateOrFail()
            guard let raised = checkedAdd(governance.totalStake, after) else { throw .balanceOverflow }
            // Saturates at 0: the sum can only lag the records if they were written around this function (a test
            // planting state), and a slash must never fail on it.
            governance.totalStake = raised > before ? raised - before : 0
            put(governance, at: .governance)
        }
        set(.stake(address), stake.isEmpty ? nil : stake.canonicalBytes)
    }

    private static func quorumStake(_ stake: Stake) -> Amount { VotingPower.countedStake(amount: stake.amount, jailed: stake.jailed) }

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
}
