import ProofmintCrypto

/// What an attestor (a key in the governance-managed registry, standing in for a TEE vendor's root) signs about one
/// provider: "on this chain, this provider's hardware with this measurement is good for this privacy tier until this
/// height". The provider presents it, signed, in a `stake` for tiers 2–4 (§9.10).
public struct Attestation: Equatable, Sendable {
    public static let version: UInt8 = 1

    /// The attestor's key: it signs the statement and names the registry record (`0x2A ‖ key`) it is judged by.
    public var attestor: Ed25519.PublicKey
    public var chainId: String
    /// Binds the statement to one provider: only that account can stake with it.
    public var provider: Address
    public var tier: PrivacyTier
    /// The hardware measurement the attestor vouched for (the TEE's report digest); stored, never interpreted.
    public var measurement: Hash32
    /// The last height at which the attestation counts.
    public var expiresAt: UInt64

    public init(
        attestor: Ed25519.PublicKey, chainId: String, provider: Address, tier: PrivacyTier, measurement: Hash32, expiresAt: UInt64
    ) {
        self.attestor = attestor
        self.chainId = chainId
        self.provider = provider
        self.tier = tier
        self.measurement = measurement
        self.expiresAt = expiresAt
    }

    /// What the attestor signs: the attestation domain tag, then the canonical bytes.
    public var signingMessage: Bytes { SigningDomain.attestation.message(canonicalBytes) }

    public func signed(by key: Ed25519.PrivateKey) -> SignedAttestation {
        SignedAttestation(attestation: self, signature: key.signature(for: signingMessage))
    }
}

/// An attestation with its attestor's signature: what a `stake` at tier 2–4 carries.
public struct SignedAttestation: Equatable, Sendable {
    public var attestation: Attestation
    public var signature: Bytes

    public init(attestation: Attestation, signature: Bytes) {
        self.attestation = attestation
        self.signature = signature
    }

    public var hasValidSignature: Bool { attestation.attestor.isValidSignature(signature, for: attestation.signingMessage) }
}

extension Attestation: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.fixed(attestor.bytes)
        writer.string(chainId)
        writer.fixed(provider.bytes)
        writer.u8(tier.rawValue)
        writer.hash(measurement)
        writer.u64(expiresAt)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Attestation {
        try reader.expectVersion(Self.version, of: "attestation")
        let attestor = try reader.publicKey()
        let chainId = try reader.string(field: "attestation chain id", max: Transaction.maxChainIdBytes)
        let provider = try reader.address()
        let at = reader.offset
        let tierByte = try reader.u8()
        guard let tier = PrivacyTier(rawValue: tierByte) else { throw .unknownTag(type: "privacy tier", tag: tierByte, offset: at) }
        return Attestation(
            attestor: attestor, chainId: chainId, provider: provider, tier: tier, measurement: try reader.hash(), expiresAt: try reader.u64())
    }
}

extension SignedAttestation: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.encode(attestation)
        writer.fixed(signature)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> SignedAttestation {
        SignedAttestation(attestation: try reader.decode(Attestation.self), signature: try reader.fixed(Ed25519.signatureLength))
    }
}
