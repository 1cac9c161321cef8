import ProofmintCrypto

/// A transaction with the sender's Ed25519 signature over its signing message.
public struct SignedTransaction: Equatable, Sendable {
    public let transaction: Transaction
    public let signature: Bytes

    public init(transaction: Transaction, signature: Bytes) {
        self.transaction = transaction
        self.signature = signature
    }

    public var id: Hash32 { transaction.id }

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
