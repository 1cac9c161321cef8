/// A provider's stake: `0x05 ‖ address` → this record.
public struct Stake: Equatable, Sendable {
    /// Active stake, in base units.
    public var amount: Amount
    /// The lock the provider chose, in epochs (drives the lock multiplier).
    public var lockEpochs: UInt32
    /// The height until which the stake cannot be unstaked.
    public var lockedUntil: UInt64
    public var tier: PrivacyTier
    /// The attestation hash for tiers ≥ 1 (the chain stores it; checking it is for the attestation's verifiers).
    public var attestation: Hash32?
    /// 0–1000: rises with accepted compute work, falls with slashes.
    public var reputation: UInt16
    /// Set by double-sign evidence or a malicious-behaviour slash; a jailed provider cannot add stake or earn.
    public var jailed: Bool
    /// The height of the last jailing (0 if never jailed): `unjail` is allowed from `jailedAt + jail_period_blocks`.
    public var jailedAt: UInt64

    public static let maxReputation: UInt16 = 1000

    public init(amount: Amount, lockEpochs: UInt32, lockedUntil: UInt64, tier: PrivacyTier, attestation: Hash32?, reputation: UInt16, jailed: Bool, jailedAt: UInt64 = 0) {
        self.amount = amount
        self.lockEpochs = lockEpochs
        self.lockedUntil = lockedUntil
        self.tier = tier
        self.attestation = attestation
        self.reputation = reputation
        self.jailed = jailed
        self.jailedAt = jailedAt
    }

    /// A stake with nothing in it and nothing to remember is not stored (a jail height only matters while jailed).
    var isEmpty: Bool { amount == 0 && reputation == 0 && !jailed }
}

extension Stake: CanonicalCodable {
    /// 2 since protocol version 2: `jailed_at` follows `jailed`.
    static let version: UInt8 = 2

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u128(amount)
        writer.u32(lockEpochs)
        writer.u64(lockedUntil)
        writer.u8(tier.rawValue)
        writer.optional(attestation) { $0.fixed($1.bytes) }
        writer.u16(reputation)
        writer.bool(jailed)
        writer.u64(jailedAt)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Stake {
        try reader.expectVersion(Self.version, of: "stake")
        let amount = try reader.u128()
        let lockEpochs = try reader.u32()
        let lockedUntil = try reader.u64()
        let tierOffset = reader.offset
        let tierByte = try reader.u8()
        guard let tier = PrivacyTier(rawValue: tierByte) else { throw .unknownTag(type: "privacy tier", tag: tierByte, offset: tierOffset) }
        let attestation = try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.hash() }
        let reputation = try reader.u16()
        guard reputation <= maxReputation else { throw .invalidValue(field: "reputation", reason: "\(reputation) > 1000") }
        return Stake(
            amount: amount, lockEpochs: lockEpochs, lockedUntil: lockedUntil, tier: tier, attestation: attestation,
            reputation: reputation, jailed: try reader.bool(), jailedAt: try reader.u64())
    }
}
