/// Supply bookkeeping: everything ever created and everything ever destroyed.
/// The invariant `issued − burned = Σ balances + staked + unbonding` holds after every transaction.
public struct ChainTotals: Equatable, Sendable {
    /// Created at genesis plus minted since.
    public var issued: Amount
    /// Destroyed by fee burns, unstaking burns and slashes.
    public var burned: Amount
    /// Fees paid by all included transactions.
    public var feesPaid: Amount
    /// Active stake of all providers.
    public var staked: Amount
    /// Unstaked amounts waiting out the unbonding period.
    public var unbonding: Amount
    /// Minted by Proof of Compute at epoch ends (part of `issued`): what the mining cap limits.
    public var minted: Amount

    public static let zero = ChainTotals(issued: 0, burned: 0, feesPaid: 0, staked: 0, unbonding: 0)

    public init(issued: Amount, burned: Amount, feesPaid: Amount, staked: Amount = 0, unbonding: Amount = 0, minted: Amount = 0) {
        self.issued = issued
        self.burned = burned
        self.feesPaid = feesPaid
        self.staked = staked
        self.unbonding = unbonding
        self.minted = minted
    }

    /// Tokens that exist now: `Σ balances + staked + unbonding`.
    /// Saturates at 0 for a record that breaks the invariant, so a query or an audit of a damaged state reports it
    /// instead of trapping.
    public var supply: Amount { issued >= burned ? issued - burned : 0 }
}

extension ChainTotals: CanonicalCodable {
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u128(issued)
        writer.u128(burned)
        writer.u128(feesPaid)
        writer.u128(staked)
        writer.u128(unbonding)
        writer.u128(minted)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ChainTotals {
        try reader.expectVersion(Self.version, of: "totals")
        return ChainTotals(
            issued: try reader.u128(), burned: try reader.u128(), feesPaid: try reader.u128(), staked: try reader.u128(),
            unbonding: try reader.u128(), minted: try reader.u128())
    }
}
