import ProofmintCrypto

/// What a `Stake` record keeps of its tier's claim (§6.2): nothing (tier 0), the bare hash (tier 1), or what the
/// chain needs to keep judging a checked attestation (tiers 2–4): whose key signed it, until when, and since when.
/// Tags 0 and 1 encode exactly as protocol 2's `optional<bytes32>`.
public enum TierProof: Equatable, Sendable {
    case none
    case hash(Hash32)
    case attested(Attested)

    /// A checked attestation, as stored: the signature was verified by the `stake` that wrote it and is not kept.
    public struct Attested: Equatable, Sendable {
        public var attestor: Ed25519.PublicKey
        public var measurement: Hash32
        public var expiresAt: UInt64
        /// The height of the `stake` that presented it: a revocation at or after it makes the stake reportable.
        public var attestedAt: UInt64

        public init(attestor: Ed25519.PublicKey, measurement: Hash32, expiresAt: UInt64, attestedAt: UInt64) {
            self.attestor = attestor
            self.measurement = measurement
            self.expiresAt = expiresAt
            self.attestedAt = attestedAt
        }
    }

    public init(hash: Hash32?) { self = hash.map(TierProof.hash) ?? .none }

    public var attested: Attested? {
        if case let .attested(attested) = self { return attested }
        return nil
    }

    /// The bare hash of a tier-1 claim (nil otherwise).
    public var hash: Hash32? {
        if case let .hash(hash) = self { return hash }
        return nil
    }
}

extension TierProof: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        switch self {
        case .none: writer.u8(0)
        case let .hash(hash):
            writer.u8(1)
            writer.hash(hash)
        case let .attested(attested):
            writer.u8(2)
            writer.fixed(attested.attestor.bytes)
            writer.hash(attested.measurement)
            writer.u64(attested.expiresAt)
            writer.u64(attested.attestedAt)
        }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> TierProof {
        let at = reader.offset
        switch try reader.u8() {
        case 0: return .none
        case 1: return .hash(try reader.hash())
        case 2:
            return .attested(
                Attested(attestor: try reader.publicKey(), measurement: try reader.hash(), expiresAt: try reader.u64(), attestedAt: try reader.u64()))
        case let tag: throw .unknownTag(type: "tier proof", tag: tag, offset: at)
        }
    }
}
