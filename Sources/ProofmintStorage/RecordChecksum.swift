import ProofmintCore
import ProofmintCrypto

/// The 8-byte checksum every stored value ends with (schema 6): SipHash-2-4 of the value under a key derived from
/// where it is stored, `SipHash-2-4₀(u8 table id ‖ u32 key length ‖ key) ‖ 8 zero bytes` (₀: the all-zero key).
/// Deriving the key from the table and the record's key means a value that LMDB hands back for the wrong key, or a key
/// whose bits flipped, fails the check as surely as a flipped bit in the value; hashing the value under that key,
/// rather than hashing `table ‖ key ‖ value`, lets a value be checked where it lies in LMDB's memory map, without
/// copying a multi-megabyte block first (issue 13, D5 and D8).
/// `LMDBTransaction` seals on every put and checks on every get and scan, so no caller sees an unchecked value.
enum RecordChecksum {
    static let length = ShortHash.outputLength

    /// `value` followed by its checksum: what is written to LMDB.
    static func seal(_ value: Bytes, table: Table, key: Bytes) -> Bytes {
        var stored = Bytes(repeating: 0, count: value.count + length)
        value.withUnsafeBytes { value in
            key.withUnsafeBytes { key in stored.withUnsafeMutableBytes { seal(value, table: table, key: key, into: $0) } }
        }
        return stored
    }

    /// Writes `value ‖ checksum` into `room` (exactly `value.count + length` bytes, e.g. space LMDB reserved).
    static func seal(_ value: UnsafeRawBufferPointer, table: Table, key: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) {
        if !value.isEmpty { room.copyMemory(from: value) }
        let sum = checksum(table: table, key: key, value: value)
        room.storeBytes(of: sum, toByteOffset: value.count, as: UInt64.self)
    }

    /// The value inside `stored` if its checksum holds, nil if the record is damaged (or too short to hold one).
    static func open(_ stored: Bytes, table: Table, key: Bytes) -> Bytes? {
        let holds = key.withUnsafeBytes { key in stored.withUnsafeBytes { Self.value(in: $0, table: table, key: key) } } != nil
        guard holds else { return nil }
        var unsealed = stored
        unsealed.removeLast(length)
        return unsealed
    }

    /// `value(in:table:key:)` for a key held in an array.
    static func value(in stored: UnsafeRawBufferPointer, table: Table, key: Bytes) -> UnsafeRawBufferPointer? {
        key.withUnsafeBytes { value(in: stored, table: table, key: $0) }
    }

    /// The value part of `stored` (value ‖ checksum) if its checksum holds, checked in place.
    static func value(in stored: UnsafeRawBufferPointer, table: Table, key: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let valueLength = stored.count - length
        guard valueLength >= 0 else { return nil }
        let value = UnsafeRawBufferPointer(rebasing: stored[..<valueLength])
        let holds = checksum(table: table, key: key, value: value) == stored.loadUnaligned(fromByteOffset: valueLength, as: UInt64.self)
        return holds ? value : nil
    }

    /// Two SipHash passes and no heap allocation: the location into a stack buffer, hashed to the value's key.
    private static func checksum(table: Table, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) -> UInt64 {
        let locationKey = withUnsafeTemporaryAllocation(byteCount: 5 + key.count, alignment: 8) { location in
            location[0] = table.checksumId
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: key.count).bigEndian) {
                UnsafeMutableRawBufferPointer(rebasing: location[1..<5]).copyMemory(from: $0)
            }
            if !key.isEmpty { UnsafeMutableRawBufferPointer(rebasing: location[5...]).copyMemory(from: key) }
            return withUnsafeBytes(of: (UInt64(0), UInt64(0))) { ShortHash.hash(UnsafeRawBufferPointer(location), key: $0) }
        }
        return withUnsafeBytes(of: (locationKey, UInt64(0))) { ShortHash.hash(value, key: $0) }
    }
}
