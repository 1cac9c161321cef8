import ProofmintCore

/// What one block overwrote or deleted, so that a revert can put it back: for each `state` key and `tree` record (a
/// `TreeGroup`) the block wrote, the value it had before (nil: it was absent). Stored in the `undo` table under the block's height.
///
/// Encoding: `u8 version (1) ‖ u32 count ‖ count × (u8 table ‖ u32 key length ‖ key ‖ u8 present ‖ [u32 length ‖ value])`,
/// entries in the order the block wrote them (state keys sorted, then the tree groups' tops sorted); the table's checksum is
/// appended like every record's.
struct UndoRecord: Equatable {
    /// Which table an entry restores: only the two a block's state transition writes.
    enum Target: UInt8 {
        case state = 1
        case tree = 2

        var table: Table {
            switch self {
            case .state: .state
            case .tree: .tree
            }
        }
    }

    struct Entry: Equatable {
        let target: Target
        let key: Bytes
        /// The value before the block; nil when the block created the key.
        let previous: Bytes?
    }

    static let version: UInt8 = 1
    /// Generous bounds for decoding a damaged record without allocating wildly: a key is a state key or a tree path
    /// (≤ 64 bytes), a value one record (a few KiB; parameters are the largest).
    static let maxKeyLength = 1 << 10
    static let maxValueLength = 1 << 24

    var entries: [Entry]

    var bytes: Bytes {
        var writer = CanonicalWriter(capacity: 16 + entries.count * 96)
        writer.u8(Self.version)
        writer.u32(UInt32(entries.count))
        for entry in entries {
            writer.u8(entry.target.rawValue)
            writer.variable(entry.key)
            writer.optional(entry.previous) { $0.variable($1) }
        }
        return writer.bytes
    }

    init(entries: [Entry]) { self.entries = entries }

    init(_ bytes: Bytes) throws(CodecError) {
        var reader = CanonicalReader(bytes)
        try reader.expectVersion(Self.version, of: "undo record")
        let count = Int(try reader.u32())
        // Each entry takes at least 6 bytes, so a count past what the record can hold is refused before allocating.
        guard count <= bytes.count / 6 else { throw .lengthTooLarge(field: "undo entries", length: count, max: bytes.count / 6) }
        var entries = [Entry]()
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let at = reader.offset
            guard let target = Target(rawValue: try reader.u8()) else { throw .unknownTag(type: "undo target", tag: bytes[at], offset: at) }
            let key = try reader.variable(field: "undo key", max: Self.maxKeyLength)
            let previous = try reader.optional { (reader: inout CanonicalReader) throws(CodecError) in
                try reader.variable(field: "undo value", max: Self.maxValueLength)
            }
            entries.append(Entry(target: target, key: key, previous: previous))
        }
        try reader.finish()
        self.entries = entries
    }
}
