import CSodium

/// SipHash-2-4 (libsodium's `crypto_shorthash`) with a fixed all-zero key: an 8-byte checksum that catches flipped
/// bits in stored records. It is not a commitment: anyone can compute it, so it detects damage, never tampering.
public enum ShortHash {
    public static let outputLength = 8
    private static let zeroKey = Bytes(repeating: 0, count: 16)

    /// The 8-byte SipHash-2-4 of `message` under the all-zero key.
    public static func hash(_ message: UnsafeRawBufferPointer) -> Bytes {
        Sodium.ensureReady()
        var out = Bytes(repeating: 0, count: outputLength)
        zeroKey.withUnsafeBufferPointer { key in
            guard let key = key.baseAddress else { return }  // 16 bytes: never nil
            _ = crypto_shorthash(&out, message.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(message.count), key)
        }
        return out
    }

    public static func hash(_ message: Bytes) -> Bytes {
        message.withUnsafeBytes { hash($0) }
    }
}
