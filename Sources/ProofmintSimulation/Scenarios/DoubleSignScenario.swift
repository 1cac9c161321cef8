import ProofmintCore

/// A validator signing two different blocks at one height, and what the evidence takes from it.
enum DoubleSignScenario {
    static func run(_ scale: Int) throws(ScenarioError) -> ScenarioReport {
        let parameters = ScenarioChain.compressedTime
        let reporter = try ScenarioChain.participant("reporter", 0)
        let bond = Amount(scale) * 10_000 * Tokens.one
        let chain = try ScenarioChain(parameters: parameters, allocations: [(reporter, 1_000 * Tokens.one)], modules: [], validatorBond: bond)
        try chain.advance(to: 2)
        let validator = chain.validatorAddress
        let stakeBefore = try chain.record(Stake.self, at: .stake(validator))?.amount ?? 0
        let evidence = chain.equivocation()
        let receipt = try chain.submit(reporter, .evidence(evidence))
        let stake = try chain.record(Stake.self, at: .stake(validator))
        let slashed = receipt.events.reduce(Amount(0)) { sum, event in
            if case let .slashed(_, _, _, fromStake, fromUnbonding) = event { return sum + fromStake + fromUnbonding }
            return sum
        }
        return ScenarioReport(
            name: "double-sign",
            summary: "the validator, bonded with \(Tokens.format(bond)) AI, signs two different blocks at height \(chain.head.height - 1) and a "
                + "reporter submits the evidence",
            succeeded: slashed == 0, cost: slashed, gain: 0,
            figures: [
                ("evidence", receipt.code == 0 ? "accepted" : "refused: \(TransactionErrorCode.name(forCode: receipt.code))"),
                ("validator stake", "\(Tokens.format(stakeBefore)) → \(Tokens.format(stake?.amount ?? 0)) AI"),
                ("jailed", stake?.jailed == true ? "yes" : "no"),
            ])
    }
}
