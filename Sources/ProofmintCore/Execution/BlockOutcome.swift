/// Everything a block did, for storage to commit in one transaction. Nothing has been written yet.
///
/// A class, though immutable: the pipeline hands an outcome from execution to the commit and layers it under the next
/// blocks (`LayeredState` walks its outcomes at every read), and a struct of six arrays and a header was copied, a
/// reference count each, at every step.
public final class BlockOutcome: Sendable {
    public let header: BlockHeader
    /// Net state writes, sorted by key; nil deletes.
    public let stateWrites: [(key: StateKey, value: Bytes?)]
    /// State tree node writes, sorted by path; nil deletes.
    public let treeNodes: [(path: NodePath, node: TreeNode?)]
    public let receipts: [Receipt]
    /// `stateWrites`' keys' `orderWord`s, in the same order: `LayeredState` bisects this array of plain words (contiguous,
    /// no reference counting) and compares whole keys only among the few whose words match.
    public let stateKeyWords: [UInt64]
    /// The receipts as storage keeps them, encoded once when the receipt root was computed.
    public let encodedReceipts: EncodedReceipts

    public var stateRoot: Hash32 { header.stateRoot }

    /// `encodedReceipts`, when given, must be `EncodedReceipts(receipts)`; it is computed when not.
    public init(
        header: BlockHeader, stateWrites: [(key: StateKey, value: Bytes?)], treeNodes: [(path: NodePath, node: TreeNode?)],
        receipts: [Receipt], encodedReceipts: EncodedReceipts? = nil
    ) {
        self.header = header
        self.stateWrites = stateWrites
        self.stateKeyWords = stateWrites.map(\.key.orderWord)
        self.treeNodes = treeNodes
        self.receipts = receipts
        self.encodedReceipts = encodedReceipts ?? EncodedReceipts(receipts)
    }
}
