import ProofmintCrypto

/// A registered attestor: `0x2A ‖ public key` → this record. Written by genesis or an executed `attestor` proposal;
/// revocation keeps the record (with `revokedAt`) so that attestations it signed can be reported (§9.10).
public struct AttestorRecord: Equatable, Sendable {
    public static let version: UInt8 = 1
    public static let maxNameBytes = 64

    public var name: String
    /// The highest privacy tier (2–4) this attestor may vouch for.
    public var maxTier: PrivacyTier
    public var addedAt: UInt64
    /// The height of the revoking proposal's execution; a revoked key is never trusted again.
    public var revokedAt: UInt64?

    public init(name: String, maxTier: PrivacyTier, addedAt: UInt64, revokedAt: UInt64? = nil) {
        self.name = name
        self.maxTier = maxTier
        self.addedAt = addedAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}

extension AttestorRecord: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.string(name)
        writer.u8(maxTier.rawValue)
        writer.u64(addedAt)
        writer.optional(revokedAt) { $0.u64($1) }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> AttestorRecord {
        try reader.expectVersion(Self.version, of: "attestor")
        let name = try reader.string(field: "attestor name", max: maxNameBytes)
        let at = reader.offset
        let tierByte = try reader.u8()
        guard let tier = PrivacyTier(rawValue: tierByte) else { throw .unknownTag(type: "privacy tier", tag: tierByte, offset: at) }
        return AttestorRecord(
            name: name, maxTier: tier, addedAt: try reader.u64(),
            revokedAt: try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.u64() })
    }
}
