import ProofmintCrypto

/// A transaction with the sender's Ed25519 signature over its signing message.
public struct SignedTransaction: Equatable, Sendable {
    public let transaction: Transaction
    public let signature: Bytes
    /// Derived once: the id, the sender's address and the encoded size are needed many times per block.
    public let id: Hash32
    /// BLAKE2b-256 of the signed bytes: what the block's transaction root commits to, so a block hash pins the
    /// exact signatures too (the id alone would not: a sender can produce several valid signatures).
    public let witnessHash: Hash32
    public let senderAddress: Address
    public let encodedSize: Int

    public init(transaction: Transaction, signature: Bytes) {
        self.transaction = transaction
        self.signature = signature
        let unsigned = transaction.canonicalBytes
        self.id = Hash32.digest(unsigned)
        self.witnessHash = Hash32.digest(unsigned + signature)
        self.senderAddress = transaction.senderAddress
        self.encodedSize = unsigned.count + signature.count
    }

    public static func == (lhs: SignedTransaction, rhs: SignedTransaction) -> Bool {
        lhs.transaction == rhs.transaction && lhs.signature == rhs.signature
    }

    public func hasValidSignature() -> Bool {
        transaction.sender.isValidSignature(signature, for: transaction.signingMessage)
    }
}

extension SignedTransaction: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.encode(transaction)
        writer.fixed(signature)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> SignedTransaction {
        SignedTransaction(transaction: try reader.decode(Transaction.self), signature: try reader.fixed(Ed25519.signatureLength))
    }
}
