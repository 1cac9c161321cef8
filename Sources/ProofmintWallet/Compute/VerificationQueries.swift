import ProofmintCore

/// `pm_getReceipt`, `pm_getPendingValidations`, `pm_getChallenges` and `pm_getComputeValidators`, decoded (and so
/// checked) before anything is printed.
extension NodeClient {
    public func receiptRecord(_ job: Hash32) async throws(RPCError) -> ReceiptRecordResult {
        try await call(Calls.GetReceipt.self, JobParams(jobId: job))
    }

    /// The record, or nil when the node has none (never accepted, or pruned): the `tx` commands' pre-checks.
    public func receiptRecordIfAny(_ job: Hash32) async throws(RPCError) -> ReceiptRecordView? {
        do {
            return try await receiptRecord(job).record
        } catch {
            if error.isNotFound { return nil }
            throw error
        }
    }

    public func pendingValidations(validator: Address? = nil) async throws(RPCError) -> PendingValidationsResult {
        try await call(Calls.GetPendingValidations.self, PendingValidationsParams(validator: validator))
    }

    public func challenges(openOnly: Bool = true) async throws(RPCError) -> ChallengesResult {
        try await call(Calls.GetChallenges.self, ChallengesParams(openOnly: openOnly))
    }

    public func computeValidators() async throws(RPCError) -> ComputeValidatorsResult {
        try await call(Calls.GetComputeValidators.self)
    }
}
