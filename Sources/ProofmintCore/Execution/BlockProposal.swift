/// A block the producer assembled from mempool candidates: the header still needs the producer's signature.
public struct BlockProposal: Sendable {
    public let outcome: BlockOutcome
    public let transactions: [SignedTransaction]
    /// Candidates left out, with the reason (a stale nonce, a fee that can no longer be paid, …).
    public let dropped: [(transaction: SignedTransaction, error: TransactionError)]

    public var header: BlockHeader { outcome.header }
}
