import ProofmintCore

/// A transaction's receipt: its stable code and name, the message for that code, the fee charged and the events.
public struct ReceiptView: RPCNamedObject {
    public static let rpcName = "Receipt"

    public var transactionId: Hash32
    /// 0 for success, otherwise the transaction error code (PROTOCOL.md §8.6).
    public var code: UInt64
    /// `ok` or the error name.
    public var status: String
    /// What rule a failure broke (null for `ok`); informative, may be reworded between versions.
    public var message: String?
    public var feeCharged: Amount
    public var events: [EventView]

    public init(_ receipt: Receipt) {
        transactionId = receipt.transactionId
        code = UInt64(receipt.code)
        status = TransactionError.name(forCode: receipt.code)
        message = TransactionErrorCode.message(forCode: receipt.code)
        feeCharged = receipt.feeCharged
        events = receipt.events.map(EventView.init)
    }

    public var succeeded: Bool { code == 0 }

    /// `nothing_matured (code 110): no unbonding entry has matured yet …`
    public var failureText: String { "\(status) (code \(code))" + (message.map { ": \($0)" } ?? "") }
}
