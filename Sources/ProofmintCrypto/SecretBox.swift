import CSodium

/// XSalsa20-Poly1305 authenticated encryption (libsodium's `crypto_secretbox`).
public enum SecretBox {
    public static let keyLength = Int(crypto_secretbox_KEYBYTES)
    public static let nonceLength = Int(crypto_secretbox_NONCEBYTES)
    public static let macLength = Int(crypto_secretbox_MACBYTES)

    /// Encrypts and authenticates `plaintext`; the result is the MAC followed by the ciphertext.
    public static func seal(_ plaintext: Bytes, key: Bytes, nonce: Bytes) throws -> Bytes {
        try check(key: key, nonce: nonce)
        var out = Bytes(repeating: 0, count: plaintext.count + macLength)
        guard crypto_secretbox_easy(&out, plaintext, UInt64(plaintext.count), nonce, key) == 0 else {
            throw CryptoError.operationFailed("crypto_secretbox_easy")
        }
        return out
    }

    /// Verifies and decrypts; throws `authenticationFailed` for a wrong key or altered bytes.
    public static func open(_ sealed: Bytes, key: Bytes, nonce: Bytes) throws -> Bytes {
        try check(key: key, nonce: nonce)
        guard sealed.count >= macLength else { throw CryptoError.authenticationFailed }
        var out = Bytes(repeating: 0, count: sealed.count - macLength)
        guard crypto_secretbox_open_easy(&out, sealed, UInt64(sealed.count), nonce, key) == 0 else {
            throw CryptoError.authenticationFailed
        }
        return out
    }

    private static func check(key: Bytes, nonce: Bytes) throws {
        Sodium.ensureReady()
        guard key.count == keyLength else {
            throw CryptoError.invalidLength(what: "secretbox key", expected: keyLength, actual: key.count)
        }
        guard nonce.count == nonceLength else {
            throw CryptoError.invalidLength(what: "secretbox nonce", expected: nonceLength, actual: nonce.count)
        }
    }
}
