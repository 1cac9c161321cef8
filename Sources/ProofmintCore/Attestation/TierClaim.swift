/// What a `stake` offers for its privacy tier (§3.3): nothing for tier 0, the bare attestation hash for tier 1, an
/// attestor-signed attestation for tiers 2–4. Tags 0 and 1 encode exactly as protocol 2's `optional<bytes32>`.
public enum TierClaim: Equatable, Sendable {
    case none
    case hash(Hash32)
    case signed(SignedAttestation)

    static let noneTag: UInt8 = 0
    static let hashTag: UInt8 = 1
    static let signedTag: UInt8 = 2

    /// The claim protocol 2 would have made: a hash or nothing.
    public init(hash: Hash32?) { self = hash.map(TierClaim.hash) ?? .none }

    public var signedAttestation: SignedAttestation? {
        if case let .signed(signed) = self { return signed }
        return nil
    }
}

extension TierClaim: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        switch self {
        case .none: writer.u8(Self.noneTag)
        case let .hash(hash):
            writer.u8(Self.hashTag)
            writer.hash(hash)
        case let .signed(signed):
            writer.u8(Self.signedTag)
            writer.encode(signed)
        }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> TierClaim {
        let at = reader.offset
        switch try reader.u8() {
        case noneTag: return .none
        case hashTag: return .hash(try reader.hash())
        case signedTag: return .signed(try reader.decode(SignedAttestation.self))
        case let tag: throw .unknownTag(type: "tier claim", tag: tag, offset: at)
        }
    }
}
