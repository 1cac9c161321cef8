/// The running epoch: `0x08` → this record. Kept in the state (rather than derived from the height) so that a
/// governance change of `epoch_length` takes effect at the next epoch boundary without renumbering the past.
public struct EpochState: Equatable, Sendable {
    public var number: UInt64
    /// The first height of the epoch; it ends at `startHeight + epoch_length − 1`.
    public var startHeight: UInt64

    public static let genesis = EpochState(number: 0, startHeight: 1)

    public init(number: UInt64, startHeight: UInt64) {
        self.number = number
        self.startHeight = startHeight
    }

    /// The epoch's last height under `epochLength` (saturating at the last height a u64 holds).
    public func lastHeight(epochLength: UInt64) -> UInt64 {
        let (end, overflow) = startHeight.addingReportingOverflow(max(epochLength, 1) - 1)
        return overflow ? .max : end
    }
}

extension EpochState: CanonicalCodable {
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u64(number)
        writer.u64(startHeight)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> EpochState {
        try reader.expectVersion(Self.version, of: "epoch state")
        return EpochState(number: try reader.u64(), startHeight: try reader.u64())
    }
}
