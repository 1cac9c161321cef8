import ProofmintCrypto

/// A block executed under a `ConsensusBlock`: the outcome (its header complete with roots) and, for every transaction
/// passed in, whether it was included or left out, and why.
public struct ConsensusOutcome: Sendable {
    public let outcome: BlockOutcome
    /// The transactions in the block, in order.
    public let included: [SignedTransaction]
    /// Their indexes into the transactions passed in.
    public let includedIndexes: [Int]
    /// Indexes (into the transactions passed in) of those left out, with the reason; empty for a block every node
    /// should accept (`ProcessProposal`).
    public let dropped: [(index: Int, error: TransactionError)]

    /// The block record to store: the header with no producer signature (64 zero bytes, as the genesis block has).
    public var block: Block {
        Block(header: outcome.header, signature: Bytes(repeating: 0, count: Ed25519.signatureLength), transactions: included)
    }
}
