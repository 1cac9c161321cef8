import CSodium

/// SipHash-2-4 (libsodium's `crypto_shorthash`): an 8-byte checksum that catches flipped bits in stored records.
/// Its key is public (all zero, or derived from public data), so it detects damage, never tampering.
public enum ShortHash {
    public static let outputLength = 8
    public static let keyLength = 16
    public static let zeroKey = Bytes(repeating: 0, count: keyLength)

    /// The 8-byte SipHash-2-4 of `message` under `key` (16 bytes; a shorter key is padded with zeros).
    public static func hash(_ message: Bytes, key: Bytes = zeroKey) -> Bytes {
        let fullKey = key.count == keyLength ? key : Array((key + zeroKey).prefix(keyLength))
        let digest = message.withUnsafeBytes { message in fullKey.withUnsafeBytes { hash(message, key: $0) } }
        return withUnsafeBytes(of: digest, Array.init)
    }

    /// SipHash-2-4 of `message` under the 16 bytes at `key`, hashed where both lie: no copy and no allocation, for
    /// checking every stored record (a multi-megabyte block straight from LMDB's memory map, or a 70-byte tree node).
    /// The result holds the 8 output bytes in memory order (`withUnsafeBytes(of:)` gives them back).
    public static func hash(_ message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer) -> UInt64 {
        Sodium.ensureReady()
        precondition(key.count == keyLength, "SipHash-2-4 takes a 16-byte key")
        var out: UInt64 = 0
        withUnsafeMutableBytes(of: &out) { out in
            // Both buffers are fixed-size locals of 8 and 16 bytes: their base addresses are never nil.
            guard let output = out.baseAddress?.assumingMemoryBound(to: UInt8.self),
                  let key = key.baseAddress?.assumingMemoryBound(to: UInt8.self)
            else { return }
            _ = crypto_shorthash(output, message.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(message.count), key)
        }
        return out
    }
}
