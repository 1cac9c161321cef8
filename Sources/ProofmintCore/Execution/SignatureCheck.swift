/// What checking one transaction's signatures found: the sender's over the transaction and, in a `submit-proof`, the
/// consumer's over its receipt. Both depend only on the transaction's bytes (each signed message holds everything it
/// covers; PROTOCOL.md §3 and §7), so a check made ahead of execution (on every core, by `SignatureBatch`, or once at
/// admission, by `VerifiedTransaction`) holds when the transaction executes. Execution consults these flags at the
/// place each check has in the admission order, so the first failure reported is the same either way.
public struct SignatureCheck: Sendable, Hashable {
    /// The sender's signature over the transaction.
    public let transaction: Bool
    /// The consumer's signature over a `submit-proof`'s receipt; true for a payload that carries no receipt.
    public let receipt: Bool

    /// Both signatures valid (or no receipt): what a transaction verified at admission brings to its block.
    public static let valid = SignatureCheck(transaction: true, receipt: true)

    public init(transaction: Bool, receipt: Bool) {
        self.transaction = transaction
        self.receipt = receipt
    }

    /// Checks `signed`'s signatures. A receipt is not checked when the transaction's own signature fails: a bad
    /// signature refuses the transaction before its payload is looked at, so the receipt's flag would never be read.
    public init(checking signed: SignedTransaction) {
        let transaction = signed.hasValidSignature()
        var receipt = true
        if transaction, case let .submitProof(signedReceipt) = signed.transaction.payload {
            receipt = signedReceipt.hasValidSignature
        }
        self.init(transaction: transaction, receipt: receipt)
    }

    /// Whether every signature the transaction carries verified.
    public var allValid: Bool { transaction && receipt }
}
