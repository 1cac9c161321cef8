/// CometBFT v0.38's socket framing (`abci/types/messages.go`, `WriteMessage`/`ReadMessage` over `libs/protoio`'s
/// delimited writer and reader): each message is its protobuf bytes preceded by their length as an **unsigned** varint
/// (Go's `binary.PutUvarint`). Versions before v0.35 used a zigzag (signed) varint; v0.38 does not.
public enum ABCIFrame {
    /// The largest frame this server reads: above CometBFT's largest block (`max_bytes` ≤ 100 MiB) with room for the
    /// request around its transactions. A larger length closes the connection before anything is allocated for it.
    public static let maxBytes = 104_857_600 + (4 << 20)

    /// `message` with its length prefix.
    public static func encode(_ message: [UInt8]) -> [UInt8] {
        uvarint(UInt64(message.count)) + message
    }

    static func uvarint(_ value: UInt64) -> [UInt8] {
        var value = value, bytes = [UInt8]()
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
        return bytes
    }

    /// Reads one frame's length through `nextByte` (nil at end of stream): nil if the stream ended before the first
    /// byte (a clean close); throws on a malformed prefix, a prefix cut short or a length above `maxBytes`.
    static func readLength(_ nextByte: () throws(ABCIError) -> UInt8?) throws(ABCIError) -> Int? {
        var value: UInt64 = 0
        for index in 0..<10 {
            guard let byte = try nextByte() else {
                if index == 0 { return nil }
                throw .truncatedFrame(expected: index + 1, received: index)
            }
            // The tenth byte may only carry the 64th bit (as Go's `binary.ReadUvarint` checks).
            if index == 9, byte > 1 { throw .malformedLength }
            value |= UInt64(byte & 0x7f) << (7 * UInt64(index))
            if byte < 0x80 {
                guard value <= UInt64(maxBytes) else { throw .frameTooLarge(length: value, max: maxBytes) }
                return Int(value)
            }
        }
        throw .malformedLength
    }
}
