import ProofmintCore

/// A provider leaving before a slash proposal can reach it.
enum SlashEscapeScenario {
    static let stake: Amount = 10_000 * Tokens.one

    static func run(_ scale: Int) throws(ScenarioError) -> ScenarioReport {
        let parameters = ScenarioChain.compressedTime
        let fee = parameters.minFee
        let amount = Amount(scale) * stake
        let provider = try ScenarioChain.participant("provider", 0)
        let honest = try (0..<3).map { (index) throws(ScenarioError) in try ScenarioChain.participant("honest", index) }
        var allocations = [(provider, amount + 10 * fee)]
        allocations += honest.map { ($0, 1_000_000 * Tokens.one) }
        let chain = try ScenarioChain(parameters: parameters, allocations: allocations, modules: [])
        try chain.submit(
            [(provider, Payload.stake(StakeRequest(amount: amount, lockEpochs: 0, tier: .open, attestation: nil)))]
                + honest.map { ($0, Payload.stake(StakeRequest(amount: 500_000 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil))) })
        let slash = ProposalContent.slash(provider: provider.address, reason: .malicious, bps: 10_000)
        let proposed = try chain.submit(honest[0], .propose(ProposalRequest(deposit: parameters.governance.minDeposit, content: slash)))
        guard proposed.code == 0 else { throw .chain("the slash proposal was refused: code \(proposed.code)") }
        // The provider sees the proposal and unstakes everything in the next block; the honest stakers vote yes.
        try chain.submit([(provider, Payload.unstake(UnstakeRequest(amount: amount)))] + honest.map { ($0, Payload.vote(VoteRequest(proposal: 1, option: .yes))) })
        try chain.advance(to: chain.head.height + parameters.staking.unbondingPeriod)
        let withdrawal = try chain.submit(provider, .withdraw)
        guard let opened = try chain.record(GovernanceProposal.self, at: .proposal(1)) else { throw .chain("proposal 1 is missing") }
        let burnedBefore = try chain.totals().burned
        try chain.advance(to: (opened.executeHeight ?? opened.votingEndHeight + parameters.governance.timelockBlocks) + 1)
        let slashed = try chain.totals().burned - burnedBefore
        let kept = try chain.balance(provider.address)
        let status = try chain.proposalStatus(1)
        return ScenarioReport(
            name: "slash-escape",
            summary: "a provider with \(Tokens.format(amount)) AI staked, named by a 100% slash proposal, unstakes at once and withdraws after "
                + "\(parameters.staking.unbondingPeriod) blocks; the vote takes \(opened.votingEndHeight - opened.submitHeight + 1) blocks",
            succeeded: kept > amount / 2, cost: AttackScenarios.fees(3, parameters) + WideArithmetic.multiplyDivide(amount, UInt128(parameters.staking.unstakeBurnBps), 10_000),
            gain: kept,
            figures: [
                ("withdraw", withdrawal.code == 0 ? "paid out" : "refused: \(TransactionErrorCode.name(forCode: withdrawal.code))"),
                ("slash proposal", status),
                ("burned by the slash", "\(Tokens.format(slashed)) AI"),
                ("provider keeps", "\(Tokens.format(kept)) AI"),
            ])
    }
}
