/// A provider's stake: `0x05 ‖ address` → this record.
public struct Stake: Equatable, Sendable {
    /// Active stake, in base units.
    public var amount: Amount
    /// The lock the provider chose, in epochs (drives the lock multiplier).
    public var lockEpochs: UInt32
    /// The height until which the stake cannot be unstaked.
    public var lockedUntil: UInt64
    public var tier: PrivacyTier
    /// What backs the tier: the bare hash for tier 1, the checked attestation for tiers 2–4 (whose multiplier counts
    /// only while its attestor stays trusted and it has not expired: `AttestationModule.effectiveTierBps`).
    public var proof: TierProof
    /// 0–1000: rises with accepted compute work, falls with slashes.
    public var reputation: UInt16
    /// Set by double-sign evidence or a malicious-behaviour slash; a jailed provider cannot add stake or earn.
    public var jailed: Bool
    /// The height of the last jailing (0 if never jailed): `unjail` is allowed from `jailedAt + jail_period_blocks`.
    public var jailedAt: UInt64

    public static let maxReputation: UInt16 = 1000

    /// A stake whose tier is backed by nothing (tier 0) or a bare hash (tier 1), as protocol 2 stored every stake.
    public init(amount: Amount, lockEpochs: UInt32, lockedUntil: UInt64, tier: PrivacyTier, attestation: Hash32?, reputation: UInt16, jailed: Bool, jailedAt: UInt64 = 0) {
        self.init(
            amount: amount, lockEpochs: lockEpochs, lockedUntil: lockedUntil, tier: tier, proof: TierProof(hash: attestation),
            reputation: reputation, jailed: jailed, jailedAt: jailedAt)
    }

    public init(amount: Amount, lockEpochs: UInt32, lockedUntil: UInt64, tier: PrivacyTier, proof: TierProof, reputation: UInt16, jailed: Bool, jailedAt: UInt64 = 0) {
        self.amount = amount
        self.lockEpochs = lockEpochs
        self.lockedUntil = lockedUntil
        self.tier = tier
        self.proof = proof
        self.reputation = reputation
        self.jailed = jailed
        self.jailedAt = jailedAt
    }

    /// A stake with nothing in it and nothing to remember is not stored (a jail height only matters while jailed).
    var isEmpty: Bool { amount == 0 && reputation == 0 && !jailed }
}

extension Stake: CanonicalCodable {
    /// 3 since protocol version 3: field 6 is a `TierProof` (a checked attestation for tiers 2–4); 2 added `jailed_at`.
    static let version: UInt8 = 3

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u128(amount)
        writer.u32(lockEpochs)
        writer.u64(lockedUntil)
        writer.u8(tier.rawValue)
        writer.encode(proof)
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
        let proof = try reader.decode(TierProof.self)
        let reputation = try reader.u16()
        guard reputation <= maxReputation else { throw .invalidValue(field: "reputation", reason: "\(reputation) > 1000") }
        return Stake(
            amount: amount, lockEpochs: lockEpochs, lockedUntil: lockedUntil, tier: tier, proof: proof,
            reputation: reputation, jailed: try reader.bool(), jailedAt: try reader.u64())
    }
}
