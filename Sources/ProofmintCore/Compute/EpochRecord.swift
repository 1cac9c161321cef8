/// One epoch's accepted compute work and, once the epoch has ended, how it was settled:
/// `0x09 ‖ u64 epoch` → this record.
public struct EpochRecord: Equatable, Sendable {
    /// Σ weight of the epoch's accepted receipts (units × quality bps × tier bps).
    public var totalWeight: UInt128
    public var totalUnits: UInt128
    public var proofs: UInt64
    /// Σ prices paid by consumers, and the protocol fees taken from them.
    public var payments: Amount
    public var protocolFees: Amount
    /// Providers with accepted work, in the order of their first receipt: the settlement pays them in this order.
    public var providers: [Address]
    /// Set at the epoch's last block.
    public var settlement: EpochSettlement?

    public static let empty = EpochRecord(
        totalWeight: 0, totalUnits: 0, proofs: 0, payments: 0, protocolFees: 0, providers: [], settlement: nil)

    public init(
        totalWeight: UInt128, totalUnits: UInt128, proofs: UInt64, payments: Amount, protocolFees: Amount,
        providers: [Address], settlement: EpochSettlement?
    ) {
        self.totalWeight = totalWeight
        self.totalUnits = totalUnits
        self.proofs = proofs
        self.payments = payments
        self.protocolFees = protocolFees
        self.providers = providers
        self.settlement = settlement
    }
}

/// How an epoch's rewards were paid: `minted + fromPool = paidToProviders + toTreasury`, to the base unit.
public struct EpochSettlement: Equatable, Sendable {
    public var endHeight: UInt64
    /// The emission minted for the epoch (0 if there was no work: that emission is never minted).
    public var minted: Amount
    /// Taken from the provider reward pool (all of it, when there was work).
    public var fromPool: Amount
    public var paidToProviders: Amount
    /// Rounding remainders plus the shares of providers jailed by the epoch's end.
    public var toTreasury: Amount
    /// Team allocation released to its beneficiary at this boundary.
    public var vested: Amount

    public init(endHeight: UInt64, minted: Amount, fromPool: Amount, paidToProviders: Amount, toTreasury: Amount, vested: Amount) {
        self.endHeight = endHeight
        self.minted = minted
        self.fromPool = fromPool
        self.paidToProviders = paidToProviders
        self.toTreasury = toTreasury
        self.vested = vested
    }
}

extension EpochRecord: CanonicalCodable {
    static let version: UInt8 = 1
    /// More providers than this in one epoch are refused (`epoch_full`), which keeps the record and the settlement bounded.
    public static let maxProviders = 10_000

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u128(totalWeight)
        writer.u128(totalUnits)
        writer.u64(proofs)
        writer.u128(payments)
        writer.u128(protocolFees)
        writer.u32(UInt32(providers.count))
        for provider in providers { writer.fixed(provider.bytes) }
        writer.optional(settlement) { $0.encode($1) }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> EpochRecord {
        try reader.expectVersion(Self.version, of: "epoch record")
        let weight = try reader.u128()
        let units = try reader.u128()
        let proofs = try reader.u64()
        let payments = try reader.u128()
        let fees = try reader.u128()
        let count = Int(try reader.u32())
        guard count <= maxProviders else { throw .lengthTooLarge(field: "epoch providers", length: count, max: maxProviders) }
        var providers = [Address]()
        providers.reserveCapacity(count)
        for _ in 0..<count { providers.append(try reader.address()) }
        let settlement = try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.decode(EpochSettlement.self) }
        return EpochRecord(
            totalWeight: weight, totalUnits: units, proofs: proofs, payments: payments, protocolFees: fees, providers: providers,
            settlement: settlement)
    }
}

extension EpochSettlement: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u64(endHeight)
        for amount in [minted, fromPool, paidToProviders, toTreasury, vested] { writer.u128(amount) }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> EpochSettlement {
        EpochSettlement(
            endHeight: try reader.u64(), minted: try reader.u128(), fromPool: try reader.u128(),
            paidToProviders: try reader.u128(), toTreasury: try reader.u128(), vested: try reader.u128())
    }
}
