import ProofmintCore

/// Moving a parameter far by many small steps: the per-proposal 20% limit of protocol version 1 against seed 002's
/// "20% per quarter".
enum ParameterCreepScenario {
    static let parameter = "compute.protocol_fee_bps"

    /// `quarters` quarters (at one block an hour, 2,160 blocks each) of back-to-back proposals, each asking for the
    /// largest step the rules allow from the value in force.
    static func run(_ quarters: Int) throws(ScenarioError) -> ScenarioReport {
        let parameters = ScenarioChain.compressedTime
        guard let spec = ParameterRegistry.spec(named: parameter) else { throw .chain("no parameter \(parameter)") }
        let whale = try ScenarioChain.participant("majority", 0)
        let others = try ScenarioChain.participant("minority", 0)
        let chain = try ScenarioChain(
            parameters: parameters, allocations: [(whale, 2_000_000 * Tokens.one), (others, 1_000_000 * Tokens.one)], modules: [])
        try chain.submit([
            (whale, .stake(StakeRequest(amount: 600_000 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil))),
            (others, .stake(StakeRequest(amount: 400_000 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil))),
        ])
        let start = spec.value(in: parameters)
        let end = chain.head.height + UInt64(quarters) * 2_160
        var accepted = 0, refused = 0
        var id: UInt64 = 0
        while chain.head.height < end {
            let current = try currentValue(spec, chain)
            let target = min(spec.maximum, current + ParameterSpec.maxStep(from: current, maxChangeBps: try maxChangeBps(chain)))
            guard target > current else { break }
            let change = ProposalContent.parameterChange([.init(name: parameter, value: target)])
            let proposed = try chain.submit(whale, .propose(ProposalRequest(deposit: parameters.governance.minDeposit, content: change)))
            guard proposed.code == 0 else {
                refused += 1
                try chain.advance(to: chain.head.height + 24)
                continue
            }
            id += 1
            try chain.submit(whale, .vote(VoteRequest(proposal: id, option: .yes)))
            guard let opened = try chain.record(GovernanceProposal.self, at: .proposal(id)) else { throw .chain("proposal \(id) is missing") }
            try chain.advance(to: opened.votingEndHeight + parameters.governance.timelockBlocks + 1)
            if try chain.proposalStatus(id) == "executed" { accepted += 1 } else { refused += 1 }
        }
        let final = try currentValue(spec, chain)
        // Seed 002's bound: 20% a quarter, compounded once per quarter.
        var bound = start
        for _ in 0..<quarters { bound += ParameterSpec.maxStep(from: bound, maxChangeBps: 2_000) }
        return ScenarioReport(
            name: "parameter-creep",
            summary: "a 60% stake majority raises \(parameter) by the largest step allowed, proposal after proposal, for \(quarters) quarter(s)",
            succeeded: final > bound, cost: AttackScenarios.fees(2 * accepted + refused, parameters), gain: 0,
            figures: [
                ("value", "\(start) → \(final) \(spec.unit.rawValue)"),
                ("seed 002's bound", "\(bound) (20% a quarter)"),
                ("changes executed", String(accepted)),
                ("proposals refused or failed", String(refused)),
            ])
    }

    private static func currentValue(_ spec: ParameterSpec, _ chain: ScenarioChain) throws(ScenarioError) -> UInt128 {
        spec.value(in: try chain.parametersInForce())
    }

    private static func maxChangeBps(_ chain: ScenarioChain) throws(ScenarioError) -> UInt16 {
        try chain.parametersInForce().governance.maxChangeBps
    }
}
