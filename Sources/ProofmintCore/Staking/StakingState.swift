/// Typed access to the staking records through the block's overlay.
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
}
