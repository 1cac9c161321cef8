/// The governance transactions: `propose` locks a deposit and opens a vote; `vote` records a choice. Tallies and
/// executions happen at the end of blocks (`GovernanceEndBlock`). Every check runs before the first write.
public enum GovernanceModule {
    /// Checks that need only the proposal.
    static func validateBasic(_ request: ProposalRequest) throws(TransactionError) {
        switch request.content {
        case let .parameterChange(changes):
            try ParameterChanges.validateBasic(changes)
        case let .treasurySpend(_, amount, source):
            guard amount > 0 else { throw .zeroAmount }
            guard SpendWindow.source(named: source) != nil else {
                throw .invalidProposal(reason: "unknown spend source '\(source)' (one of treasury, ecosystem, liquidity, training, public_sale)")
            }
        case let .upgrade(name, _):
            let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
            guard !name.isEmpty, name.allSatisfy(allowed.contains) else {
                throw .invalidProposal(reason: "an upgrade name is 1–64 characters of a-z, 0-9, '-', '_', '.'")
            }
        case let .slash(_, _, bps):
            guard bps > 0, bps <= 10_000 else { throw .invalidProposal(reason: "a slash rate is 1–10000 basis points") }
        case let .text(title, _):
            guard !title.isEmpty else { throw .invalidProposal(reason: "a text proposal needs a title") }
        case let .attestor(publicKey, name, maxTier, _):
            try AttestationModule.validateBasic(publicKey: publicKey, name: name, maxTier: maxTier)
        }
    }

    static func propose(
        _ request: ProposalRequest, proposer: Address, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        let rules = context.parameters.governance
        guard request.deposit >= rules.minDeposit else { throw .depositBelowMinimum(minimum: rules.minDeposit, actual: request.deposit) }
        let power = try votingPower(of: proposer, state: state, minimumStake: 0)
        guard power >= rules.minProposerPower else { throw .proposerPowerTooLow(required: rules.minProposerPower, actual: power) }
        var governance = try state.governanceStateOrFail()
        guard governance.openProposals < rules.maxActiveProposals else { throw .tooManyActiveProposals(max: rules.maxActiveProposals) }
        let kind = request.content.kind
        let (votingEnd, endOverflow) = context.height.addingReportingOverflow(rules.votingPeriodBlocks(kind) - 1)
        guard !endOverflow, governance.nextProposalId < UInt64.max else { throw .balanceOverflow }
        switch request.content {
        case let .parameterChange(changes):
            _ = try ParameterChanges.check(changes, to: context.parameters, height: context.height, state: state)
        case let .upgrade(_, height):
            let (earliest, overflow) = votingEnd.addingReportingOverflow(rules.timelockBlocks)
            guard !overflow, height > earliest else { throw .upgradeHeightTooSoon(earliest: overflow || earliest == .max ? .max : earliest + 1) }
        case let .treasurySpend(_, amount, source):
            _ = try SpendWindow.check(source: source, amount: amount, parameters: context.parameters, height: context.height, state: state)
        case let .attestor(publicKey, name, maxTier, action):
            try AttestationModule.checkChange(publicKey: publicKey, name: name, maxTier: maxTier, action: action, height: context.height, state: state)
        case .slash, .text:
            break
        }
        let balance = try state.accountOrFail(proposer).balance
        guard balance >= request.deposit else { throw .insufficientBalance(balance: balance, needed: request.deposit) }

        try state.debit(proposer, request.deposit)
        try state.credit(ModuleAccount.governance.address, request.deposit)
        let id = governance.nextProposalId
        governance.nextProposalId += 1
        governance.openProposals += 1
        state.put(governance, at: .governance)
        state.put(
            GovernanceProposal(
                id: id, proposer: proposer, content: request.content, deposit: request.deposit, submitHeight: context.height,
                votingEndHeight: votingEnd, status: .voting, voterCount: 0, tally: nil, executeHeight: nil, failureCode: 0),
            at: .proposal(id))
        try state.scheduleDue(id, at: votingEnd)
        // Until the vote is decided, what the named provider unbonds stays where the slash can reach it.
        if case let .slash(provider, _, _) = request.content { try state.changeSlashHold(provider, raise: true) }
        return [.proposed(id: id, proposer: proposer, kind: kind.rawValue, deposit: request.deposit, votingEndHeight: votingEnd)]
    }

    static func vote(_ request: VoteRequest, voter: Address, context: BlockContext, state: inout StateOverlay) throws(TransactionError) -> [Event] {
        guard var proposal = try state.recordOrFail(GovernanceProposal.self, at: .proposal(request.proposal)) else {
            throw .unknownProposal(id: request.proposal)
        }
        guard proposal.status == .voting, context.height <= proposal.votingEndHeight else { throw .votingClosed(id: request.proposal) }
        let minimum = context.parameters.governance.voterMinStake
        let stake = try state.stakeOrFail(voter)
        let staked = stake.map { $0.jailed ? 0 : $0.amount } ?? 0
        guard staked >= minimum else { throw .notEligibleToVote(minimumStake: minimum, staked: staked) }
        let key = StateKey.vote(proposal: request.proposal, voter: voter)
        if try state.recordOrFail(VoteRecord.self, at: key) == nil {
            // No cap: a first vote adds one index record; the tally reads each voter once.
            guard proposal.voterCount < UInt32.max else { throw .balanceOverflow }
            state.appendVoter(voter, proposal: request.proposal, index: proposal.voterCount)
            proposal.voterCount += 1
            state.put(proposal, at: .proposal(request.proposal))
        }
        state.put(VoteRecord(option: request.option), at: key)
        return [.voted(id: request.proposal, voter: voter, option: request.option.rawValue)]
    }

    /// `isqrt(balance) + 2·isqrt(staked)` now; 0 unless the account holds at least `minimumStake` of unjailed stake.
    static func votingPower(of address: Address, state: some StateReader, minimumStake: Amount) throws(TransactionError) -> UInt128 {
        do {
            let stake = try state.record(Stake.self, at: .stake(address))
            let staked = stake.map { VotingPower.countedStake(amount: $0.amount, jailed: $0.jailed) } ?? 0
            guard staked >= minimumStake else { return 0 }
            return VotingPower.of(balance: try state.account(address).balance, staked: staked)
        } catch {
            throw .stateUnreadable(error)
        }
    }
}
