/// An account's unstaked amounts waiting out the unbonding period: `0x06 ‖ address` → this record.
public struct UnbondingQueue: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var amount: Amount
        /// The first height at which it can be withdrawn.
        public var matureAt: UInt64
        public init(amount: Amount, matureAt: UInt64) {
            self.amount = amount
            self.matureAt = matureAt
        }
    }

    /// In the order they were created (so ascending `matureAt` while the period is unchanged).
    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The sum of the entries (saturating: only a corrupt record could exceed 128 bits).
    public var total: Amount { entries.reduce(0) { checkedAdd($0, $1.amount) ?? .max } }
}

extension UnbondingQueue: CanonicalCodable {
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u16(UInt16(entries.count))
        for entry in entries {
            writer.u128(entry.amount)
            writer.u64(entry.matureAt)
        }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> UnbondingQueue {
        try reader.expectVersion(Self.version, of: "unbonding queue")
        let count = Int(try reader.u16())
        guard count <= 256 else { throw .lengthTooLarge(field: "unbonding entries", length: count, max: 256) }
        var entries = [Entry]()
        for _ in 0..<count { entries.append(Entry(amount: try reader.u128(), matureAt: try reader.u64())) }
        return UnbondingQueue(entries: entries)
    }
}
