import ProofmintCore
import ProofmintRPC
import ProofmintStorage

/// `pm_getReceipt`, `pm_getPendingValidations`, `pm_getChallenges` and `pm_getComputeValidators` (docs/RPC.md): what a
/// validator, a consumer or a provider needs to act on sampled validation and challenges in time. Each answer is
/// read from one snapshot.
///
/// Pending work is found through the compute due index (`0x25`/`0x26`): every sampling, verdict deadline and
/// challenge deadline is filed there under its height and taken out at the end of that block, so the index holds
/// exactly the future heights. Reading all of it (rather than a window from the parameters) stays right when
/// governance changes a window after a deadline was set. An entry can outlive its reason (a verdict before the
/// deadline leaves it), so each record is read and its status checked.
extension RPCMethods {
    /// The most challenges one `pm_getChallenges` call with `open_only: false` returns.
    static let maxChallenges = 1000

    func receiptRecord(_ params: JobParams) throws(RPCErrorObject) -> ReceiptRecordResult {
        try read { snapshot in
            guard let record = try snapshot.record(ReceiptRecord.self, at: .receipt(params.jobId)) else {
                throw RPCErrorObject.notFound(
                    "no receipt record for job \(params.jobId): it was never accepted on this chain, or its epoch settled and the record was pruned")
            }
            return ReceiptRecordResult(height: try snapshot.height(), record: ReceiptRecordView(job: params.jobId, record))
        }
    }

    func pendingValidations(_ params: PendingValidationsParams) throws(RPCErrorObject) -> PendingValidationsResult {
        try read { snapshot in
            let waiting = try Self.dueRecords(snapshot).filter { _, record in
                record.validation == .assigned && (params.validator == nil || record.validator == params.validator)
            }
            let sorted = waiting.sorted { ($0.record.deadline, $0.job.hex) < ($1.record.deadline, $1.job.hex) }
            return PendingValidationsResult(height: try snapshot.height(), validations: sorted.map { ReceiptRecordView(job: $0.job, $0.record) })
        }
    }

    func challenges(_ params: ChallengesParams) throws(RPCErrorObject) -> ChallengesResult {
        try read { snapshot in
            var found: [(job: Hash32, record: ReceiptRecord)]
            if params.openOnly ?? true {
                found = try Self.dueRecords(snapshot).filter { $0.record.challenge?.outcome == .open }
            } else {
                found = []
                for (key, value) in try snapshot.entries(of: .receipt) {
                    let record = try StateKey.decode(ReceiptRecord.self, value, storedAt: key)
                    guard record.challenge != nil else { continue }
                    found.append((try Self.job(in: key), record))
                    if found.count >= Self.maxChallenges { break }
                }
            }
            let deadline = { (record: ReceiptRecord) in record.challenge?.deadline ?? 0 }
            found.sort { (deadline($0.record), $0.job.hex) < (deadline($1.record), $1.job.hex) }
            return ChallengesResult(height: try snapshot.height(), challenges: found.map { ReceiptRecordView(job: $0.job, $0.record) })
        }
    }

    func computeValidators() throws(RPCErrorObject) -> ComputeValidatorsResult {
        try read { snapshot in
            let rules = try snapshot.parameters().compute.verification
            let set = try snapshot.record(ComputeValidators.self, at: .computeValidators) ?? .empty
            var total: Amount = 0
            var listed = [ComputeValidatorView]()
            for member in set.members {
                let stake = try snapshot.record(Stake.self, at: .stake(member))
                // The core's rule (ValidatorModule.eligibleStake): counted if unjailed and at least the minimum.
                let counted: Amount = if let stake, !stake.jailed, stake.amount >= rules.validatorMinStake { stake.amount } else { 0 }
                let (sum, overflow) = total.addingReportingOverflow(counted)
                guard !overflow else { throw StateReadError("the compute validators' stake overflows 128 bits") }
                total = sum
                listed.append(ComputeValidatorView(address: member, bonded: stake?.amount ?? 0, jailed: stake?.jailed ?? false, countedStake: counted))
            }
            return ComputeValidatorsResult(
                height: try snapshot.height(), minStake: rules.validatorMinStake, maxValidators: UInt64(rules.maxValidators),
                totalStake: total, validators: listed)
        }
    }

    /// Every receipt record named in the due index, once each, in index order.
    private static func dueRecords(_ snapshot: StateSnapshot) throws -> [(job: Hash32, record: ReceiptRecord)] {
        var seen = Set<Hash32>()
        var records = [(job: Hash32, record: ReceiptRecord)]()
        for (key, value) in try snapshot.entries(of: .computeDue) {
            guard value.count == 32 else { throw StateReadError("compute due entry \(key.bytes.hex) holds \(value.count) bytes, not a job id") }
            let job = try Hash32(bytes: value)
            guard seen.insert(job).inserted, let record = try snapshot.record(ReceiptRecord.self, at: .receipt(job)) else { continue }
            records.append((job, record))
        }
        return records
    }

    private static func job(in key: StateKey) throws(StateReadError) -> Hash32 {
        do { return try Hash32(bytes: Array(key.bytes.dropFirst())) } catch { throw StateReadError("state key \(key.bytes.hex) holds no job id: \(error)") }
    }
}
