import Foundation
import ProofmintCore

/// Wash trading (issue 12): a provider key and a consumer key of one owner sign receipts for work never done, so
/// the owner pays itself (losing only the fees) and collects emission for the fake weight.
///
/// "Before" is protocol version 2, modelled from its rules (weight = units × quality × tier, every receipt counted,
/// nothing checked): the figures are arithmetic over the same honest load this scenario runs. "After" runs protocol
/// version 3 through the state transition: (a) alone in an epoch, once with the cheapest receipt and once with the
/// value that would take the whole emission under the reward cap; (b) beside an honest load of 240 jobs, 2,520 AI
/// and 1.2M units an epoch, the version-2 attack receipt and then `scale` attacker accounts, each faking one receipt
/// of 1–50 AI. An honest compute validator answers every sampled receipt (`malicious` for fake work, `pass` for
/// real), and in the second half a colluding validator holding a quarter of the validator stake passes everything.
public enum WashTradeScenario {
    /// The fake values the attacker accounts cycle through: all below `compute.sample_value`, where sampling is a
    /// probability rather than a certainty.
    static let fakeValues: [Amount] = [1, 5, 10, 25, 50].map { $0 * Tokens.one }
    static let attackersPerEpoch = 100
    static let honestJobs = 240
    static let honestPrice: Amount = 10 * Tokens.one + Tokens.one / 2
    static let honestUnits: UInt64 = 5_000
    /// The version-2 attack receipt of the issue: 2.67e8 units at the minimum unit price.
    static let bigUnits: UInt64 = 267_000_000
    static let honestStake: Amount = 30_000 * Tokens.one
    static let colluderStake: Amount = 10_000 * Tokens.one

    struct Attacker {
        let provider: ScenarioChain.Participant
        let consumer: ScenarioChain.Participant
        let value: Amount
        let units: UInt64
        var job: Hash32? = nil
        var colluding = false

        func allocations(_ parameters: Parameters) -> [(ScenarioChain.Participant, Amount)] {
            [(provider, parameters.staking.minStake + 4 * parameters.minFee), (consumer, value + 4 * parameters.minFee)]
        }
    }

    /// One attacker account's outcome, every figure read back from the state. `net` is what the owner holds at the
    /// end (balances, stake, unbonding), `loss` what it was allocated: it came out ahead if `net > loss`.
    public struct Outcome: Sendable {
        public let value: Amount
        public let net: Amount
        public let loss: Amount
        public let reward: Amount
        public let slashed: Amount
        /// Transaction fees and the protocol and validation fees of the round trip.
        public let cost: Amount
        public let sampled: Bool
        public let detected: Bool
        /// Run while a colluding validator held `collusionShare` of the validator stake.
        public let colluding: Bool
        public var gained: Bool { net > loss }
    }

    /// The run's outcomes: [0] the cheapest receipt alone, [1] the cap-filling receipt alone, [2] the version-2
    /// receipt beside honest load, then the `scale` crowd accounts.
    public struct Measurement: Sendable {
        public let parameters: Parameters
        public let outcomes: [Outcome]
        /// Part (c): the attacker owns half the validator stake and fakes the cap-filling value alone, epoch after
        /// epoch, with a fresh provider each time (all `colluding`).
        public let boundary: [Outcome]
        /// Part (d): attackers that grind job ids against the mix of the block before their receipt (see `grind`): the
        /// beacons of later blocks decide, so grinding buys nothing.
        public let grinding: [Outcome]
        public let report: ScenarioReport
    }

    /// Part (c)'s validator stakes: the honest one and the attacker's own, so α = 50%.
    static let boundaryStake: Amount = 1_000 * Tokens.one

    /// The colluding validator's share of the validator stake in the crowd's second half.
    public static var collusionShareBps: UInt16 { UInt16(colluderStake * 10_000 / (honestStake + colluderStake)) }

    /// An upper bound on the expected net of one fake receipt of `value` (in base units, may be negative), from the
    /// parameters alone: kept with probability 1 − p(1−α), it earns at most `reward_cap × value`; caught, it loses the
    /// provider's `stake` (slash_malicious_bps of it); it always pays the fees. Integer arithmetic in bps².
    public static func expectedNetBound(value: Amount, stake: Amount, collusionBps: UInt16, parameters: Parameters) -> (gain: Amount, loss: Amount) {
        let rules = parameters.compute.verification
        let caught = UInt128(rules.sampleProbabilityBps(value: value)) * UInt128(10_000 - collusionBps)  // of 10⁸
        let kept = 100_000_000 - caught
        let slash = FeeSplit.portion(stake, parameters.staking.slashMaliciousBps)
        let fees = FeeSplit.portion(value, parameters.compute.protocolFeeBps) + FeeSplit.portion(value, rules.validationFeeBps) + 2 * parameters.minFee
        let gain = WideArithmetic.multiplyDivide(FeeSplit.portion(value, rules.rewardCapBps), kept, 100_000_000)
        let loss = WideArithmetic.multiplyDivide(slash, caught, 100_000_000) + fees
        return (gain, loss)
    }

    static func run(_ scale: Int) throws(ScenarioError) -> ScenarioReport { try measure(scale: scale).report }

    public static func measure(scale: Int) throws(ScenarioError) -> Measurement {
        let parameters = ScenarioChain.compressedTime
        let rules = parameters.compute.verification
        let minStake = parameters.staking.minStake
        let emission = ComputeMarket.epochEmission(parameters)
        let minPrice = parameters.compute.minUnitPrice

        // Participants. Attacker accounts: the cheapest alone, the cap-filling alone, the version-2 receipt beside
        // honest load, then `scale` cycling through `fakeValues`.
        let capFilling = (WideArithmetic.multiplyDivide(emission, 10_000, Amount(rules.rewardCapBps)) / Tokens.one + 1) * Tokens.one
        func attacker(_ index: Int, value: Amount, units: UInt64) throws(ScenarioError) -> Attacker {
            Attacker(
                provider: try ScenarioChain.participant("wash-provider", index), consumer: try ScenarioChain.participant("wash-consumer", index),
                value: value, units: units)
        }
        let aloneMin = try attacker(0, value: minPrice, units: 1)
        let aloneCap = try attacker(1, value: capFilling, units: UInt64(capFilling / minPrice))
        let big = try attacker(2, value: Amount(bigUnits) * minPrice, units: bigUnits)
        var crowd = [Attacker]()
        for index in 0..<scale {
            let value = fakeValues[index % fakeValues.count]
            var member = try attacker(3 + index, value: value, units: UInt64(value / minPrice))
            member.colluding = index >= scale / 2
            crowd.append(member)
        }
        var grinders = [Attacker]()
        for index in 0..<max(5, scale / 20) {
            grinders.append(Attacker(
                provider: try ScenarioChain.participant("grind-provider", index), consumer: try ScenarioChain.participant("grind-consumer", index),
                value: fakeValues[fakeValues.count - 1], units: UInt64(fakeValues[fakeValues.count - 1] / minPrice)))
        }
        let batches = (scale + attackersPerEpoch - 1) / attackersPerEpoch
        let honestProviders = try (0..<8).map { (index) throws(ScenarioError) in try ScenarioChain.participant("honest-provider", index) }
        let honestConsumers = try (0..<8).map { (index) throws(ScenarioError) in try ScenarioChain.participant("honest-consumer", index) }
        let checker = try ScenarioChain.participant("checker", 0)
        let colluder = try ScenarioChain.participant("colluder", 0)
        let perConsumer = Amount(honestJobs / honestConsumers.count) * honestPrice * Amount(batches + 2) + 100 * Tokens.one

        var allocations = [(ScenarioChain.Participant, Amount)]()
        for member in [aloneMin, aloneCap, big] + crowd + grinders { allocations += member.allocations(parameters) }
        allocations += honestProviders.map { ($0, 1_000 * Tokens.one) }
        allocations += honestConsumers.map { ($0, perConsumer) }
        allocations += [(checker, honestStake + 1_000 * Tokens.one), (colluder, colluderStake + 1_000 * Tokens.one)]
        let chain = try ScenarioChain(parameters: parameters, allocations: allocations, modules: [])
        let market = ComputeMarket(chain: chain, tag: "wash")

        let stakeRequest = Payload.stake(StakeRequest(amount: minStake, lockEpochs: 0, tier: .open, attestation: nil))
        try chain.submit(([aloneMin, aloneCap, big] + crowd + grinders).map { ($0.provider, stakeRequest) }
            + honestProviders.map { ($0, Payload.stake(StakeRequest(amount: 500 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil))) })
        try market.register([(checker, honestStake, false)])

        // (a) alone: the cheapest receipt in one epoch, the cap-filling one in the next.
        var everyone = [aloneMin, aloneCap, big] + crowd
        for index in 0..<2 {
            try market.advanceToNextEpoch()
            let epoch = try market.epoch().number
            let member = everyone[index]
            let (job, payload) = market.receipt(
                consumer: member.consumer, provider: member.provider, price: member.value, units: member.units, quality: 100, epoch: epoch, isFake: true)
            everyone[index].job = job
            try market.submitReceipts([(member.provider, job, payload)])
        }

        // (b) beside honest load: the version-2 receipt and the first batch, then a batch an epoch; the colluder
        // joins when the second half starts.
        var honestReceipts = [(units: UInt64, quality: UInt8)]()
        var colluderJoined = false
        for batch in 0..<max(1, batches) {
            try market.advanceToNextEpoch()
            let first = batch * attackersPerEpoch
            let members = Array(first..<min(scale, first + attackersPerEpoch))
            if !colluderJoined, let firstMember = members.first, crowd[firstMember].colluding {
                try market.register([(colluder, colluderStake, true)])
                colluderJoined = true
            }
            let epoch = try market.epoch().number
            var receipts = [(ScenarioChain.Participant, Hash32, Payload)]()
            for job in 0..<honestJobs {
                let quality = UInt8(60 + (job * 7) % 41)
                let provider = honestProviders[job % honestProviders.count]
                let (id, payload) = market.receipt(
                    consumer: honestConsumers[(job / honestProviders.count) % honestConsumers.count], provider: provider, price: honestPrice,
                    units: honestUnits, quality: quality, epoch: epoch, isFake: false)
                receipts.append((provider, id, payload))
                if batch == 0 { honestReceipts.append((honestUnits, quality)) }
            }
            var indices = members.map { 3 + $0 }
            if batch == 0 { indices.insert(2, at: 0) }
            for index in indices {
                let member = everyone[index]
                let (job, payload) = market.receipt(
                    consumer: member.consumer, provider: member.provider, price: member.value, units: member.units, quality: 100, epoch: epoch,
                    isFake: true)
                everyone[index].job = job
                receipts.append((member.provider, job, payload))
            }
            if batch == 0 {
                // (d) Grinders: each tries job ids until the mix it can see (the last committed one) would leave its receipt
                // unsampled; the deciding mix folds in later beacons.
                for index in grinders.indices {
                    let job = grind(
                        index: index, value: grinders[index].value, rules: parameters.compute.verification, mix: try market.chain.randomnessMix())
                    let (id, payload) = market.receipt(
                        consumer: grinders[index].consumer, provider: grinders[index].provider, price: grinders[index].value,
                        units: grinders[index].units, quality: 100, epoch: epoch, job: job, isFake: true)
                    grinders[index].job = id
                    receipts.append((grinders[index].provider, id, payload))
                }
            }
            try market.submitReceipts(receipts)
        }
        let last = try market.epoch().number
        try market.advanceToNextEpoch()
        try market.runUntilSettled(last)

        // Outcomes, from the state.
        var outcomes = [Outcome]()
        for member in everyone { outcomes.append(try outcome(of: member, market: market, parameters: parameters)) }
        var ground = [Outcome]()
        for member in grinders { ground.append(try outcome(of: member, market: market, parameters: parameters)) }

        let boundary = try boundaryRun(epochs: max(4, scale / 8), value: capFilling, parameters: parameters)
        let report = report(
            scale: scale, parameters: parameters, emission: emission, outcomes: outcomes, boundary: boundary, grinding: ground,
            honest: honestReceipts)
        return Measurement(parameters: parameters, outcomes: outcomes, boundary: boundary, grinding: ground, report: report)
    }

    /// The first job id (of a counter the attacker owns) that the sampling rule would leave unsampled if the
    /// randomness mix were all zero, as the stub that stands in for the beacon returns: the attacker simply
    /// evaluates `ValidationModule`'s published rule. With a real beacon, the deciding mix is unknown when the
    /// consumer signs, and the grinding buys nothing.
    static func grind(index: Int, value: Amount, rules: VerificationParameters, mix: Hash32) -> Hash32 {
        let probability = UInt64(rules.sampleProbabilityBps(value: value))
        var counter: UInt64 = 0
        while true {
            let job = Hash32.digest(parts: [Array("proofmint/scenario/grind".utf8), Array(String(index).utf8), Array(String(counter).utf8)])
            let seed = Hash32.digest(Array("proofmint/sample/v1".utf8) + mix.bytes + job.bytes)
            let draw = seed.bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % 10_000
            if draw >= probability || counter == .max { return job }
            counter += 1
        }
    }

    /// One attacker's outcome after its epoch settled: `held = allocated − cost − slashed + reward`.
    private static func outcome(of member: Attacker, market: ComputeMarket, parameters: Parameters) throws(ScenarioError) -> Outcome {
        let minStake = parameters.staking.minStake
        let allocated = member.allocations(parameters).reduce(Amount(0)) { $0 + $1.1 }
        let held = try market.holdings(member.provider.address) + market.holdings(member.consumer.address)
        let stakeLeft = (try market.stake(member.provider.address)?.amount ?? 0)
            + (try market.chain.record(UnbondingQueue.self, at: .unbonding(member.provider.address))?.total ?? 0)
        let slashed = minStake - min(minStake, stakeLeft)
        let roundTrip = FeeSplit.portion(member.value, parameters.compute.protocolFeeBps)
            + FeeSplit.portion(member.value, parameters.compute.verification.validationFeeBps)
        let cost = 2 * parameters.minFee + roundTrip
        let reward = held + cost + slashed - min(held + cost + slashed, allocated)
        let verdict = member.job.flatMap { market.verdicts[$0] }
        return Outcome(
            value: member.value, net: held, loss: allocated, reward: reward, slashed: slashed, cost: cost, sampled: verdict != nil,
            detected: verdict?.verdict == .malicious, colluding: member.colluding)
    }

    /// Part (c), where the bound stops holding: the attacker registers its own compute validator with as much stake
    /// as the honest one (α = 50%), so half of its always-sampled receipts are drawn to itself and passed. Each epoch a
    /// fresh attacker pair fakes `value` alone.
    private static func boundaryRun(epochs: Int, value: Amount, parameters: Parameters) throws(ScenarioError) -> [Outcome] {
        let minStake = parameters.staking.minStake
        let minPrice = parameters.compute.minUnitPrice
        var members = [Attacker]()
        for index in 0..<epochs {
            var member = Attacker(
                provider: try ScenarioChain.participant("own-provider", index), consumer: try ScenarioChain.participant("own-consumer", index),
                value: value, units: UInt64(value / minPrice))
            member.colluding = true
            members.append(member)
        }
        let honest = try ScenarioChain.participant("checker", 0)
        let own = try ScenarioChain.participant("colluder", 0)
        var allocations = members.flatMap { $0.allocations(parameters) }
        allocations += [(honest, boundaryStake + Tokens.one), (own, boundaryStake + Tokens.one)]
        let chain = try ScenarioChain(parameters: parameters, allocations: allocations, modules: [])
        let market = ComputeMarket(chain: chain, tag: "own")
        try chain.submit(members.map { ($0.provider, Payload.stake(StakeRequest(amount: minStake, lockEpochs: 0, tier: .open, attestation: nil))) })
        try market.register([(honest, boundaryStake, false), (own, boundaryStake, true)])
        for index in members.indices {
            try market.advanceToNextEpoch()
            let epoch = try market.epoch().number
            let (job, payload) = market.receipt(
                consumer: members[index].consumer, provider: members[index].provider, price: value, units: members[index].units, quality: 100,
                epoch: epoch, isFake: true)
            members[index].job = job
            try market.submitReceipts([(members[index].provider, job, payload)])
        }
        let last = try market.epoch().number
        try market.advanceToNextEpoch()
        try market.runUntilSettled(last)
        var outcomes = [Outcome]()
        for member in members { outcomes.append(try outcome(of: member, market: market, parameters: parameters)) }
        return outcomes
    }

    // MARK: - Report

    private static func report(
        scale: Int, parameters: Parameters, emission: Amount, outcomes: [Outcome], boundary: [Outcome], grinding: [Outcome],
        honest: [(units: UInt64, quality: UInt8)]
    ) -> ScenarioReport {
        let rules = parameters.compute.verification
        let stake = parameters.staking.minStake
        let alpha = Double(colluderStake) / Double(honestStake + colluderStake)
        let capShare = Double(rules.rewardCapBps) / 10_000
        let sampleValue = ScenarioFormat.toDouble(rules.sampleValue)
        let stakeAI = ScenarioFormat.toDouble(stake)
        var figures = [(String, String)]()

        // Before: protocol version 2 arithmetic.
        let pool = FeeSplit.portion(
            FeeSplit.portion(Amount(honest.count) * honestPrice + Amount(bigUnits) * parameters.compute.minUnitPrice, parameters.compute.protocolFeeBps),
            parameters.feeSplit.rewardPoolBps)
        let qualityBps = { (score: UInt8) in Double(parameters.compute.qualityMultiplierBps(score: score)) }
        let honestWeight = honest.reduce(0.0) { $0 + Double($1.units) * qualityBps($1.quality) }
        let fakeWeight = Double(bigUnits) * qualityBps(100)
        let share = fakeWeight / (fakeWeight + honestWeight)
        let bigValue = Amount(bigUnits) * parameters.compute.minUnitPrice
        let bigFee = ScenarioFormat.toDouble(FeeSplit.portion(bigValue, parameters.compute.protocolFeeBps))
        let poolBack = bigFee * Double(parameters.feeSplit.rewardPoolBps) / 10_000 * share
        let v2Gain = share * ScenarioFormat.toDouble(emission + pool)
        figures.append(("epoch emission", ScenarioFormat.ai(emission)))
        figures.append(("before (a) alone", "1 unit at \(ScenarioFormat.ai(parameters.compute.minUnitPrice)): takes the whole \(ScenarioFormat.ai(emission)); cost \(ScenarioFormat.ai(2 * parameters.minFee)) of fees; no check, no loss"))
        figures.append(("before (b) honest load", "\(honest.count) jobs, \(honest.count * Int(honestUnits)) units, \(ScenarioFormat.ai(Amount(honest.count) * honestPrice)) paid"))
        figures.append(("before (b) fake receipt", String(format: "%.3g units for %@: %.2f%% of the weight, gain %.2f AI, net cost %.2f AI (protocol fee less its pool share back)",
                                                          Double(bigUnits), ScenarioFormat.ai(bigValue), 100 * share, v2Gain, bigFee - poolBack)))

        // After (a), (b): the single receipts.
        let labels = ["after (a) alone, cheapest", "after (a) alone, cap-filling", "after (b) v2 receipt beside load"]
        for (label, outcome) in zip(labels, outcomes.prefix(3)) {
            let probability = rules.sampleProbabilityBps(value: outcome.value)
            figures.append((label, "value \(ScenarioFormat.ai(outcome.value)), sampled with p = \(Double(probability) / 100)%: "
                + (outcome.sampled ? (outcome.detected ? "sampled, malicious" : "sampled, passed") : "not sampled")
                + "; reward \(ScenarioFormat.ai(outcome.reward)), slashed \(ScenarioFormat.ai(outcome.slashed)), cost \(ScenarioFormat.ai(outcome.cost)), net "
                + ScenarioFormat.signed(outcome.net, minus: outcome.loss)))
        }

        // After (b): the crowd, by phase and value.
        let crowd = Array(outcomes.dropFirst(3))
        for colluding in [false, true] {
            let phase = crowd.filter { $0.colluding == colluding }
            guard !phase.isEmpty else { continue }
            let tag = colluding ? "crowd, α = \(Int(alpha * 100))% colluding" : "crowd, honest validators"
            let factor = colluding ? 1 - alpha : 1
            let expected = phase.reduce(0.0) { $0 + Double(rules.sampleProbabilityBps(value: $1.value)) / 10_000 * factor }
            let detected = phase.filter(\.detected).count
            let net = phase.reduce(0.0) { $0 + ScenarioFormat.toDouble($1.net) - ScenarioFormat.toDouble($1.loss) }
            let rewards = phase.reduce(Amount(0)) { $0 + $1.reward }
            let slashed = phase.reduce(Amount(0)) { $0 + $1.slashed }
            figures.append(("\(tag)", "\(phase.count) accounts: detected \(detected) (expected \(String(format: "%.1f", expected))), rewards \(ScenarioFormat.ai(rewards)), slashed \(ScenarioFormat.ai(slashed)), net \(ScenarioFormat.aiDouble(net)), \(phase.filter(\.gained).count) accounts ahead"))
            for value in fakeValues {
                let group = phase.filter { $0.value == value }
                guard !group.isEmpty else { continue }
                let p = Double(rules.sampleProbabilityBps(value: value)) / 10_000 * factor
                let v = ScenarioFormat.toDouble(value)
                let cost = ScenarioFormat.toDouble(group[0].cost)
                let bound = (1 - p) * capShare * v - p * stakeAI - cost
                let measured = group.reduce(0.0) { $0 + ScenarioFormat.toDouble($1.net) - ScenarioFormat.toDouble($1.loss) } / Double(group.count)
                figures.append(("  \(Tokens.format(value)) AI fakes", String(
                    format: "detection %@ (p = %.1f%%), mean net %+.3f AI, EV bound (1−p)·cap·v − p·stake − cost = %+.3f AI",
                    ScenarioFormat.percent(Double(group.filter(\.detected).count), Double(group.count)), 100 * p, measured, bound)))
            }
        }
        let threshold = capShare * sampleValue
        figures.append(("negative EV when", String(
            format: "(receipts up to sample_value) min_stake ≥ reward_cap × sample_value / (1 − α): %.0f AI ≥ %.1f AI at α = 0, %.1f AI at α = %.0f%%; holds up to α = %.0f%%",
            stakeAI, threshold, threshold / (1 - alpha), alpha * 100, max(0, 1 - threshold / stakeAI) * 100)))

        // (c) The boundary: above sample_value a receipt is always sampled, so only collusion lets it through; the gain
        // is then bounded by min(D, stake): the epoch's distributable amount and the provider's stake (the stake cap).
        let boundaryNet = boundary.reduce(0.0) { $0 + ScenarioFormat.toDouble($1.net) - ScenarioFormat.toDouble($1.loss) }
        let passed = boundary.filter { $0.sampled && !$0.detected }.count
        let d = ScenarioFormat.toDouble(emission)
        figures.append(("(c) own validator, α = 50%", String(
            format: "%d epochs faking %@ alone: %d passed by the attacker's validator, %d caught; net %+.2f AI (%+.2f AI an epoch); EV α·min(D, stake) − (1−α)·stake − cost = %+.2f AI",
            boundary.count, ScenarioFormat.ai(boundary.first?.value ?? 0), passed, boundary.filter(\.detected).count, boundaryNet,
            boundaryNet / Double(max(1, boundary.count)), 0.5 * min(d, stakeAI) - 0.5 * stakeAI - ScenarioFormat.toDouble(boundary.first?.cost ?? 0))))
        figures.append(("above sample_value", String(
            format: "caught with probability 1 − α, gain ≤ min(D, stake) = %.2f AI an epoch (D = %.2f AI): negative EV needs α < stake / (stake + min(D, stake)) = %.1f%%",
            min(d, stakeAI), d, 100 * stakeAI / (stakeAI + min(d, stakeAI)))))

        // (d) Job-id grinding: the mix a consumer can see when it signs is not the one that decides.
        let grindNet = grinding.reduce(0.0) { $0 + ScenarioFormat.toDouble($1.net) - ScenarioFormat.toDouble($1.loss) }
        figures.append(("(d) job-id grinding", String(
            format: "%d accounts faking %@ with ground job ids (p = %.0f%%): %d sampled, %d caught; rewards %@, net %+.2f AI%@",
            grinding.count, ScenarioFormat.ai(grinding.first?.value ?? 0),
            Double(rules.sampleProbabilityBps(value: grinding.first?.value ?? 0)) / 100, grinding.filter(\.sampled).count,
            grinding.filter(\.detected).count, ScenarioFormat.ai(grinding.reduce(Amount(0)) { $0 + $1.reward }), grindNet,
            grinding.contains(where: \.sampled) ? "" : " — no receipt sampled: check the beacon")))

        // The attack is the owner's whole operation: it works if all its accounts together end ahead.
        let gainedTotal = outcomes.reduce(Amount(0)) { $0 + $1.net }
        let lossTotal = outcomes.reduce(Amount(0)) { $0 + $1.loss }
        let rewardTotal = outcomes.reduce(Amount(0)) { $0 + $1.reward }
        let costTotal = outcomes.reduce(Amount(0)) { $0 + $1.cost + $1.slashed }
        return ScenarioReport(
            name: "wash-trade",
            summary: "one owner's provider and consumer keys sign receipts for work never done: alone in an epoch, beside 240 honest jobs, "
                + "and as \(scale) accounts faking 1–50 AI each",
            succeeded: gainedTotal > lossTotal,
            cost: costTotal, gain: rewardTotal, figures: figures)
    }
}
