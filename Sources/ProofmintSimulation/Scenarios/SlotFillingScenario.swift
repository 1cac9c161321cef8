import ProofmintCore

/// Slot filling (issue 12): under protocol version 2 an epoch held at most 10,000 providers, so 10,000 staked
/// accounts with one cheap receipt each left every honest provider `epoch_full`. Protocol version 3 keeps providers'
/// work in per-provider records with no cap: the scenario fills the epoch with `scale` attacker providers (one
/// minimum-price receipt each) and then submits an honest receipt.
enum SlotFillingScenario {
    /// Protocol version 2's provider limit per epoch (the figure).
    static let v2Slots = 10_000

    static func run(_ fillers: Int) throws(ScenarioError) -> ScenarioReport {
        let parameters = ScenarioChain.compressedTime
        let rules = parameters.compute.verification
        let minStake = parameters.staking.minStake
        let minPrice = parameters.compute.minUnitPrice
        let fee = parameters.minFee
        let providers = try (0..<fillers).map { (index) throws(ScenarioError) in try ScenarioChain.participant("filler", index) }
        let consumer = try ScenarioChain.participant("filler-consumer", 0)
        let honest = try ScenarioChain.participant("honest-provider", 0)
        let honestConsumer = try ScenarioChain.participant("honest-consumer", 0)
        var allocations = providers.map { ($0, minStake + 3 * fee) }
        allocations += [(consumer, Amount(fillers) * minPrice + Tokens.one), (honest, 1_000 * Tokens.one), (honestConsumer, 100 * Tokens.one)]
        let chain = try ScenarioChain(parameters: parameters, allocations: allocations, modules: [])
        let market = ComputeMarket(chain: chain, tag: "slots")
        let stake = Payload.stake(StakeRequest(amount: minStake, lockEpochs: 0, tier: .open, attestation: nil))
        try chain.submit(providers.map { ($0, stake) } + [(honest, .stake(StakeRequest(amount: 500 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil)))])
        try market.advanceToNextEpoch()
        let epoch = try market.epoch().number
        var fills = [(ScenarioChain.Participant, Hash32, Payload)]()
        for provider in providers {
            let (job, payload) = market.receipt(consumer: consumer, provider: provider, price: minPrice, units: 1, quality: 100, epoch: epoch, isFake: true)
            fills.append((provider, job, payload))
        }
        let filled = try chain.submit(fills.map { ($0.0, $0.2) })
        let (job, payload) = market.receipt(
            consumer: honestConsumer, provider: honest, price: 10 * Tokens.one, units: 1_000, quality: 90, epoch: epoch, isFake: false)
        let result = try chain.submit(honest, payload)
        let record = try chain.record(EpochRecord.self, at: .epochRecord(epoch))
        let stored = try market.record(job)
        let accepted = result.code == 0 && stored != nil

        // What the fillers spent: a stake and a submit fee each, the round trip's fees, and the 0.1% burn to leave;
        // at risk: each filler receipt is sampled with at least `sample_bps` and, being fake, slashes 100% of its stake.
        let roundTrip = FeeSplit.portion(minPrice, parameters.compute.protocolFeeBps) + FeeSplit.portion(minPrice, rules.validationFeeBps)
        let cost = Amount(fillers) * (2 * fee + roundTrip + FeeSplit.portion(minStake, parameters.staking.unstakeBurnBps))
        let probability = rules.sampleProbabilityBps(value: minPrice)
        let expectedSlash = WideArithmetic.multiplyDivide(Amount(fillers) * minStake * Amount(parameters.staking.slashMaliciousBps) / 10_000, UInt128(probability), 10_000)
        return ScenarioReport(
            name: "slot-filling",
            summary: "\(fillers) staked accounts each submit one minimum-price receipt into an epoch; then an honest provider submits one",
            succeeded: !accepted, cost: cost, gain: 0,
            figures: [
                ("filler receipts accepted", "\(filled.filter { $0.code == 0 }.count) of \(fillers)"),
                ("honest receipt", accepted ? "accepted" : "refused: \(TransactionErrorCode.name(forCode: result.code))"),
                ("providers in the epoch", "\(record?.providerCount ?? 0) (protocol 2 refused the \(v2Slots + 1)th with epoch_full)"),
                ("filler stake bonded", "\(ScenarioFormat.ai(Amount(fillers) * minStake))"),
                ("expected slash if fake", "\(ScenarioFormat.ai(expectedSlash)) (each sampled with p = \(Double(probability) / 100)%, 100% slash)"),
                ("filler reward cap", "\(ScenarioFormat.ai(FeeSplit.portion(minPrice, rules.rewardCapBps))) each (reward_cap × value)"),
            ])
    }
}
