/// The end-of-block step of governance. For each active proposal in ascending id order: tally it if its voting
/// period has ended (height ≥ its end), then execute it if it has passed and its timelock has run out. A tally reads
/// balances and stakes as they are at that moment of its block's end (so moving tokens during the vote gains
/// nothing), which includes the effects of lower-numbered proposals handled just before it in the same block.
public enum GovernanceEndBlock {
    static func run(context: BlockContext, state: inout StateOverlay) throws(TransactionError) {
        let active = try state.governanceStateOrFail().active
        guard !active.isEmpty else { return }
        var stillActive = [UInt64]()
        for id in active {
            guard var proposal = try state.recordOrFail(GovernanceProposal.self, at: .proposal(id)) else { continue }
            if proposal.status == .voting, context.height >= proposal.votingEndHeight {
                // Read per proposal: an earlier execution in this loop (a slash) may have changed it.
                let stakePower = try state.governanceStateOrFail().stakePower
                try close(&proposal, context: context, stakePower: stakePower, state: &state)
            }
            if proposal.status == .passed, let at = proposal.executeHeight, context.height >= at {
                try GovernanceExecution.execute(&proposal, context: context, state: &state)
            }
            state.put(proposal, at: .proposal(id))
            if proposal.status == .voting || proposal.status == .passed { stillActive.append(id) }
        }
        var governance = try state.governanceStateOrFail()
        governance.active = stillActive
        state.put(governance, at: .governance)
    }

    /// The tally of `proposal` on `state` as it stands: what the end of its voting period will record, and what
    /// queries show while it runs.
    public static func tally(_ proposal: GovernanceProposal, parameters: Parameters, stakePower: UInt128, state: some StateReader) throws(TransactionError) -> Tally {
        let rules = parameters.governance
        var yes: UInt128 = 0, no: UInt128 = 0, abstain: UInt128 = 0, participation: UInt128 = 0
        for voter in proposal.voters {
            let option: VoteOption?
            let staked: Amount
            let balance: Amount
            do {
                option = try state.record(VoteRecord.self, at: .vote(proposal: proposal.id, voter: voter))?.option
                staked = try state.record(Stake.self, at: .stake(voter)).map { $0.jailed ? 0 : $0.amount } ?? 0
                balance = try state.account(voter).balance
            } catch {
                throw .stateUnreadable(error)
            }
            guard let option, staked >= rules.voterMinStake else { continue }  // no longer eligible: the vote lapses
            let power = VotingPower.of(balance: balance, staked: staked)
            // At most 10,000 voters × 3·2⁶⁴ each: the sums stay far below 2¹²⁸, and are checked anyway.
            guard let counted = checkedAdd(participation, VotingPower.isqrt(staked)) else { throw .balanceOverflow }
            participation = counted
            switch option {
            case .yes: guard let sum = checkedAdd(yes, power) else { throw .balanceOverflow }; yes = sum
            case .no: guard let sum = checkedAdd(no, power) else { throw .balanceOverflow }; no = sum
            case .abstain: guard let sum = checkedAdd(abstain, power) else { throw .balanceOverflow }; abstain = sum
            }
        }
        let quorumBps = UInt128(rules.rule(proposal.content.kind).quorumBps)
        let quorum = stakePower > 0
            && WideArithmetic.multiplyDivide(participation, 10_000, 1) >= WideArithmetic.multiplyDivide(stakePower, quorumBps, 1)
        let decided = yes + no
        let passed = quorum && decided > 0
            && WideArithmetic.multiplyDivide(yes, 10_000, 1) > WideArithmetic.multiplyDivide(decided, UInt128(rules.passThresholdBps), 1)
        return Tally(yes: yes, no: no, abstain: abstain, participation: participation, totalStakePower: stakePower, quorumReached: quorum, passed: passed)
    }

    /// Records the tally; a passed proposal's deposit goes back and its execution is scheduled, a failed one's is burned.
    private static func close(_ proposal: inout GovernanceProposal, context: BlockContext, stakePower: UInt128, state: inout StateOverlay) throws(TransactionError) {
        let tally = try tally(proposal, parameters: context.parameters, stakePower: stakePower, state: state)
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
