import ProofmintCore

/// `pm_getTransaction` params.
public struct TransactionParams: RPCObject {
    public var id: Hash32
    public init(id: Hash32) { self.id = id }
}

/// `pm_getTransaction` result: where the transaction is and, once included, its receipt.
public struct TransactionResult: RPCObject {
    public var id: Hash32
    /// `pending` or `included`.
    public var status: String
    public var height: UInt64?
    public var index: UInt64?
    public var blockHash: Hash32?
    public var transaction: TransactionView
    /// The canonical signed transaction.
    public var raw: Hex
    public var receipt: ReceiptView?

    public static func included(_ signed: SignedTransaction, height: UInt64, index: UInt64, blockHash: Hash32, receipt: Receipt?) -> Self {
        Self(
            id: signed.id, status: "included", height: height, index: index, blockHash: blockHash, transaction: TransactionView(signed),
            raw: Hex(signed.encoded), receipt: receipt.map(ReceiptView.init))
    }

    public static func pending(_ signed: SignedTransaction) -> Self {
        Self(
            id: signed.id, status: "pending", height: nil, index: nil, blockHash: nil, transaction: TransactionView(signed),
            raw: Hex(signed.encoded), receipt: nil)
    }

    public var isIncluded: Bool { status == "included" }
}
