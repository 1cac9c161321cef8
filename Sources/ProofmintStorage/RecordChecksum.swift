import ProofmintCore
import ProofmintCrypto

/// The 8-byte checksum every stored value ends with (schema 6): SipHash-2-4 under the all-zero key over
/// `u8 table id ‖ u32 key length ‖ key ‖ value`. Covering the table and the key means a value that LMDB hands back
/// for the wrong key, or a key whose bits flipped, fails the check as surely as a flipped bit in the value.
/// `LMDBTransaction` seals on every put and opens on every get and scan, so no caller sees an unchecked value.
enum RecordChecksum {
    static let length = ShortHash.outputLength

    /// `value` followed by its checksum: what is written to LMDB.
    static func seal(_ value: Bytes, table: Table, key: Bytes) -> Bytes {
        var stored = value
        stored.reserveCapacity(value.count + length)
        stored += checksum(table: table, key: key, value: value[...])
        return stored
    }

    /// The value inside `stored` if its checksum holds, nil if the record is damaged (or too short to hold one).
    static func open(_ stored: Bytes, table: Table, key: Bytes) -> Bytes? {
        guard stored.count >= length else { return nil }
        let value = stored[..<(stored.count - length)]
        guard checksum(table: table, key: key, value: value).elementsEqual(stored[(stored.count - length)...]) else { return nil }
        return Array(value)
    }

    private static func checksum(table: Table, key: Bytes, value: ArraySlice<UInt8>) -> Bytes {
        var message = Bytes()
        message.reserveCapacity(5 + key.count + value.count)
        message.append(table.checksumId)
        message += withUnsafeBytes(of: UInt32(truncatingIfNeeded: key.count).bigEndian, Array.init)
        message += key
        message += value
        return ShortHash.hash(message)
    }
}
