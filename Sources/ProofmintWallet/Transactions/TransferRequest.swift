import ProofmintCore

/// Everything a transfer needs besides the key: built from user input, then signed locally (online or offline).
public struct TransferRequest: Equatable, Sendable {
    public var chainId: String
    public var recipient: Address
    public var amount: Amount
    public var fee: Amount
    public var memo: Bytes
    public var nonce: UInt64
    /// The last height at which the transaction may be included; nil for none.
    public var expiry: UInt64?

    public init(
        chainId: String, recipient: Address, amount: Amount, fee: Amount = WalletInput.defaultFee, memo: Bytes = [],
        nonce: UInt64, expiry: UInt64? = nil
    ) {
        self.chainId = chainId
        self.recipient = recipient
        self.amount = amount
        self.fee = fee
        self.memo = memo
        self.nonce = nonce
        self.expiry = expiry
    }

    /// The general request this transfer is.
    public var request: TransactionRequest {
        TransactionRequest(
            chainId: chainId, payload: .transfer(Transfer(recipient: recipient, amount: amount, memo: memo)), fee: fee, nonce: nonce,
            expiry: expiry)
    }

    /// The unsigned transaction from `sender`.
    public func transaction(sender: Ed25519.PublicKey) -> Transaction { request.transaction(sender: sender) }

    /// The transaction signed by `key`, which is also its sender.
    public func signed(by key: Ed25519.PrivateKey) -> SignedTransaction { request.signed(by: key) }
}
