/// One provider's accepted work in one epoch and what it earned: `0x0A ‖ address ‖ u64 epoch` → this record.
/// Keyed provider first, so a provider's history is one range of keys. Pruned with the epoch's receipts.
public struct ProviderWork: Equatable, Sendable {
    /// Σ weight and Σ value of the provider's standing receipts in the epoch.
    public var weight: UInt128
    public var value: Amount
    public var units: UInt128
    public var proofs: UInt64
    /// Prices received, after the protocol and validation fees.
    public var earned: Amount
    /// The emission-and-pool reward paid at settlement (nil until then).
    public var reward: Amount?
    /// True if the provider was jailed or below the minimum stake when paid: its share was not paid.
    public var forfeited: Bool

    public static let empty = ProviderWork(weight: 0, value: 0, units: 0, proofs: 0, earned: 0, reward: nil, forfeited: false)

    public init(weight: UInt128, value: Amount, units: UInt128, proofs: UInt64, earned: Amount, reward: Amount?, forfeited: Bool) {
        self.weight = weight
        self.value = value
        self.units = units
        self.proofs = proofs
        self.earned = earned
        self.reward = reward
        self.forfeited = forfeited
    }
}

extension ProviderWork: CanonicalCodable {
    /// 2 since protocol version 3: the standing value follows the weight.
    static let version: UInt8 = 2

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u128(weight)
        writer.u128(value)
        writer.u128(units)
        writer.u64(proofs)
        writer.u128(earned)
        writer.optional(reward) { $0.u128($1) }
        writer.bool(forfeited)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ProviderWork {
        try reader.expectVersion(Self.version, of: "provider work")
        return ProviderWork(
            weight: try reader.u128(), value: try reader.u128(), units: try reader.u128(), proofs: try reader.u64(),
            earned: try reader.u128(), reward: try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.u128() },
            forfeited: try reader.bool())
    }
}
