/// The due index: `0x12 ‖ u64 height` → the ids of the proposals whose voting ends or whose execution falls at that
/// height, ascending. The end of a block reads only its own height's entry (and deletes it), so proposals that are
/// waiting cost nothing per block.
public struct DueProposals: Equatable, Sendable {
    public var ids: [UInt64]

    public init(ids: [UInt64]) { self.ids = ids }

    /// Adds `id` keeping the list ascending and free of repeats.
    public mutating func insert(_ id: UInt64) {
        let at = ids.firstIndex { $0 >= id } ?? ids.count
        if at < ids.count, ids[at] == id { return }
        ids.insert(id, at: at)
    }
}

extension DueProposals: CanonicalCodable {
    static let version: UInt8 = 1
    /// `max_active_proposals` is at most 1,000, so no height can be due for more open proposals.
    static let maxIds = 1000

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u32(UInt32(ids.count))
        for id in ids { writer.u64(id) }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> DueProposals {
        try reader.expectVersion(Self.version, of: "due proposals")
        let count = Int(try reader.u32())
        guard count <= maxIds else { throw .lengthTooLarge(field: "due proposals", length: count, max: maxIds) }
        var ids = [UInt64]()
        ids.reserveCapacity(count)
        for _ in 0..<count { ids.append(try reader.u64()) }
        return DueProposals(ids: ids)
    }
}
