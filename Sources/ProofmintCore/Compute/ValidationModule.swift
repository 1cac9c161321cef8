import ProofmintCrypto

/// Sampled validation (seed 003's `ValidationTask`): which receipts are checked, by whom, and what a verdict does.
///
/// A receipt accepted at height `h` is looked at by the end of block `h + compute.sample_delay_blocks`, whose
/// randomness mix already holds the beacons of every block after `h` up to it (§ "Why the sampling cannot be
/// steered"): `seed = BLAKE2b-256("proofmint/sample/v1" ‖ mix ‖ job id)`. It is sampled if the seed's first 8 bytes,
/// big-endian, modulo 10,000 fall below its sampling probability, and its validator is drawn from the same seed.
public enum ValidationModule {
    static let sampleDomain = Array("proofmint/sample/v1".utf8)

    static func validateBasic(_ request: VerdictRequest, parameters: Parameters) throws(TransactionError) {
        guard request.quality <= ComputeReceipt.maxQualityScore else {
            throw .verdictInvalid(reason: "quality \(request.quality) is above \(ComputeReceipt.maxQualityScore)")
        }
        let staking = parameters.staking
        if request.verdict == .slaViolation {
            guard request.slashBps >= staking.slashSLAMinBps, request.slashBps <= staking.slashSLAMaxBps else {
                throw .verdictInvalid(
                    reason: "an sla_violation slashes between \(staking.slashSLAMinBps) and \(staking.slashSLAMaxBps) bps, not \(request.slashBps)")
            }
        } else if request.slashBps != 0 {
            throw .verdictInvalid(reason: "only an sla_violation names a slash rate")
        }
    }

    /// The seed that decides a receipt's sampling and validator at the current block: a hash of chain data (the mix and
    /// the job id), so every node draws the same receipt and the same validator.
    static func seed(job: Hash32, state: StateOverlay) throws(TransactionError) -> Hash32 {
        Hash32.digest(sampleDomain + (try state.randomnessMix()).bytes + job.bytes)
    }

    /// End of block at the receipt's sampling height: draw whether it is checked, and by whom.
    static func sample(_ record: inout ReceiptRecord, job: Hash32, context: BlockContext, state: inout StateOverlay) throws(TransactionError) {
        // A receipt already removed by an upheld challenge is not checked again: one receipt, one punishment.
        guard record.isStanding else {
            record.validation = .notSampled
            record.deadline = 0
            return
        }
        let rules = context.parameters.compute.verification
        let seed = try seed(job: job, state: state)
        let draw = seed.bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % 10_000
        // A block made after a passed turn samples everything it decides: withholding buys no second draw (§11.11).
        guard context.turnPassed || draw < UInt64(rules.sampleProbabilityBps(value: record.value)) else {
            record.validation = .notSampled
            record.deadline = 0
            return
        }
        try assign(&record, job: job, seed: seed, excluding: [], context: context, state: &state)
    }

    /// Hands the receipt to a validator drawn from `seed` (a second draw for each reassignment uses its own seed),
    /// or lets it stand unverified when no validator can be drawn.
    private static func assign(
        _ record: inout ReceiptRecord, job: Hash32, seed: Hash32, excluding extra: [Address], context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) {
        let rules = context.parameters.compute.verification
        let draw = Hash32.digest(seed.bytes + [record.missed])
        guard let validator = try ValidatorModule.draw(
            seed: draw, excluding: [record.provider, record.consumer] + extra, rules: rules, state: state)
        else {
            record.validation = .unverified
            record.validator = nil
            record.deadline = 0
            return
        }
        record.validation = .assigned
        record.validator = validator
        record.deadline = context.height.saturatingAdd(rules.validationWindowBlocks)
        try state.scheduleComputeDue(job, at: record.deadline)
        try ProofModule.holdEpochOpen(record, until: record.deadline, state: &state)
    }

    /// End of block at an assigned receipt's deadline with no verdict: the validator is slashed and the receipt
    /// handed to another (drawn from this block's mix), up to `compute.max_reassignments` times.
    static func missed(_ record: inout ReceiptRecord, job: Hash32, context: BlockContext, state: inout StateOverlay) throws(TransactionError) {
        let rules = context.parameters.compute.verification
        guard let late = record.validator else { return }
        _ = try StakingModule.slash(late, bps: rules.missedValidationSlashBps, reason: .missedValidation, height: context.height, state: &state)
        record.missed = record.missed < UInt8.max ? record.missed + 1 : record.missed
        guard record.missed <= rules.maxReassignments else {
            record.validation = .unverified
            record.deadline = 0
            return
        }
        try assign(&record, job: job, seed: try seed(job: job, state: state), excluding: [late], context: context, state: &state)
    }

    /// The `validate` transaction: the assigned validator's verdict, in time.
    static func verdict(
        _ request: VerdictRequest, validator: Address, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        guard var record = try state.receiptOrFail(request.jobId) else { throw .unknownReceipt(job: request.jobId) }
        guard record.validation == .assigned else { throw .notAwaitingVerdict(status: record.validation.name) }
        guard record.validator == validator else { throw .notAssignedValidator }
        let parameters = context.parameters
        var events = [Event]()
        var qualityBps = record.qualityBps
        if let reason = request.verdict.slashReason {
            record.validation = .failed
            // A receipt an upheld challenge already removed (and punished) is not punished again.
            if record.isStandingBeforeFailure {
                try ProofModule.reweigh(&record, to: 0, removing: true, state: &state)
                let bps: UInt16 = switch request.verdict {
                case .slaViolation: request.slashBps
                case .attestationFailure: parameters.staking.slashAttestationBps
                default: parameters.staking.slashMaliciousBps
                }
                events += try StakingModule.slash(record.provider, bps: bps, reason: reason, height: context.height, state: &state)
            }
        } else {
            record.validation = .passed
            qualityBps = parameters.compute.qualityMultiplierBps(score: min(record.score, request.quality))
            if record.isStanding {
                guard let weight = ProofModule.weight(value: record.value, qualityBps: qualityBps, tierBps: record.tierBps) else {
                    throw .balanceOverflow
                }
                try ProofModule.reweigh(&record, to: weight, removing: false, state: &state)
            }
            record.qualityBps = qualityBps
        }
        record.verdict = request.verdict
        record.deadline = 0
        state.put(record, at: .receipt(request.jobId))
        let reward = try payValidationReward(to: validator, value: record.value, rules: parameters.compute.verification, state: &state)
        return [.verdictGiven(jobId: request.jobId, validator: validator, verdict: request.verdict.rawValue, qualityBps: qualityBps, reward: reward)] + events
    }

    /// What a verdict on a receipt worth `value` earns: its validation fee divided by its sampling probability, so
    /// that what the validation account pays out matches, in expectation, what the receipts paid in (a receipt sampled
    /// one time in ten pays its checker ten times its fee); at most `compute.validation_reward`, and at most what the
    /// account holds. A pass and a failure pay the same, so a validator gains nothing by the verdict it gives, only by
    /// giving one in time.
    public static func validationReward(value: Amount, rules: VerificationParameters) -> Amount {
        let fee = FeeSplit.portion(value, rules.validationFeeBps)
        let probability = Amount(max(rules.sampleProbabilityBps(value: value), 1))
        let (scaled, overflow) = fee.multipliedReportingOverflow(by: 10_000)
        return min(rules.validationReward, overflow ? rules.validationReward : scaled / probability)
    }

    private static func payValidationReward(
        to validator: Address, value: Amount, rules: VerificationParameters, state: inout StateOverlay
    ) throws(TransactionError) -> Amount {
        let account = ModuleAccount.validation.address
        let reward = min(validationReward(value: value, rules: rules), try state.accountOrFail(account).balance)
        guard reward > 0 else { return 0 }
        try state.debit(account, reward)
        try state.credit(validator, reward)
        return reward
    }
}

extension ReceiptRecord {
    /// Standing apart from the validation step being decided now (a challenge may already have removed it).
    var isStandingBeforeFailure: Bool { challenge?.outcome != .upheld }
}
