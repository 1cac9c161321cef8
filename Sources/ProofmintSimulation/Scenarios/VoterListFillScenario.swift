import ProofmintCore

/// Filling a proposal's voters so that honest stakers cannot vote.
enum VoterListFillScenario {
    static func run(_ fillers: Int) throws(ScenarioError) -> ScenarioReport {
        let parameters = ScenarioChain.compressedTime
        let stake = parameters.staking.minStake
        let fee = parameters.minFee
        let attackers = try (0..<fillers).map { (index) throws(ScenarioError) in try ScenarioChain.participant("filler", index) }
        let honest = try ScenarioChain.participant("honest", 0)
        var allocations = attackers.map { ($0, stake + 3 * fee) }
        allocations.append((honest, 1000 * stake))
        let chain = try ScenarioChain(parameters: parameters, allocations: allocations, modules: [])
        let stakeRequest = Payload.stake(StakeRequest(amount: stake, lockEpochs: 0, tier: .open, attestation: nil))
        try chain.submit(attackers.map { ($0, stakeRequest) } + [(honest, Payload.stake(StakeRequest(amount: 100 * stake, lockEpochs: 0, tier: .open, attestation: nil)))])
        let text = ProposalContent.text(title: "honest signal", documentHash: Hash32.digest(Array("signal".utf8)))
        let proposed = try chain.submit(honest, .propose(ProposalRequest(deposit: parameters.governance.minDeposit, content: text)))
        guard proposed.code == 0 else { throw .chain("the honest proposal was refused: code \(proposed.code)") }
        let fills = try chain.submit(attackers.map { ($0, Payload.vote(VoteRequest(proposal: 1, option: .no))) })
        let honestVote = try chain.submit(honest, .vote(VoteRequest(proposal: 1, option: .yes)))
        let refused = honestVote.code != 0
        return ScenarioReport(
            name: "voter-list-fill",
            summary: "\(fillers) accounts of \(Tokens.format(stake)) AI vote first; then the proposer, an honest staker, votes",
            succeeded: refused,
            cost: AttackScenarios.fees(2 * fillers, parameters)
                + WideArithmetic.multiplyDivide(Amount(fillers) * stake, UInt128(parameters.staking.unstakeBurnBps), 10_000),
            gain: 0,
            figures: [
                ("filler votes accepted", "\(fills.filter { $0.code == 0 }.count) of \(fillers)"),
                ("honest vote", refused ? "refused: \(TransactionErrorCode.name(forCode: honestVote.code))" : "accepted"),
            ])
    }
}
