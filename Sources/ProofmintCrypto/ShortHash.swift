import CSodium

/// SipHash-2-4 (libsodium's `crypto_shorthash`): an 8-byte checksum that catches flipped bits in stored records.
/// Its key is public (all zero, or derived from public data), so it detects damage, never tampering.
public enum ShortHash {
    public static let outputLength = 8
    public static let keyLength = 16
    public static let zeroKey = Bytes(repeating: 0, count: keyLength)

    /// The 8-byte SipHash-2-4 of `message` under `key` (16 bytes; a shorter key is padded with zeros), hashed where it
    /// lies: no copy, so a multi-megabyte record can be checked straight from LMDB's memory map.
    public static func hash(_ message: UnsafeRawBufferPointer, key: Bytes = zeroKey) -> Bytes {
        Sodium.ensureReady()
        var out = Bytes(repeating: 0, count: outputLength)
        let fullKey = key.count == keyLength ? key : Array((key + zeroKey).prefix(keyLength))
        fullKey.withUnsafeBufferPointer { key in
            guard let key = key.baseAddress else { return }  // 16 bytes: never nil
            _ = crypto_shorthash(&out, message.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(message.count), key)
        }
        return out
    }

    public static func hash(_ message: Bytes, key: Bytes = zeroKey) -> Bytes {
        message.withUnsafeBytes { hash($0, key: key) }
    }
}
