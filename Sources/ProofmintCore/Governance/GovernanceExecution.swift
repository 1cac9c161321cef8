/// What a passed proposal does, inside the state transition at the block its tally fixed; its effect is visible from
/// the next block. A proposal whose effect has become impossible (a spend above its source or its window's bound, a parameter set that
/// no longer validates) is marked `executionFailed` with the reason's code and changes nothing.
public enum GovernanceExecution {
    static func execute(_ proposal: inout GovernanceProposal, context: BlockContext, state: inout StateOverlay) throws(TransactionError) {
        // The parameters in force now: an earlier execution at this same block's end may already have changed them.
        let parameters: Parameters
        do { parameters = try state.parameters() } catch { throw .stateUnreadable(error) }
        // A journal of its own, so a failure part-way (unreachable while the supply is capped) still changes nothing.
        state.checkpoint()
        do {
            try apply(proposal, height: context.height, parameters: parameters, state: &state)
            proposal.status = .executed
        } catch let .stateUnreadable(error) {
            throw .stateUnreadable(error)
        } catch {
            state.revertToCheckpoint()
            proposal.status = .executionFailed
            proposal.failureCode = error.code
        }
    }

    /// The effect of `proposal` on `state`; checks come before writes wherever they can. Also the dry run's engine.
    public static func apply(_ proposal: GovernanceProposal, height: UInt64, parameters: Parameters, state: inout StateOverlay) throws(TransactionError) {
        switch proposal.content {
        case let .parameterChange(changes):
            try ParameterChanges.apply(changes, to: parameters, height: height, state: &state)
        case let .treasurySpend(recipient, amount, source):
            let (account, window) = try SpendWindow.check(source: source, amount: amount, parameters: parameters, height: height, state: state)
            let balance = try state.accountOrFail(account.address).balance
            guard balance >= amount else { throw .treasuryInsufficient(balance: balance, amount: amount) }
            try state.debit(account.address, amount)
            try state.credit(recipient, amount)
            state.put(window, at: .spendWindow(source))
        case let .upgrade(name, upgradeHeight):
            state.put(UpgradePlan(name: name, height: upgradeHeight, proposal: proposal.id), at: .upgrade)
        case let .slash(provider, reason, bps):
            _ = try StakingModule.slash(provider, bps: bps, reason: reason, height: height, state: &state)
        case .text:
            break
        case let .attestor(publicKey, name, maxTier, action):
            let record = try AttestationModule.checkChange(
                publicKey: publicKey, name: name, maxTier: maxTier, action: action, height: height, state: state)
            state.put(record, at: .attestor(publicKey))
        }
    }
}
