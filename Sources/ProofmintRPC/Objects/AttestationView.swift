import ProofmintCore

/// An attestor-signed attestation (PROTOCOL.md §9.10), as a stake transaction carries it and as the file
/// `proofmint attest` writes and `proofmint tx stake --attestation FILE` reads.
public struct AttestationView: RPCNamedObject {
    public static let rpcName = "Attestation"

    /// The attestor's Ed25519 public key (64 hex digits).
    public var attestor: Hex
    public var chainId: String
    public var provider: Address
    public var tier: UInt64
    /// The TEE measurement the attestor vouched for.
    public var measurement: Hash32
    /// The last height at which the attestation counts.
    public var expiresAt: UInt64
    public var signature: Hex

    public init(_ signed: SignedAttestation) {
        let statement = signed.attestation
        attestor = Hex(statement.attestor.bytes)
        chainId = statement.chainId
        provider = statement.provider
        tier = UInt64(statement.tier.rawValue)
        measurement = statement.measurement
        expiresAt = statement.expiresAt
        signature = Hex(signed.signature)
    }

    /// The signed attestation back; a malformed key, tier or signature length is named. The signature itself is
    /// checked by the chain (`attestation_bad_signature`), and by `proofmint tx stake` before it signs.
    public func signedAttestation() throws(JSONShapeError) -> SignedAttestation {
        guard let key = try? Ed25519.PublicKey(bytes: attestor.bytes) else {
            throw JSONShapeError(path: "attestor", problem: "must be a 32-byte Ed25519 public key (64 hex digits)")
        }
        guard tier <= UInt64(UInt8.max), let tier = PrivacyTier(rawValue: UInt8(tier)) else { throw JSONShapeError(path: "tier", problem: "must be 0–4") }
        guard signature.bytes.count == Ed25519.signatureLength else { throw JSONShapeError(path: "signature", problem: "must be 64 bytes (128 hex digits)") }
        let statement = Attestation(
            attestor: key, chainId: chainId, provider: provider, tier: tier, measurement: measurement, expiresAt: expiresAt)
        return SignedAttestation(attestation: statement, signature: signature.bytes)
    }
}
