import ProofmintCrypto

/// An unsigned transaction: who sends it, on which chain, in which order, for what fee, doing what.
public struct Transaction: Equatable, Sendable {
    public static let version: UInt8 = 1
    public static let maxChainIdBytes = 64

    public var chainId: String
    public var sender: Ed25519.PublicKey
    /// Must equal the sender account's nonce when included.
    public var nonce: UInt64
    public var fee: Amount
    /// The last height at which the transaction may be included; nil for no limit.
    public var expiry: UInt64?
    public var payload: Payload

    public init(chainId: String, sender: Ed25519.PublicKey, nonce: UInt64, fee: Amount, expiry: UInt64? = nil, payload: Payload) {
        self.chainId = chainId
        self.sender = sender
        self.nonce = nonce
        self.fee = fee
        self.expiry = expiry
        self.payload = payload
    }

    public var senderAddress: Address { Address(publicKey: sender) }

    /// The transaction id: BLAKE2b-256 of the canonical unsigned bytes, known before signing.
    public var id: Hash32 { Hash32.digest(canonicalBytes) }

    /// What the sender signs: the transaction domain tag, then the canonical bytes.
    public var signingMessage: Bytes { SigningDomain.transaction.message(canonicalBytes) }

    public func signed(by key: Ed25519.PrivateKey) -> SignedTransaction {
        SignedTransaction(transaction: self, signature: key.signature(for: signingMessage))
    }
}

extension Transaction: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.string(chainId)
        writer.fixed(sender.bytes)
        writer.u64(nonce)
        writer.u128(fee)
        writer.optional(expiry) { $0.u64($1) }
        writer.encode(payload)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Transaction {
        try reader.expectVersion(Self.version, of: "transaction")
        return Transaction(
            chainId: try reader.string(field: "chain id", max: maxChainIdBytes),
            sender: try reader.publicKey(),
            nonce: try reader.u64(),
            fee: try reader.u128(),
            expiry: try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.u64() },
            payload: try reader.decode(Payload.self))
    }
}
