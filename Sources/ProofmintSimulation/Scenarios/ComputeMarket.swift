import Foundation
import ProofmintCore

/// Proof of Compute on a `ScenarioChain`: receipts signed by consumers and submitted by providers, compute validators
/// registered with `validator {join}`, and validators that answer every receipt they are assigned. The attack
/// scenarios of protocol version 3 (wash trading, slot filling, challenge griefing) share it so that each one only
/// says who does what; sampling, verdicts, slashing and settlement are the state transition's.
final class ComputeMarket {
    /// A compute validator and how it judges: `honest` gives `malicious` to fake work and `pass` to real work;
    /// a colluder passes everything.
    struct Checker {
        let participant: ScenarioChain.Participant
        let colludes: Bool
    }

    let chain: ScenarioChain
    private(set) var checkers: [Checker] = []
    /// Jobs known to be fake (no work behind them): an honest validator cannot reproduce their output.
    private var fake: Set<Hash32> = []
    /// Jobs submitted and not yet past their validation step.
    private var open: [Hash32] = []
    private var jobCounter: UInt64 = 0
    /// Every verdict given, by job: who gave it and what it was (kept here because settled epochs are pruned).
    private(set) var verdicts: [Hash32: (validator: Address, verdict: Verdict)] = [:]
    let tag: String

    init(chain: ScenarioChain, tag: String) {
        self.chain = chain
        self.tag = tag
    }

    /// Stakes each checker's `stake` (already allocated to it) and registers it as a compute validator.
    func register(_ members: [(ScenarioChain.Participant, Amount, Bool)]) throws(ScenarioError) {
        try chain.submit(members.map { ($0.0, Payload.stake(StakeRequest(amount: $0.1, lockEpochs: 0, tier: .open, attestation: nil))) })
        let joined = try chain.submit(members.map { ($0.0, Payload.validator(ValidatorRequest(join: true))) })
        for receipt in joined where receipt.code != 0 {
            throw .chain("a validator could not join: \(TransactionErrorCode.name(forCode: receipt.code))")
        }
        checkers += members.map { Checker(participant: $0.0, colludes: $0.2) }
    }

    func epoch() throws(ScenarioError) -> EpochState { try chain.record(EpochState.self, at: .epoch) ?? .genesis }

    /// Blocks (with the verdicts due) until the first block of the next epoch is the next to be produced.
    func advanceToNextEpoch() throws(ScenarioError) {
        let current = try epoch()
        try run(to: current.lastHeight(epochLength: chain.parameters.epochLength))
    }

    /// A fresh job id, distinct per market tag and counter.
    func nextJob() -> Hash32 {
        jobCounter += 1
        return Hash32.digest(parts: [Array("proofmint/scenario/job/\(tag)".utf8), Array(String(jobCounter).utf8)])
    }

    /// The `submit-proof` payload for a receipt `consumer` signs for `provider` in the running epoch.
    func receipt(
        consumer: ScenarioChain.Participant, provider: ScenarioChain.Participant, price: Amount, units: UInt64, quality: UInt8,
        epoch: UInt64, job: Hash32? = nil, isFake: Bool
    ) -> (Hash32, Payload) {
        let id = job ?? nextJob()
        let receipt = ComputeReceipt(
            chainId: ScenarioChain.chainId, jobId: id, consumer: consumer.key.publicKey, provider: provider.address, epoch: epoch,
            workload: "llama-3-8b", modelHash: Hash32.digest(Array("model".utf8)), inputHash: Hash32.digest(id.bytes + [1]),
            outputHash: Hash32.digest(id.bytes + [2]), units: units, quality: quality, price: price)
        if isFake { fake.insert(id) }
        return (id, .submitProof(receipt.signed(by: consumer.key)))
    }

    /// Submits receipts (in as few blocks as the block limit allows) and requires each to be accepted.
    func submitReceipts(_ receipts: [(ScenarioChain.Participant, Hash32, Payload)]) throws(ScenarioError) {
        let results = try chain.submit(receipts.map { ($0.0, $0.2) })
        for (index, result) in results.enumerated() where result.code != 0 {
            throw .chain("receipt \(index) was refused: \(TransactionErrorCode.name(forCode: result.code))")
        }
        open += receipts.map(\.1)
    }

    func record(_ job: Hash32) throws(ScenarioError) -> ReceiptRecord? { try chain.record(ReceiptRecord.self, at: .receipt(job)) }

    /// Gives every verdict now due: each assigned receipt gets its validator's verdict (`malicious` from an honest
    /// validator on fake work, `pass` at the consumer's score otherwise). Receipts past validation leave the list.
    func answerAssigned() throws(ScenarioError) {
        var verdicts = [(ScenarioChain.Participant, Payload)]()
        var still = [Hash32]()
        for job in open {
            guard let record = try record(job) else { continue }
            switch record.validation {
            case .pendingSample: still.append(job)
            case .assigned:
                guard let validator = record.validator, let checker = checkers.first(where: { $0.participant.address == validator }) else {
                    still.append(job)
                    continue
                }
                let bad = fake.contains(job) && !checker.colludes
                let request = VerdictRequest(jobId: job, verdict: bad ? .malicious : .pass, quality: bad ? 0 : record.score, slashBps: 0)
                verdicts.append((checker.participant, .validate(request)))
                self.verdicts[job] = (validator, request.verdict)
            default: continue
            }
        }
        open = still
        guard !verdicts.isEmpty else { return }
        for result in try chain.submit(verdicts) where result.code != 0 {
            throw .chain("a verdict was refused: \(TransactionErrorCode.name(forCode: result.code))")
        }
    }

    /// Produces blocks up to `height`, answering every assignment as it appears (a diligent validator set).
    func run(to height: UInt64) throws(ScenarioError) {
        while chain.head.height < height {
            try chain.advance(to: chain.head.height + 1)
            try answerAssigned()
        }
    }

    /// Runs until epoch `epoch` is settled (its settlement finished), answering assignments meanwhile.
    func runUntilSettled(_ epoch: UInt64, limit: UInt64 = 2_000) throws(ScenarioError) {
        let stop = chain.head.height + limit
        while chain.head.height < stop {
            if let record = try chain.record(EpochRecord.self, at: .epochRecord(epoch)), record.settlement?.finishedAt != nil { return }
            // A pruned epoch (behind the settlement cursor) is settled too.
            if let cursor = try chain.record(SettlementCursor.self, at: .settlement), cursor.epoch > epoch { return }
            try run(to: chain.head.height + 1)
        }
        throw .chain("epoch \(epoch) did not settle within \(limit) blocks")
    }

    /// What `address` holds in all: balance, stake and unbonding entries.
    func holdings(_ address: Address) throws(ScenarioError) -> Amount {
        let stake = try chain.record(Stake.self, at: .stake(address))?.amount ?? 0
        let unbonding = try chain.record(UnbondingQueue.self, at: .unbonding(address))?.total ?? 0
        return try chain.balance(address) + stake + unbonding
    }

    func stake(_ address: Address) throws(ScenarioError) -> Stake? { try chain.record(Stake.self, at: .stake(address)) }

    /// The emission of one epoch at the start of the schedule: `initial_annual_emission / ⌊blocks_per_year / epoch_length⌋`.
    static func epochEmission(_ parameters: Parameters) -> Amount {
        let epochs = max(1, parameters.compute.blocksPerYear / max(1, parameters.epochLength))
        return parameters.compute.initialAnnualEmission / Amount(epochs)
    }
}

/// Display helpers for scenario reports (Double is used for display only, never in anything the chain computes).
enum ScenarioFormat {
    static func ai(_ amount: Amount) -> String { "\(Tokens.format(amount)) AI" }

    /// A signed amount in AI: `gain − loss`.
    static func signed(_ gain: Amount, minus loss: Amount) -> String {
        gain >= loss ? "+\(Tokens.format(gain - loss)) AI" : "−\(Tokens.format(loss - gain)) AI"
    }

    static func percent(_ numerator: Double, _ denominator: Double, digits: Int = 1) -> String {
        guard denominator > 0 else { return "n/a" }
        return String(format: "%.\(digits)f%%", 100 * numerator / denominator)
    }

    static func aiDouble(_ value: Double) -> String { String(format: "%+.4f AI", value) }

    static func toDouble(_ amount: Amount) -> Double { Double(amount) / Double(Tokens.one) }
}
