/// Stake `amount` more (0 to only change tier or lock), lock it for `lockEpochs`, at privacy `tier`.
public struct StakeRequest: Equatable, Sendable {
    public var amount: Amount
    public var lockEpochs: UInt32
    public var tier: PrivacyTier
    /// Required for tiers ≥ 1, absent for tier 0.
    public var attestation: Hash32?

    public init(amount: Amount, lockEpochs: UInt32, tier: PrivacyTier, attestation: Hash32?) {
        self.amount = amount
        self.lockEpochs = lockEpochs
        self.tier = tier
        self.attestation = attestation
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
        writer.optional(attestation) { $0.fixed($1.bytes) }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> StakeRequest {
        let amount = try reader.u128()
        let lock = try reader.u32()
        let offset = reader.offset
        let tierByte = try reader.u8()
        guard let tier = PrivacyTier(rawValue: tierByte) else { throw .unknownTag(type: "privacy tier", tag: tierByte, offset: offset) }
        let attestation = try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.hash() }
        return StakeRequest(amount: amount, lockEpochs: lock, tier: tier, attestation: attestation)
    }
}

extension UnstakeRequest: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) { writer.u128(amount) }
    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> UnstakeRequest {
        UnstakeRequest(amount: try reader.u128())
    }
}
