import CSodium

/// SHA-2 and HMAC-SHA512, which BIP39 mnemonics and SLIP-10 key derivation are defined over.
public enum SHA2 {
    public static func sha256(_ message: Bytes) -> Bytes {
        Sodium.ensureReady()
        var out = Bytes(repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        crypto_hash_sha256(&out, message, UInt64(message.count))
        return out
    }

    /// SHA-512, the hash RFC 9381's ECVRF-EDWARDS25519-SHA512-TAI suite is defined over (`VRF`).
    public static func sha512(_ message: Bytes) -> Bytes {
        Sodium.ensureReady()
        var out = Bytes(repeating: 0, count: Int(crypto_hash_sha512_BYTES))
        crypto_hash_sha512(&out, message, UInt64(message.count))
        return out
    }

    public static func hmacSHA512(key: Bytes, message: Bytes) -> Bytes {
        Sodium.ensureReady()
        var state = crypto_auth_hmacsha512_state()
        var out = Bytes(repeating: 0, count: Int(crypto_auth_hmacsha512_BYTES))
        crypto_auth_hmacsha512_init(&state, key, key.count)
        crypto_auth_hmacsha512_update(&state, message, UInt64(message.count))
        crypto_auth_hmacsha512_final(&state, &out)
        return out
    }

    /// PBKDF2 with HMAC-SHA512 (RFC 8018); libsodium has the HMAC but not the iteration.
    public static func pbkdf2SHA512(password: Bytes, salt: Bytes, iterations: Int, length: Int) -> Bytes {
        var output = Bytes()
        var block: UInt32 = 1
        while output.count < length {
            var u = hmacSHA512(key: password, message: salt + withUnsafeBytes(of: block.bigEndian, Array.init))
            var t = u
            if iterations > 1 {
                for _ in 1..<iterations {
                    u = hmacSHA512(key: password, message: u)
                    for i in 0..<t.count { t[i] ^= u[i] }
                }
            }
            output += t
            block += 1
        }
        return Array(output.prefix(length))
    }
}
