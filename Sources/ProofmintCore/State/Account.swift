/// An account: its liquid balance and the number of transactions it has had included.
public struct Account: Equatable, Sendable {
    /// The nonce the next transaction from this account must carry.
    public var nonce: UInt64
    public var balance: Amount

    public static let empty = Account(nonce: 0, balance: 0)

    public init(nonce: UInt64, balance: Amount) {
        self.nonce = nonce
        self.balance = balance
    }

    /// An account with no balance and no history is not stored at all.
    public var isEmpty: Bool { nonce == 0 && balance == 0 }
}

extension Account: CanonicalCodable {
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u64(nonce)
        writer.u128(balance)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Account {
        try reader.expectVersion(Self.version, of: "account")
        return Account(nonce: try reader.u64(), balance: try reader.u128())
    }
}
