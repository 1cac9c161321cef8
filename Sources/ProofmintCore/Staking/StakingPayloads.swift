/// Stake `amount` more (0 to only change tier or lock), lock it for `lockEpochs`, at privacy `tier`.
public struct StakeRequest: Equatable, Sendable {
    public var amount: Amount
    public var lockEpochs: UInt32
    public var tier: PrivacyTier
    /// None for tier 0, a bare hash for tier 1, an attestor-signed attestation for tiers 2–4 (§3.3).
    public var claim: TierClaim

    public init(amount: Amount, lockEpochs: UInt32, tier: PrivacyTier, claim: TierClaim) {
        self.amount = amount
        self.lockEpochs = lockEpochs
        self.tier = tier
        self.claim = claim
    }

    /// A request backed by nothing or by a bare hash (tiers 0 and 1; a higher tier with a hash is refused).
    public init(amount: Amount, lockEpochs: UInt32, tier: PrivacyTier, attestation: Hash32?) {
        self.init(amount: amount, lockEpochs: lockEpochs, tier: tier, claim: TierClaim(hash: attestation))
    }
}

/// Move `amount` of active stake into unbonding.
public struct UnstakeRequest: Equatable, Sendable {
    public var amount: Amount
    public init(amount: Amount) { self.amount = amount }
}

extension StakeRequest: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u128(amount)
        writer.u32(lockEpochs)
        writer.u8(tier.rawValue)
        writer.encode(claim)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> StakeRequest {
        let amount = try reader.u128()
        let lock = try reader.u32()
        let offset = reader.offset
        let tierByte = try reader.u8()
        guard let tier = PrivacyTier(rawValue: tierByte) else { throw .unknownTag(type: "privacy tier", tag: tierByte, offset: offset) }
        return StakeRequest(amount: amount, lockEpochs: lock, tier: tier, claim: try reader.decode(TierClaim.self))
    }
}

extension UnstakeRequest: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) { writer.u128(amount) }
    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> UnstakeRequest {
        UnstakeRequest(amount: try reader.u128())
    }
}
