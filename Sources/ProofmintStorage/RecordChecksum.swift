import CXXHash
import ProofmintCore

/// The 8-byte checksum every stored value ends with (schema 6; XXH3 since schema 9): XXH3-64 of the value, seeded with
/// the XXH3-64 of where it is stored, `XXH3₀(u8 table id ‖ u32 key length ‖ key)` (₀: seed 0), written in the machine's
/// byte order (little-endian on every platform the node builds for).
/// Deriving the seed from the table and the record's key means a value that LMDB hands back for the wrong key, or a key
/// whose bits flipped, fails the check as surely as a flipped bit in the value; hashing the value under that seed,
/// rather than hashing `table ‖ key ‖ value`, lets a value be checked where it lies in LMDB's memory map, without
/// copying a multi-megabyte block first (issue 13, D5 and D8). XXH3 (schemas 6–8 used SipHash-2-4) because every read
/// and write of a record hashes it whole: a tree record of four levels is up to 977 bytes, and SipHash was ~8% of the
/// CPU beside the signature checks at 10⁶ accounts, where XXH3 hashes such a record in a tenth of the time. It detects
/// damage, not tampering, as before: anyone can recompute either.
/// `LMDBTransaction` seals on every put and checks on every get and scan, so no caller sees an unchecked value.
enum RecordChecksum {
    static let length = 8

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

    /// Two XXH3 passes and no heap allocation: the location into a stack buffer, hashed to the value's seed.
    private static func checksum(table: Table, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) -> UInt64 {
        let seed = withUnsafeTemporaryAllocation(byteCount: 5 + key.count, alignment: 8) { location in
            location[0] = table.checksumId
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: key.count).bigEndian) {
                UnsafeMutableRawBufferPointer(rebasing: location[1..<5]).copyMemory(from: $0)
            }
            if !key.isEmpty { UnsafeMutableRawBufferPointer(rebasing: location[5...]).copyMemory(from: key) }
            return XXH3_64bits(location.baseAddress, location.count)
        }
        return XXH3_64bits_withSeed(value.baseAddress, value.count, seed)
    }
}
