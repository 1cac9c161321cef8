/// Where settlement stands: `0x2C` → this record (protocol version 3). Epochs settle one at a time, in order; each
/// first pays its providers, then prunes its records, at most `compute.settlement_batch` steps per block, so no
/// block's work grows with the number of providers.
public struct SettlementCursor: Equatable, Sendable {
    public enum Phase: UInt8, Sendable {
        /// Waiting for the epoch to end and its windows to close.
        case waiting = 0
        /// Paying providers `0 ..< provider_count` from `index`.
        case paying = 1
        /// Pruning receipts `0 ..< proofs`, then providers, from `index` (once the receipt epochs are out of the proof window).
        case pruning = 2
    }

    /// The oldest epoch not yet fully settled and pruned.
    public var epoch: UInt64
    public var phase: Phase
    /// The next item of the phase.
    public var index: UInt64

    public static let start = SettlementCursor(epoch: 0, phase: .waiting, index: 0)

    public init(epoch: UInt64, phase: Phase, index: UInt64) {
        self.epoch = epoch
        self.phase = phase
        self.index = index
    }
}

extension SettlementCursor: CanonicalCodable {
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u64(epoch)
        writer.u8(phase.rawValue)
        writer.u64(index)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> SettlementCursor {
        try reader.expectVersion(Self.version, of: "settlement cursor")
        return SettlementCursor(epoch: try reader.u64(), phase: try reader.tagged(Phase.self, type: "settlement phase"), index: try reader.u64())
    }
}
