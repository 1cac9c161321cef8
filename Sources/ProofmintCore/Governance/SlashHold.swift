/// `0x13 ‖ address` → the number of open slash proposals naming the account (a big-endian u32, no version byte; the
/// key is absent at 0). While it is above 0 the account's `withdraw` is refused, so what it unbonds stays slashable
/// until the vote is decided: at most the slash kind's voting period plus the timelock.
public struct SlashHold: Equatable, Sendable {
    public var count: UInt32

    public init(count: UInt32) { self.count = count }
}

extension SlashHold: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) { writer.u32(count) }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> SlashHold {
        SlashHold(count: try reader.u32())
    }
}
