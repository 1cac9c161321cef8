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
        stored += value.withUnsafeBytes { checksum(table: table, key: key, value: $0) }
        return stored
    }

    /// The value inside `stored` if its checksum holds, nil if the record is damaged (or too short to hold one).
    static func open(_ stored: Bytes, table: Table, key: Bytes) -> Bytes? {
        let valueLength = stored.count - length
        guard valueLength >= 0 else { return nil }
        let holds = stored.withUnsafeBytes { raw in
            let expected = checksum(table: table, key: key, value: UnsafeRawBufferPointer(rebasing: raw[..<valueLength]))
            return expected.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                == raw.loadUnaligned(fromByteOffset: valueLength, as: UInt64.self)
        }
        guard holds else { return nil }
        var value = stored
        value.removeLast(length)
        return value
    }

    /// Hashes `u8 table id ‖ u32 key length ‖ key ‖ value` from one buffer filled by memory copies (SipHash in
    /// libsodium is one-shot), so the cost is one copy and one pass of SipHash over the record.
    private static func checksum(table: Table, key: Bytes, value: UnsafeRawBufferPointer) -> Bytes {
        let headerLength = 5 + key.count
        let message = Bytes(unsafeUninitializedCapacity: headerLength + value.count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            raw[0] = table.checksumId
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: key.count).bigEndian) {
                UnsafeMutableRawBufferPointer(rebasing: raw[1..<5]).copyMemory(from: $0)
            }
            key.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: raw[5..<headerLength]).copyMemory(from: $0) }
            UnsafeMutableRawBufferPointer(rebasing: raw[headerLength...]).copyMemory(from: value)
            initialized = headerLength + value.count
        }
        return ShortHash.hash(message)
    }
}
