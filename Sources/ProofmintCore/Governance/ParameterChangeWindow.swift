/// Where one parameter's step window started: `0x20 ‖ name` → this record (protocol version 2). The step rule
/// (seed 002: 20% per quarter) compares a change with `valueAtStart`, not with the value in force, so a chain of
/// proposals inside one window can move the parameter at most `governance.max_change_bps` in all.
public struct ParameterChangeWindow: Equatable, Sendable {
    /// The height of the first change after the previous window ended.
    public var startHeight: UInt64
    /// The parameter's value just before that change.
    public var valueAtStart: UInt128

    public init(startHeight: UInt64, valueAtStart: UInt128) {
        self.startHeight = startHeight
        self.valueAtStart = valueAtStart
    }

    /// Whether the window still runs at `height` when windows last `length` blocks (saturating at the last height).
    public func isOpen(at height: UInt64, length: UInt64) -> Bool {
        let (end, overflow) = startHeight.addingReportingOverflow(length)
        return overflow || height < end
    }
}

extension ParameterChangeWindow: CanonicalCodable {
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u64(startHeight)
        writer.u128(valueAtStart)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ParameterChangeWindow {
        try reader.expectVersion(Self.version, of: "parameter change window")
        return ParameterChangeWindow(startHeight: try reader.u64(), valueAtStart: try reader.u128())
    }
}
