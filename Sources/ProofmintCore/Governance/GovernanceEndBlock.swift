/// The end-of-block step of governance (version 2). It reads only the due index entry of its own height
/// (`DueProposals` at `0x12 ‖ h`), deletes it, and for each id there in ascending order: tallies the proposal if its
/// voting period has ended, then executes it if it has passed and its timelock has run out, or files it under its
/// execution height. Its cost is proportional to what ends or executes; a waiting proposal costs nothing. A tally
/// reads balances and stakes as they are at that moment of its block's end (so moving tokens during the vote gains
/// nothing), which includes the effects of lower-numbered proposals handled just before it in the same block.
public enum GovernanceEndBlock {
    static func run(context: BlockContext, state: inout StateOverlay) throws(TransactionError) {
        let key = StateKey.due(height: context.height)
        guard let due = try state.recordOrFail(DueProposals.self, at: key) else { return }
        state.set(key, nil)
        for id in due.ids {
            guard var proposal = try state.recordOrFail(GovernanceProposal.self, at: .proposal(id)) else { continue }
            let wasOpen = proposal.isOpen
            if proposal.status == .voting, context.height >= proposal.votingEndHeight {
                // Read per proposal: an earlier execution in this loop (a slash) may have changed it.
                let totalStake = try state.governanceStateOrFail().totalStake
                try close(&proposal, context: context, totalStake: totalStake, state: &state)
            }
            if proposal.status == .passed, let at = proposal.executeHeight {
                if context.height >= at {
                    try GovernanceExecution.execute(&proposal, context: context, state: &state)
                } else {
                    try state.scheduleDue(id, at: at)
                }
            }
            state.put(proposal, at: .proposal(id))
            if wasOpen, !proposal.isOpen { try release(proposal, state: &state) }
        }
    }

    /// A proposal has been decided (rejected, executed or failed): one fewer open proposal, and a slash proposal
    /// lets go of its target's withdrawals.
    private static func release(_ proposal: GovernanceProposal, state: inout StateOverlay) throws(TransactionError) {
        var governance = try state.governanceStateOrFail()
        governance.openProposals = governance.openProposals > 0 ? governance.openProposals - 1 : 0
        state.put(governance, at: .governance)
        if case let .slash(provider, _, _) = proposal.content { try state.changeSlashHold(provider, raise: false) }
    }

    /// The tally of `proposal` on `state` as it stands: what the end of its voting period will record, and what
    /// queries show while it runs. Both majorities must pass: quadratic power and linear unjailed stake; the quorum
    /// is linear stake against `totalStake`.
    public static func tally(_ proposal: GovernanceProposal, parameters: Parameters, totalStake: Amount, state: some StateReader) throws(TransactionError) -> Tally {
        let rules = parameters.governance
        var power = VoteSums(), stake = VoteSums()
        for index in 0..<proposal.voterCount {
            let option: VoteOption?
            let staked: Amount
            let balance: Amount
            do {
                let voter = try GovernanceVoters.voter(proposal: proposal.id, index: index, state: state)
                option = try state.record(VoteRecord.self, at: .vote(proposal: proposal.id, voter: voter))?.option
                staked = try state.record(Stake.self, at: .stake(voter)).map { VotingPower.countedStake(amount: $0.amount, jailed: $0.jailed) } ?? 0
                balance = try state.account(voter).balance
            } catch {
                throw .stateUnreadable(error)
            }
            guard let option, staked >= rules.voterMinStake else { continue }  // no longer eligible: the vote lapses
            try power.add(VotingPower.of(balance: balance, staked: staked), to: option)
            try stake.add(staked, to: option)
        }
        let participation = try stake.total()
        let quorumBps = UInt128(rules.rule(proposal.content.kind).quorumBps)
        let quorum = totalStake > 0
            && WideArithmetic.multiplyDivide(participation, 10_000, 1) >= WideArithmetic.multiplyDivide(totalStake, quorumBps, 1)
        let threshold = UInt128(rules.passThresholdBps)
        let passed = quorum && power.passes(threshold) && stake.passes(threshold)
        return Tally(
            yes: power.yes, no: power.no, abstain: power.abstain, yesStake: stake.yes, noStake: stake.no, abstainStake: stake.abstain,
            participationStake: participation, totalStake: totalStake, quorumReached: quorum, passed: passed)
    }

    /// Records the tally; a passed proposal's deposit goes back and its execution is scheduled, a failed one's is burned.
    private static func close(_ proposal: inout GovernanceProposal, context: BlockContext, totalStake: Amount, state: inout StateOverlay) throws(TransactionError) {
        let tally = try tally(proposal, parameters: context.parameters, totalStake: totalStake, state: state)
        proposal.tally = tally
        try state.debit(ModuleAccount.governance.address, proposal.deposit)
        if tally.passed {
            proposal.status = .passed
            let (at, overflow) = context.height.addingReportingOverflow(context.parameters.governance.timelockBlocks)
            proposal.executeHeight = overflow ? .max : at
            try state.credit(proposal.proposer, proposal.deposit)
        } else {
            proposal.status = .rejected
            try state.updateTotals { totals in
                guard let burned = checkedAdd(totals.burned, proposal.deposit) else { return false }
                totals.burned = burned
                return true
            }
        }
    }
}
