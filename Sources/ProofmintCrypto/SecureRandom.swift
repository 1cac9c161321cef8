import CSodium

/// The operating system's random source, for keys, salts and nonces in the wallet. Never used by consensus code.
public enum SecureRandom {
    public static func bytes(_ count: Int) -> Bytes {
        Sodium.ensureReady()
        var out = Bytes(repeating: 0, count: count)
        randombytes_buf(&out, count)
        return out
    }
}
