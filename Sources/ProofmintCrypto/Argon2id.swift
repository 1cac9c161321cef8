import CSodium

/// Argon2id (version 1.3) password hashing, the keystore's key-derivation function.
public enum Argon2id {
    public static let saltLength = Int(crypto_pwhash_SALTBYTES)

    /// Limits that cost one interactive unlock (about 64 MiB and a fraction of a second).
    public static let interactiveOpsLimit = UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE)
    public static let interactiveMemLimit = Int(crypto_pwhash_MEMLIMIT_INTERACTIVE)
    /// Stronger limits for long-lived keys (about 256 MiB).
    public static let moderateOpsLimit = UInt64(crypto_pwhash_OPSLIMIT_MODERATE)
    public static let moderateMemLimit = Int(crypto_pwhash_MEMLIMIT_MODERATE)

    /// Derives `length` bytes from `password` and `salt`.
    public static func deriveKey(
        password: Bytes, salt: Bytes, opsLimit: UInt64, memLimit: Int, length: Int = 32
    ) throws -> Bytes {
        Sodium.ensureReady()
        guard salt.count == saltLength else {
            throw CryptoError.invalidLength(what: "Argon2id salt", expected: saltLength, actual: salt.count)
        }
        var out = Bytes(repeating: 0, count: length)
        // A non-null pointer even for an empty password.
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Swift.max(1, password.count))
        defer { buffer.deallocate() }
        for (i, byte) in password.enumerated() { buffer[i] = CChar(bitPattern: byte) }
        let status = crypto_pwhash(
            &out, UInt64(length), buffer, UInt64(password.count), salt, opsLimit, memLimit, crypto_pwhash_ALG_ARGON2ID13)
        guard status == 0 else { throw CryptoError.keyDerivationFailed(opsLimit: opsLimit, memLimit: memLimit) }
        return out
    }
}
