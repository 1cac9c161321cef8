import ProofmintCore

/// One key of the attestor registry (`pm_getAttestors`).
public struct AttestorView: RPCNamedObject {
    public static let rpcName = "Attestor"

    public var publicKey: Hex
    public var name: String
    public var maxTier: UInt64
    public var addedAt: UInt64
    /// The height of its revocation; absent while it is trusted.
    @Omittable public var revokedAt: UInt64?

    public init(publicKey: Ed25519.PublicKey, record: AttestorRecord) {
        self.publicKey = Hex(publicKey.bytes)
        name = record.name
        maxTier = UInt64(record.maxTier.rawValue)
        addedAt = record.addedAt
        revokedAt = record.revokedAt
    }
}
