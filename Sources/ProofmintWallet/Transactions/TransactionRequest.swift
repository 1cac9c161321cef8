import ProofmintCore

/// Any transaction before its signature: what to do (`payload`) plus the chain, fee, nonce and expiry it is signed for.
/// Every `tx` command builds one of these and signs it locally.
public struct TransactionRequest: Equatable, Sendable {
    public var chainId: String
    public var payload: Payload
    public var fee: Amount
    public var nonce: UInt64
    /// The last height at which the transaction may be included; nil for none.
    public var expiry: UInt64?

    public init(chainId: String, payload: Payload, fee: Amount = WalletInput.defaultFee, nonce: UInt64, expiry: UInt64? = nil) {
        self.chainId = chainId
        self.payload = payload
        self.fee = fee
        self.nonce = nonce
        self.expiry = expiry
    }

    /// The unsigned transaction from `sender`.
    public func transaction(sender: Ed25519.PublicKey) -> Transaction {
        Transaction(chainId: chainId, sender: sender, nonce: nonce, fee: fee, expiry: expiry, payload: payload)
    }

    /// The transaction signed by `key`, which is also its sender.
    public func signed(by key: Ed25519.PrivateKey) -> SignedTransaction {
        transaction(sender: key.publicKey).signed(by: key)
    }
}
