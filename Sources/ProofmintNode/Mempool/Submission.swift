import ProofmintCore

/// A transaction as it reaches the node, decoded and its signature checked before it enters the node's actor: the
/// checks that need no state run on the caller's thread, so concurrent submissions use every core, and the actor keeps
/// only what needs the head state and the mempool (issue 14, point 3).
public struct Submission: Sendable {
    let size: Int
    let decoded: Result<SignedTransaction, NodeError>
    /// Present when the signature verified. Absent, admission checks the transaction from the start and reports its
    /// first failure in the usual order (a wrong chain id before a bad signature).
    let verified: VerifiedTransaction?

    public init(_ bytes: Bytes) {
        size = bytes.count
        do {
            let transaction = try SignedTransaction(canonical: bytes)
            decoded = .success(transaction)
            verified = VerifiedTransaction(verifying: transaction)
        } catch {
            decoded = .failure(.mempool(.malformed(error.description)))
            verified = nil
        }
    }
}
