/// Builds the one canonical encoding: big-endian fixed-width integers, u32 length prefixes, no optional padding.
public struct CanonicalWriter {
    public private(set) var bytes: Bytes

    public init(capacity: Int = 128) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func u8(_ value: UInt8) { bytes.append(value) }
    public mutating func u16(_ value: UInt16) { appendBigEndian(value) }
    public mutating func u32(_ value: UInt32) { appendBigEndian(value) }
    public mutating func u64(_ value: UInt64) { appendBigEndian(value) }
    public mutating func u128(_ value: UInt128) {
        u64(UInt64(truncatingIfNeeded: value >> 64))
        u64(UInt64(truncatingIfNeeded: value))
    }
    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Bytes whose length the type fixes (keys, hashes, signatures): no prefix.
    public mutating func fixed(_ value: Bytes) { bytes.append(contentsOf: value) }

    /// A hash's 32 bytes, appended in one piece from its big-endian words: no array in between (`fixed(hash.bytes)`
    /// allocated one, four times slower).
    public mutating func hash(_ value: Hash32) {
        withUnsafeBytes(of: (value.w0.bigEndian, value.w1.bigEndian, value.w2.bigEndian, value.w3.bigEndian)) {
            bytes.append(contentsOf: $0)
        }
    }

    /// Bytes of varying length: a u32 length, then the bytes.
    public mutating func variable(_ value: Bytes) {
        u32(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func string(_ value: String) { variable(Array(value.utf8)) }

    public mutating func optional<T>(_ value: T?, _ write: (inout CanonicalWriter, T) -> Void) {
        if let value {
            u8(1)
            write(&self, value)
        } else {
            u8(0)
        }
    }

    public mutating func encode<T: CanonicalEncodable>(_ value: T) { value.encode(to: &self) }

    /// A u32 count, then each element.
    public mutating func array<T: CanonicalEncodable>(_ values: [T]) {
        u32(UInt32(values.count))
        // Each element borrowed where it lies: `for value in values` copies it, retaining whatever it holds (a
        // block's receipts copied every event and its addresses).
        values.withUnsafeBufferPointer { elements in
            guard let first = elements.baseAddress else { return }
            for index in elements.indices { (first + index).pointee.encode(to: &self) }
        }
    }

    /// A byte at a time, most significant first: `append(_:)` inlines to a capacity check and a store, where appending
    /// a buffer of the value's bytes goes through the generic sequence path (a third slower for a record's integers).
    @inline(__always)
    private mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        var shift = T.bitWidth - 8
        while shift >= 0 {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
            shift -= 8
        }
    }
}

/// A value with exactly one byte form, which is what gets signed and hashed.
public protocol CanonicalEncodable {
    func encode(to writer: inout CanonicalWriter)
}

/// A value that can be read back from its canonical form; non-canonical input is an error, never normalised.
public protocol CanonicalDecodable {
    static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Self
}

public typealias CanonicalCodable = CanonicalEncodable & CanonicalDecodable

extension CanonicalEncodable {
    public var canonicalBytes: Bytes {
        var writer = CanonicalWriter()
        encode(to: &writer)
        return writer.bytes
    }
}

extension CanonicalDecodable {
    /// Decodes a whole buffer: trailing bytes are an error.
    public init(canonical bytes: Bytes) throws(CodecError) {
        var reader = CanonicalReader(bytes)
        self = try Self.decode(from: &reader)
        try reader.finish()
    }
}

import ProofmintCrypto
