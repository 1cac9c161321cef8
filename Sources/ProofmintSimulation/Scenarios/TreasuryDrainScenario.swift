import ProofmintCore

/// Draining a module account by governance: a stake majority spends the treasury to itself, proposal after proposal,
/// for a quarter: everything at once if the rules let it, else a tenth of what is left.
enum TreasuryDrainScenario {
    static let allocation: Amount = 150_000_000 * Tokens.one

    static func run(_ quarters: Int) throws(ScenarioError) -> ScenarioReport {
        let parameters = ScenarioChain.compressedTime
        let whale = try ScenarioChain.participant("majority", 0)
        let others = try ScenarioChain.participant("minority", 0)
        let chain = try ScenarioChain(
            parameters: parameters, allocations: [(whale, 2_000_000 * Tokens.one), (others, 1_000_000 * Tokens.one)],
            modules: [(.treasury, allocation)])
        try chain.submit([
            (whale, .stake(StakeRequest(amount: 600_000 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil))),
            (others, .stake(StakeRequest(amount: 400_000 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil))),
        ])
        let end = chain.head.height + UInt64(quarters) * 2_160
        var executed = 0, refused = 0, proposals: UInt64 = 0
        while chain.head.height < end {
            let left = try chain.balance(ModuleAccount.treasury.address)
            guard left > 0 else { break }
            var accepted = false
            for amount in [left, left / 10] where !accepted && amount > 0 {
                let spend = ProposalContent.treasurySpend(recipient: whale.address, amount: amount, source: ModuleAccount.treasury.rawValue)
                let receipt = try chain.submit(whale, .propose(ProposalRequest(deposit: parameters.governance.minDeposit, content: spend)))
                accepted = receipt.code == 0
                if !accepted { refused += 1 }
            }
            guard accepted else {
                try chain.advance(to: chain.head.height + parameters.governance.timelockBlocks)
                continue
            }
            proposals += 1
            try chain.submit(whale, .vote(VoteRequest(proposal: proposals, option: .yes)))
            guard let opened = try chain.record(GovernanceProposal.self, at: .proposal(proposals)) else { throw .chain("proposal \(proposals) is missing") }
            try chain.advance(to: opened.votingEndHeight + parameters.governance.timelockBlocks + 1)
            if try chain.proposalStatus(proposals) == "executed" { executed += 1 } else { refused += 1 }
        }
        let left = try chain.balance(ModuleAccount.treasury.address)
        let taken = allocation - min(left, allocation)
        return ScenarioReport(
            name: "treasury-drain",
            summary: "a 60% stake majority spends the \(Tokens.format(allocation)) AI treasury to itself, all at once if it can, else a tenth "
                + "of what is left, proposal after proposal, for \(quarters) quarter(s)",
            succeeded: taken > allocation / 5, cost: AttackScenarios.fees(Int(proposals) * 2 + refused, parameters), gain: taken,
            figures: [
                ("treasury left", "\(Tokens.format(left)) of \(Tokens.format(allocation)) AI"),
                ("spends executed", String(executed)),
                ("proposals refused or failed", String(refused)),
            ])
    }
}
