import ProofmintCore

/// A `TreeGroup` as the `tree` table stores it (schema 9): a big-endian u16 with bit `p` set for each place `p` that
/// holds a node (bit 15 clear, never all clear), then each node's 65-byte encoding, in place order.
extension TreeGroup {
    private static let nodeLength = TreeNode.canonicalLength
    /// The longest record: every place filled.
    static let maximumLength = 2 + places * nodeLength
    /// What is wrong with a record that does not decode, for a corrupt-record error.
    static let malformed = "it is not a group of tree nodes (a u16 of places, then 65 bytes a node)"

    /// Decodes a stored record (its checksum already checked and removed); nil unless it is exactly as described above.
    /// One pass: each node is checked as it is decoded.
    init?(record: UnsafeRawBufferPointer) {
        guard let filled = Self.filledPlaces(ofRecord: record) else { return nil }
        self.init()
        var offset = 2
        for place in 0..<Self.places where filled >> place & 1 == 1 {
            guard let node = TreeNode(canonicalRaw: UnsafeRawBufferPointer(rebasing: record[offset..<(offset + Self.nodeLength)])) else {
                return nil
            }
            self[place] = node
            offset += Self.nodeLength
        }
    }

    /// The places a record holds, nil unless it is exactly as described above (each node's tag known).
    static func places(ofRecord record: UnsafeRawBufferPointer) -> UInt16? {
        guard let filled = filledPlaces(ofRecord: record) else { return nil }
        for offset in stride(from: 2, to: record.count, by: Self.nodeLength) {
            guard TreeNode(canonicalRaw: UnsafeRawBufferPointer(rebasing: record[offset..<(offset + Self.nodeLength)])) != nil else {
                return nil
            }
        }
        return filled
    }

    /// The record's place bits, nil unless they are some of the 15 places and the length holds a node for each.
    private static func filledPlaces(ofRecord record: UnsafeRawBufferPointer) -> UInt16? {
        guard record.count >= 2 else { return nil }
        let filled = UInt16(record[0]) << 8 | UInt16(record[1])
        guard filled != 0, filled >> Self.places == 0, record.count == 2 + filled.nonzeroBitCount * Self.nodeLength else {
            return nil
        }
        return filled
    }

    var encodedLength: Int { 2 + count * Self.nodeLength }

    /// Writes the record into the first `encodedLength` bytes of `buffer`.
    func encode(into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count >= encodedLength, "a tree group of \(count) nodes needs \(encodedLength) bytes")
        buffer[0] = UInt8(filled >> 8)
        buffer[1] = UInt8(filled & 0xff)
        var offset = 2
        for place in 0..<Self.places {
            guard let node = self[place] else { continue }
            node.writeCanonicalBytes(into: UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + Self.nodeLength)]))
            offset += Self.nodeLength
        }
    }
}
