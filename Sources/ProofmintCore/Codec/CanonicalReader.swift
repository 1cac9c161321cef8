import ProofmintCrypto

/// Reads the canonical encoding and refuses anything that is not exactly it.
public struct CanonicalReader {
    private let bytes: Bytes
    public private(set) var offset: Int = 0

    public init(_ bytes: Bytes) { self.bytes = bytes }

    public var remaining: Int { bytes.count - offset }

    public mutating func u8() throws(CodecError) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func u16() throws(CodecError) -> UInt16 { try bigEndian() }
    public mutating func u32() throws(CodecError) -> UInt32 { try bigEndian() }
    public mutating func u64() throws(CodecError) -> UInt64 { try bigEndian() }
    public mutating func u128() throws(CodecError) -> UInt128 { try bigEndian() }

    public mutating func bool() throws(CodecError) -> Bool {
        let at = offset
        switch try u8() {
        case 0: return false
        case 1: return true
        case let other: throw .invalidBool(byte: other, offset: at)
        }
    }

    /// The bytes read since `start`, an earlier `offset`: for canonical input, the encoding of what was decoded since.
    /// A whole buffer read is the buffer itself (shared, not copied).
    public func bytes(since start: Int) -> Bytes {
        start == 0 && offset == bytes.count ? bytes : Array(bytes[start..<offset])
    }

    public mutating func fixed(_ count: Int) throws(CodecError) -> Bytes {
        try need(count)
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    /// Variable-length bytes with a u32 prefix, refused above `max` before anything is allocated.
    public mutating func variable(field: String, max: Int) throws(CodecError) -> Bytes {
        let length = Int(try u32())
        guard length <= max else { throw .lengthTooLarge(field: field, length: length, max: max) }
        return try fixed(length)
    }

    public mutating func string(field: String, max: Int) throws(CodecError) -> String {
        let raw = try variable(field: field, max: max)
        guard let text = String(validating: raw, as: UTF8.self) else { throw .invalidUTF8(field: field) }
        return text
    }

    public mutating func optional<T>(_ read: (inout CanonicalReader) throws(CodecError) -> T) throws(CodecError) -> T? {
        let at = offset
        switch try u8() {
        case 0: return nil
        case 1: return try read(&self)
        case let other: throw .invalidOptionalTag(byte: other, offset: at)
        }
    }

    public mutating func decode<T: CanonicalDecodable>(_ type: T.Type) throws(CodecError) -> T {
        try T.decode(from: &self)
    }

    public mutating func array<T: CanonicalDecodable>(_ type: T.Type, field: String, max: Int) throws(CodecError) -> [T] {
        let count = Int(try u32())
        guard count <= max else { throw .lengthTooLarge(field: field, length: count, max: max) }
        var out = [T]()
        out.reserveCapacity(Swift.min(count, 1024))
        for _ in 0..<count { out.append(try T.decode(from: &self)) }
        return out
    }

    /// Reads a record's version byte and refuses any other than `expected`.
    public mutating func expectVersion(_ expected: UInt8, of type: String) throws(CodecError) {
        let version = try u8()
        guard version == expected else { throw .unsupportedVersion(type: type, version: version) }
    }

    /// Read from the buffer in place, with no array in between.
    public mutating func hash() throws(CodecError) -> Hash32 {
        try need(Hash32.length)
        defer { offset += Hash32.length }
        return bytes.withUnsafeBytes { Hash32(raw: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + Hash32.length)])) }
    }

    public mutating func address() throws(CodecError) -> Address { try Address(bytes: try fixed(Address.length)) }

    /// Refuses trailing bytes.
    public func finish() throws(CodecError) {
        guard offset == bytes.count else { throw .trailingBytes(count: bytes.count - offset, offset: offset) }
    }

    private func need(_ count: Int) throws(CodecError) {
        guard count <= bytes.count - offset else { throw .unexpectedEnd(needed: count - (bytes.count - offset), offset: offset) }
    }

    private mutating func bigEndian<T: FixedWidthInteger>() throws(CodecError) -> T {
        let size = MemoryLayout<T>.size
        try need(size)
        defer { offset += size }
        return bytes.withUnsafeBytes { T(bigEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }
}
