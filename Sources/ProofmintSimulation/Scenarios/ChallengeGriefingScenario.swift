import ProofmintCore

/// Challenge griefing (issue 12): an attacker challenges honest receipts to hold their epochs open and make their
/// providers answer. Each challenge bonds `compute.challenge_bond`; the compute validators vote it down and the bond
/// goes to the challenged provider, so griefing costs `bond × n` (plus fees) and gains nothing. The same run shows the
/// other side: a challenge against a fake receipt is upheld, the faker is slashed, and the challenger gets its bond
/// back and `compute.challenger_reward_bps` of the slash.
enum ChallengeGriefingScenario {
    static func run(_ challenges: Int) throws(ScenarioError) -> ScenarioReport {
        let parameters = ScenarioChain.compressedTime
        let rules = parameters.compute.verification
        let price = 10 * Tokens.one
        let griefer = try ScenarioChain.participant("griefer", 0)
        let provider = try ScenarioChain.participant("honest-provider", 0)
        let consumer = try ScenarioChain.participant("honest-consumer", 0)
        let faker = try ScenarioChain.participant("wash-provider", 0)
        let fakeConsumer = try ScenarioChain.participant("wash-consumer", 0)
        let watcher = try ScenarioChain.participant("watcher", 0)
        let checker = try ScenarioChain.participant("checker", 0)
        let fakeStake = 1_000 * Tokens.one
        let grieferFunds = Amount(challenges) * (rules.challengeBond + 2 * parameters.minFee)
        let chain = try ScenarioChain(
            parameters: parameters,
            allocations: [
                (griefer, grieferFunds), (provider, 1_000 * Tokens.one), (consumer, Amount(challenges) * price + Tokens.one),
                (faker, fakeStake + Tokens.one), (fakeConsumer, price + Tokens.one), (watcher, rules.challengeBond + Tokens.one),
                (checker, 10_001 * Tokens.one),
            ],
            modules: [])
        let market = ComputeMarket(chain: chain, tag: "grief")
        try chain.submit([
            (provider, .stake(StakeRequest(amount: 500 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil))),
            (faker, .stake(StakeRequest(amount: fakeStake, lockEpochs: 0, tier: .open, attestation: nil))),
        ])
        try market.register([(checker, 10_000 * Tokens.one, false)])
        try market.advanceToNextEpoch()
        let epoch = try market.epoch().number

        // Honest receipts, and one fake one.
        var honest = [(ScenarioChain.Participant, Hash32, Payload)]()
        for _ in 0..<challenges {
            let (job, payload) = market.receipt(consumer: consumer, provider: provider, price: price, units: 1_000, quality: 90, epoch: epoch, isFake: false)
            honest.append((provider, job, payload))
        }
        let (fakeJob, fakePayload) = market.receipt(
            consumer: fakeConsumer, provider: faker, price: price, units: 1_000, quality: 100, epoch: epoch, isFake: true)
        try market.submitReceipts(honest + [(faker, fakeJob, fakePayload)])
        let providerBefore = try chain.balance(provider.address)
        let grieferBefore = try chain.balance(griefer.address)
        let watcherBefore = try chain.balance(watcher.address)
        let fakerStakeBefore = try market.stake(faker.address)?.amount ?? 0

        // The griefer challenges every honest receipt; a watcher challenges the fake one. The validator votes on each.
        let opened = try chain.submit(honest.map { (griefer, Payload.challenge(ChallengeRequest(jobId: $0.1))) }
            + [(watcher, .challenge(ChallengeRequest(jobId: fakeJob)))])
        let refusedChallenges = opened.filter { $0.code != 0 }.count
        try chain.submit(honest.map { (checker, Payload.resolve(ResolveRequest(jobId: $0.1, uphold: false))) }
            + [(checker, .resolve(ResolveRequest(jobId: fakeJob, uphold: true)))])
        var rejected = 0
        for (_, job, _) in honest where try market.record(job)?.challenge?.outcome == .rejected { rejected += 1 }
        let fakeOutcome = try market.record(fakeJob)?.challenge?.outcome.name ?? "missing"
        try market.run(to: chain.head.height + 1)

        let grieferLoss = grieferBefore - min(grieferBefore, try chain.balance(griefer.address))
        let providerGain = try chain.balance(provider.address) - providerBefore
        let watcherGain = try chain.balance(watcher.address) - min(try chain.balance(watcher.address), watcherBefore)
        let fakerStakeAfter = try market.stake(faker.address)?.amount ?? 0
        let slashed = fakerStakeBefore - min(fakerStakeBefore, fakerStakeAfter)
        let expectedReward = FeeSplit.portion(slashed, rules.challengerRewardBps)
        return ScenarioReport(
            name: "challenge-griefing",
            summary: "an attacker challenges \(challenges) honest receipts (bond \(ScenarioFormat.ai(rules.challengeBond)) each); the compute "
                + "validators vote; a watcher challenges one fake receipt",
            succeeded: rejected < challenges || grieferLoss < Amount(challenges) * rules.challengeBond,
            cost: grieferLoss, gain: 0,
            figures: [
                ("challenges accepted", "\(challenges + 1 - refusedChallenges) of \(challenges + 1)"),
                ("honest receipts", "\(rejected) of \(challenges) challenges rejected; each receipt still stands"),
                ("griefer lost", "\(ScenarioFormat.ai(grieferLoss)) (bond × \(challenges) = \(ScenarioFormat.ai(Amount(challenges) * rules.challengeBond)), plus fees)"),
                ("honest provider received", ScenarioFormat.ai(providerGain)),
                ("fake receipt's challenge", fakeOutcome),
                ("faker slashed", "\(ScenarioFormat.ai(slashed)) of \(ScenarioFormat.ai(fakerStakeBefore)) staked; jailed: \(try market.stake(faker.address)?.jailed == true ? "yes" : "no")"),
                ("watcher gained", "\(ScenarioFormat.ai(watcherGain)) net of its bond (expected \(ScenarioFormat.ai(expectedReward)) = \(rules.challengerRewardBps / 100)% of the slash, less a fee)"),
            ])
    }
}
