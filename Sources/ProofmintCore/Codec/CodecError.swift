/// Why bytes were refused by the canonical decoder. Offsets are byte positions in the input.
public enum CodecError: Error, Equatable, CustomStringConvertible {
    case unexpectedEnd(needed: Int, offset: Int)
    case trailingBytes(count: Int, offset: Int)
    case invalidBool(byte: UInt8, offset: Int)
    case invalidOptionalTag(byte: UInt8, offset: Int)
    case unknownTag(type: String, tag: UInt8, offset: Int)
    case lengthTooLarge(field: String, length: Int, max: Int)
    case invalidUTF8(field: String)
    case unsupportedVersion(type: String, version: UInt8)
    case invalidValue(field: String, reason: String)

    public var description: String {
        switch self {
        case let .unexpectedEnd(needed, offset): return "input ends early: needed \(needed) more bytes at offset \(offset)"
        case let .trailingBytes(count, offset): return "\(count) unexpected trailing bytes at offset \(offset)"
        case let .invalidBool(byte, offset): return "boolean must be 0 or 1, got \(byte) at offset \(offset)"
        case let .invalidOptionalTag(byte, offset): return "optional tag must be 0 or 1, got \(byte) at offset \(offset)"
        case let .unknownTag(type, tag, offset): return "unknown \(type) tag \(tag) at offset \(offset)"
        case let .lengthTooLarge(field, length, max): return "\(field) is \(length) long, the limit is \(max)"
        case let .invalidUTF8(field): return "\(field) is not valid UTF-8"
        case let .unsupportedVersion(type, version): return "unsupported \(type) version \(version)"
        case let .invalidValue(field, reason): return "invalid \(field): \(reason)"
        }
    }
}
