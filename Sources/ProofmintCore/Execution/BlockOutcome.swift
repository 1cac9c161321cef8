/// Everything a block did, for storage to commit in one transaction. Nothing has been written yet.
public struct BlockOutcome: Sendable {
    public let header: BlockHeader
    /// Net state writes, sorted by key; nil deletes.
    public let stateWrites: [(key: StateKey, value: Bytes?)]
    /// State tree node writes, sorted by path; nil deletes.
    public let treeNodes: [(path: NodePath, node: TreeNode?)]
    public let receipts: [Receipt]

    public var stateRoot: Hash32 { header.stateRoot }

    public init(header: BlockHeader, stateWrites: [(key: StateKey, value: Bytes?)], treeNodes: [(path: NodePath, node: TreeNode?)], receipts: [Receipt]) {
        self.header = header
        self.stateWrites = stateWrites
        self.treeNodes = treeNodes
        self.receipts = receipts
    }
}

/// A block the producer assembled from mempool candidates: the header still needs the producer's signature.
public struct Proposal: Sendable {
    public let outcome: BlockOutcome
    public let transactions: [SignedTransaction]
    /// Candidates left out, with the reason (a stale nonce, a fee that can no longer be paid, …).
    public let dropped: [(transaction: SignedTransaction, error: TransactionError)]

    public var header: BlockHeader { outcome.header }
}
