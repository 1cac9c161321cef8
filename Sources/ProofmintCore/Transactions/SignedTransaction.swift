import ProofmintCrypto

/// A transaction with the sender's Ed25519 signature over its signing message.
///
/// A reference, so a block's, a mempool's and a check thread's copies of a transaction are one object: copied as a
/// value it cost ~6 reference counts and ~200 bytes a copy. The object keeps its signed bytes, so a block record, a
/// chain file, the signing message and the hashes below read them instead of encoding the transaction again.
public final class SignedTransaction: Equatable, Sendable, CustomStringConvertible {
    public let transaction: Transaction
    public let signature: Bytes
    /// The canonical signed bytes: the unsigned transaction's, then the signature. Decoded transactions keep the bytes
    /// they were read from, which are exactly these because every decoder refuses any other form of the same fields
    /// (PROTOCOL.md §1.3): the id and witness hash of a transaction hang on that.
    public let encoded: Bytes
    /// Derived once: the id and the sender's address are needed many times per block.
    public let id: Hash32
    /// BLAKE2b-256 of the signed bytes: what the block's transaction root commits to, so a block hash pins the
    /// exact signatures too (the id alone would not: a sender can produce several valid signatures).
    public let witnessHash: Hash32
    public let senderAddress: Address

    /// The signing message's domain tag, made once.
    private static let signingTag = SigningDomain.transaction.tag

    public convenience init(transaction: Transaction, signature: Bytes) {
        var writer = CanonicalWriter(capacity: 256)
        writer.encode(transaction)
        writer.fixed(signature)
        self.init(transaction: transaction, signature: signature, encoded: writer.bytes)
    }

    /// `encoded` must be the canonical encoding of `transaction` and `signature`: the decoder's input, or the encoder's
    /// output.
    private init(transaction: Transaction, signature: Bytes, encoded: Bytes) {
        self.transaction = transaction
        self.signature = signature
        self.encoded = encoded
        let unsignedCount = encoded.count - signature.count
        (id, witnessHash) = encoded.withUnsafeBytes { bytes in
            (Hash32.digest(raw: UnsafeRawBufferPointer(rebasing: bytes.prefix(unsignedCount))), Hash32.digest(raw: bytes))
        }
        senderAddress = transaction.senderAddress
    }

    /// The length of the signed bytes, which the size limits and fees count.
    public var encodedSize: Int { encoded.count }

    /// The canonical unsigned bytes: what the id hashes and the sender signs (after the domain tag).
    public var unsignedBytes: ArraySlice<UInt8> { encoded.prefix(encoded.count - signature.count) }

    /// Equal signed bytes with the same split between transaction and signature: the same fields and signature.
    public static func == (lhs: SignedTransaction, rhs: SignedTransaction) -> Bool {
        lhs === rhs || (lhs.signature.count == rhs.signature.count && lhs.encoded == rhs.encoded)
    }

    public var description: String { "SignedTransaction(\(transaction.payload.kind.name) \(id.hex), nonce \(transaction.nonce))" }

    public func hasValidSignature() -> Bool {
        transaction.sender.isValidSignature(signature, for: Self.signingTag + unsignedBytes)
    }
}

extension SignedTransaction: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.fixed(encoded)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> SignedTransaction {
        let start = reader.offset
        let transaction = try reader.decode(Transaction.self)
        let signature = try reader.fixed(Ed25519.signatureLength)
        return SignedTransaction(transaction: transaction, signature: signature, encoded: reader.bytes(since: start))
    }
}
