/// The team allocation's vesting (seed 001: 1-year cliff, 4 years linear): `0x0B` → this record. The tokens sit
/// in the `team` module account; at every epoch end the state transition moves what has vested to the beneficiary.
public struct TeamVesting: Equatable, Sendable {
    public var beneficiary: Address
    /// The team allocation at genesis.
    public var total: Amount
    /// Nothing vests before this height; at it, everything accrued since genesis unlocks at once.
    public var cliffHeight: UInt64
    /// Everything has vested at this height; vesting is linear in the height from genesis to here.
    public var endHeight: UInt64
    /// Released to the beneficiary so far.
    public var released: Amount

    public init(beneficiary: Address, total: Amount, cliffHeight: UInt64, endHeight: UInt64, released: Amount) {
        self.beneficiary = beneficiary
        self.total = total
        self.cliffHeight = cliffHeight
        self.endHeight = endHeight
        self.released = released
    }

    /// What has vested by `height`: 0 before the cliff, `⌊total × height / end⌋` until the end, then everything.
    public func vested(at height: UInt64) -> Amount {
        if height < cliffHeight { return 0 }
        if height >= endHeight || endHeight == 0 { return total }
        return WideArithmetic.multiplyDivide(total, Amount(height), Amount(endHeight))
    }
}

extension TeamVesting: CanonicalCodable {
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.fixed(beneficiary.bytes)
        writer.u128(total)
        writer.u64(cliffHeight)
        writer.u64(endHeight)
        writer.u128(released)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> TeamVesting {
        try reader.expectVersion(Self.version, of: "team vesting")
        return TeamVesting(
            beneficiary: try reader.address(), total: try reader.u128(), cliffHeight: try reader.u64(), endHeight: try reader.u64(),
            released: try reader.u128())
    }
}
