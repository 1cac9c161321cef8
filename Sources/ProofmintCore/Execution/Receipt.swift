/// The outcome of one included transaction. Receipts are committed by the block's receipt root.
public struct Receipt: Equatable, Sendable {
    public static let version: UInt8 = 1

    public let transactionId: Hash32
    /// 0 for success, otherwise a `TransactionError` execution code.
    public let code: UInt16
    public let feeCharged: Amount
    public let events: [Event]

    public init(transactionId: Hash32, code: UInt16, feeCharged: Amount, events: [Event]) {
        self.transactionId = transactionId
        self.code = code
        self.feeCharged = feeCharged
        self.events = events
    }

    public var succeeded: Bool { code == 0 }
}

extension Receipt: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.hash(transactionId)
        writer.u16(code)
        writer.u128(feeCharged)
        writer.array(events)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Receipt {
        try reader.expectVersion(Self.version, of: "receipt")
        return Receipt(
            transactionId: try reader.hash(), code: try reader.u16(), feeCharged: try reader.u128(),
            events: try reader.array(Event.self, field: "events", max: 64))
    }
}

/// A block's receipts as one stored record.
public struct ReceiptList: Equatable, Sendable, CanonicalCodable {
    public let receipts: [Receipt]
    public init(_ receipts: [Receipt]) { self.receipts = receipts }

    public func encode(to writer: inout CanonicalWriter) { writer.array(receipts) }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ReceiptList {
        ReceiptList(try reader.array(Receipt.self, field: "receipts", max: 1 << 20))
    }
}
