/// One epoch's accepted compute work and, once its windows have closed, how it was settled:
/// `0x09 ‖ u64 epoch` → this record. Its size does not grow with the number of providers (protocol version 3): the
/// providers and receipts are indexed under `0x27` and `0x28`, so a `submit-proof` rewrites a fixed-size record.
public struct EpochRecord: Equatable, Sendable {
    /// Σ weight and Σ value of the epoch's standing receipts (a failed or upheld receipt is taken out again).
    public var totalWeight: UInt128
    public var totalValue: Amount
    /// Σ units and the number of receipts accepted in the epoch (whether or not they still stand).
    public var totalUnits: UInt128
    public var proofs: UInt64
    /// Σ prices paid by consumers, and the protocol and validation fees taken from them.
    public var payments: Amount
    public var protocolFees: Amount
    public var validationFees: Amount
    /// Providers with accepted work (indexed from 0 under `0x27`).
    public var providerCount: UInt32
    /// The last height at which any window of the epoch's receipts can still be open: settlement starts at the end
    /// of the first block at or after it (and after the epoch itself has ended).
    public var closesAt: UInt64
    /// Team allocation released to its beneficiary when the epoch ended.
    public var vested: Amount
    /// Set when settlement starts; complete once `finishedAt` is set.
    public var settlement: EpochSettlement?

    public static let empty = EpochRecord(
        totalWeight: 0, totalValue: 0, totalUnits: 0, proofs: 0, payments: 0, protocolFees: 0, validationFees: 0, providerCount: 0,
        closesAt: 0, vested: 0, settlement: nil)

    public init(
        totalWeight: UInt128, totalValue: Amount, totalUnits: UInt128, proofs: UInt64, payments: Amount, protocolFees: Amount,
        validationFees: Amount, providerCount: UInt32, closesAt: UInt64, vested: Amount, settlement: EpochSettlement?
    ) {
        self.totalWeight = totalWeight
        self.totalValue = totalValue
        self.totalUnits = totalUnits
        self.proofs = proofs
        self.payments = payments
        self.protocolFees = protocolFees
        self.validationFees = validationFees
        self.providerCount = providerCount
        self.closesAt = closesAt
        self.vested = vested
        self.settlement = settlement
    }
}

extension EpochRecord: CanonicalCodable {
    /// 2 since protocol version 3: no provider list; value, validation fees, provider count, closing height, vested.
    static let version: UInt8 = 2

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u128(totalWeight)
        writer.u128(totalValue)
        writer.u128(totalUnits)
        writer.u64(proofs)
        writer.u128(payments)
        writer.u128(protocolFees)
        writer.u128(validationFees)
        writer.u32(providerCount)
        writer.u64(closesAt)
        writer.u128(vested)
        writer.optional(settlement) { $0.encode($1) }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> EpochRecord {
        try reader.expectVersion(Self.version, of: "epoch record")
        return EpochRecord(
            totalWeight: try reader.u128(), totalValue: try reader.u128(), totalUnits: try reader.u128(), proofs: try reader.u64(),
            payments: try reader.u128(), protocolFees: try reader.u128(), validationFees: try reader.u128(),
            providerCount: try reader.u32(), closesAt: try reader.u64(), vested: try reader.u128(),
            settlement: try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.decode(EpochSettlement.self) })
    }
}
