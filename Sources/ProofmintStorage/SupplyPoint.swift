import ProofmintCore

/// The supply after one block: minted by Proof of Compute, burned, in existence, and circulating (in existence
/// minus the module accounts' balances), as `pm_getSupply` defines them.
public struct SupplyPoint: Equatable, Sendable {
    public let height: UInt64
    public let minted: Amount
    public let burned: Amount
    public let supply: Amount
    public let circulating: Amount

    /// 4 × u128 = 64 bytes; the height is the record's key.
    static let encodedLength = 64

    public init(height: UInt64, minted: Amount, burned: Amount, supply: Amount, circulating: Amount) {
        self.height = height
        self.minted = minted
        self.burned = burned
        self.supply = supply
        self.circulating = circulating
    }

    /// The supply in `state`, the state after block `height`.
    public static func after(height: UInt64, state: any StateReader) throws(StateReadError) -> SupplyPoint {
        let totals = try state.totals()
        var held: Amount = 0
        for module in ModuleAccount.allCases { held &+= try state.account(module.address).balance }
        return SupplyPoint(height: height, totals: totals, moduleBalances: held)
    }

    init(height: UInt64, totals: ChainTotals, moduleBalances: Amount) {
        self.init(
            height: height, minted: totals.minted, burned: totals.burned, supply: totals.supply,
            circulating: totals.supply - min(moduleBalances, totals.supply))
    }

    var bytes: Bytes {
        var writer = CanonicalWriter(capacity: Self.encodedLength)
        for value in [minted, burned, supply, circulating] { writer.u128(value) }
        return writer.bytes
    }

    init?(height: UInt64, bytes: Bytes) {
        guard bytes.count == Self.encodedLength else { return nil }
        var reader = CanonicalReader(bytes)
        guard let minted = try? reader.u128(), let burned = try? reader.u128(), let supply = try? reader.u128(),
            let circulating = try? reader.u128()
        else { return nil }
        self.init(height: height, minted: minted, burned: burned, supply: supply, circulating: circulating)
    }
}
