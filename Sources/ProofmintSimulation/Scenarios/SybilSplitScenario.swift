import ProofmintCore

/// Governance capture by splitting stake: the audit's attack on quadratic voting.
enum SybilSplitScenario {
    static let spend: Amount = 150_000_000 * Tokens.one

    static func run(_ attackers: Int) throws(ScenarioError) -> ScenarioReport {
        // Version 2 bounds a spend per window to governance.max_spend_bps of its source: at the bound's maximum (20%),
        // a treasury of five times the spend lets the vote alone decide.
        var parameters = ScenarioChain.compressedTime
        parameters.governance.maxSpendBps = 2000
        let stake = parameters.staking.minStake
        let fee = parameters.minFee
        let sybils = try (0..<attackers).map { (index) throws(ScenarioError) in try ScenarioChain.participant("sybil", index) }
        let honest = try (0..<9).map { (index) throws(ScenarioError) in try ScenarioChain.participant("honest", index) }
        let honestStake = Amount(attackers) * stake
        var allocations = sybils.map { ($0, stake + 3 * fee) }
        allocations[0].1 += parameters.governance.minDeposit
        allocations += honest.map { ($0, honestStake + 3 * fee) }
        let chain = try ScenarioChain(parameters: parameters, allocations: allocations, modules: [(.treasury, 5 * spend)])

        let stakeRequest = Payload.stake(StakeRequest(amount: stake, lockEpochs: 0, tier: .open, attestation: nil))
        try chain.submit(sybils.map { ($0, stakeRequest) } + honest.map { ($0, Payload.stake(StakeRequest(amount: honestStake, lockEpochs: 0, tier: .open, attestation: nil))) })
        let before = try chain.balance(sybils[0].address)
        let proposal = ProposalRequest(deposit: parameters.governance.minDeposit, content: .treasurySpend(recipient: sybils[0].address, amount: spend))
        let proposed = try chain.submit(sybils[0], .propose(proposal))
        guard proposed.code == 0 else { throw .chain("the attacker's proposal was refused: code \(proposed.code)") }
        let id: UInt64 = 1
        try chain.submit(
            sybils.map { ($0, Payload.vote(VoteRequest(proposal: id, option: .yes))) }
                + honest.map { ($0, Payload.vote(VoteRequest(proposal: id, option: .no))) })
        guard let opened = try chain.record(GovernanceProposal.self, at: .proposal(id)) else { throw .chain("proposal \(id) is missing") }
        try chain.advance(to: opened.votingEndHeight + parameters.governance.timelockBlocks + 1)

        let status = try chain.proposalStatus(id)
        let after = try chain.balance(sybils[0].address)
        let received = after > before ? after - before : 0
        let executed = status == "executed"
        let deposit = executed ? 0 : parameters.governance.minDeposit
        // Stake, propose and vote transactions, the deposit if it is burned, and the 0.1% burned to take the stake back.
        let burnToLeave = WideArithmetic.multiplyDivide(Amount(attackers) * stake, UInt128(parameters.staking.unstakeBurnBps), 10_000)
        let cost = AttackScenarios.fees(2 * attackers + 1, parameters) + deposit + burnToLeave
        let tally = try chain.record(GovernanceProposal.self, at: .proposal(id))?.tally
        let power = tally.map { "\($0.yes) / \($0.no) (quadratic, √base units)" } ?? "no tally"
        let stakeVote = tally.map { "\(Tokens.format($0.yesStake)) / \(Tokens.format($0.noStake)) AI" } ?? "no tally"
        let quorum = tally.map { "\(Tokens.format($0.participationStake)) of \(Tokens.format($0.totalStake)) AI staked" } ?? "no tally"
        let attackerStake = Amount(attackers) * stake
        return ScenarioReport(
            name: "sybil-split",
            summary: "\(attackers) accounts × \(Tokens.format(stake)) AI staked vote yes on a \(Tokens.format(spend)) AI treasury spend to "
                + "themselves; 9 stakers of \(Tokens.format(honestStake)) AI each vote no",
            succeeded: executed, cost: cost, gain: executed ? spend : 0,
            figures: [
                ("attacker stake", "\(Tokens.format(attackerStake)) AI in \(attackers) accounts (10% of all stake)"),
                ("honest stake", "\(Tokens.format(9 * honestStake)) AI in 9 accounts (90%)"),
                ("proposal", status),
                ("yes / no power", power),
                ("yes / no stake", stakeVote),
                ("quorum (stake that voted)", quorum),
                ("received", "\(Tokens.format(received)) AI"),
            ])
    }
}
