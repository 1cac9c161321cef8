/// Moves `amount` base units from the sender to `recipient`.
public struct Transfer: Equatable, Sendable {
    public static let maxMemoBytes = 256

    public var recipient: Address
    public var amount: Amount
    /// Free-form bytes for the recipient (an invoice number, say); hashed and signed like the rest.
    public var memo: Bytes

    public init(recipient: Address, amount: Amount, memo: Bytes = []) {
        self.recipient = recipient
        self.amount = amount
        self.memo = memo
    }
}

extension Transfer: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.fixed(recipient.bytes)
        writer.u128(amount)
        writer.variable(memo)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Transfer {
        Transfer(
            recipient: try reader.address(),
            amount: try reader.u128(),
            memo: try reader.variable(field: "memo", max: maxMemoBytes))
    }
}
