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
