/// What a transaction does. The tag byte is part of the signed bytes, so one kind can never verify as another.
public enum Payload: Equatable, Sendable {
    case transfer(Transfer)

    /// Stable tags: never renumber.
    public enum Kind: UInt8, Sendable, CaseIterable {
        case transfer = 1

        public var name: String {
            switch self {
            case .transfer: return "transfer"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .transfer: return .transfer
        }
    }
}

extension Payload: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(kind.rawValue)
        switch self {
        case let .transfer(transfer): writer.encode(transfer)
        }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Payload {
        let at = reader.offset
        let tag = try reader.u8()
        switch Kind(rawValue: tag) {
        case .transfer?: return .transfer(try reader.decode(Transfer.self))
        case nil: throw .unknownTag(type: "transaction kind", tag: tag, offset: at)
        }
    }
}
