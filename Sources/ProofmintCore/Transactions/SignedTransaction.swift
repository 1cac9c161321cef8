import ProofmintCrypto

/// A transaction with the sender's Ed25519 signature over its signing message.
///
/// A reference: a block's, a mempool's and a check thread's copies of a transaction are one object (a copy of the
/// value it was carried ~6 reference counts and 200 bytes), and the object keeps its signed bytes, so a block record, a
/// chain file and the hashes below read them instead of encoding the transaction again.
public final class SignedTransaction: Equatable, Sendable {
    public let transaction: Transaction
    public let signature: Bytes
    /// The canonical signed bytes: the unsigned transaction's, then the signature.
    public let encoded: Bytes
    /// Derived once: the id, the sender's address and the encoded size are needed many times per block.
    public let id: Hash32
    /// BLAKE2b-256 of the signed bytes: what the block's transaction root commits to, so a block hash pins the
    /// exact signatures too (the id alone would not: a sender can produce several valid signatures).
    public let witnessHash: Hash32
    public let senderAddress: Address

    public convenience init(transaction: Transaction, signature: Bytes) {
        var writer = CanonicalWriter(capacity: 256)
        writer.encode(transaction)
        writer.fixed(signature)
        self.init(transaction: transaction, signature: signature, encoded: writer.bytes)
    }

    /// `encoded` must be the canonical encoding of `transaction` and `signature`. The decoder passes the bytes it
    /// read, which are exactly that because it refuses every other form (checked here in debug builds, and by the
    /// fuzz target's round trip).
    private init(transaction: Transaction, signature: Bytes, encoded: Bytes) {
        self.transaction = transaction
        self.signature = signature
        self.encoded = encoded
        let unsignedCount = encoded.count - signature.count
        (id, witnessHash) = encoded.withUnsafeBytes { bytes in
            (Hash32.digest(raw: UnsafeRawBufferPointer(rebasing: bytes.prefix(unsignedCount))), Hash32.digest(raw: bytes))
        }
        senderAddress = transaction.senderAddress
        assert(encoded == transaction.canonicalBytes + signature, "a decoded transaction's bytes are not its canonical encoding")
    }

    /// The length of the signed bytes, which the block size limit and fees count.
    public var encodedSize: Int { encoded.count }

    /// The canonical unsigned bytes: what the id hashes and the sender signs (after the domain tag).
    public var unsignedBytes: ArraySlice<UInt8> { encoded.prefix(encoded.count - signature.count) }

    public static func == (lhs: SignedTransaction, rhs: SignedTransaction) -> Bool {
        lhs === rhs || lhs.encoded == rhs.encoded
    }

    public func hasValidSignature() -> Bool {
        transaction.sender.isValidSignature(signature, for: SigningDomain.transaction.tag + unsignedBytes)
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
