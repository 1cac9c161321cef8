/// Failures of the cryptographic wrappers. Each case says what the caller can do about it.
public enum CryptoError: Error, Equatable, CustomStringConvertible {
    /// A key, nonce or signature had the wrong number of bytes.
    case invalidLength(what: String, expected: Int, actual: Int)
    /// Authenticated decryption failed: the key (password) is wrong or the ciphertext was altered.
    case authenticationFailed
    /// Argon2id could not allocate or run with the given limits.
    case keyDerivationFailed(opsLimit: UInt64, memLimit: Int)
    /// libsodium refused an operation that should not fail (for example an invalid public key for key conversion).
    case operationFailed(String)

    public var description: String {
        switch self {
        case let .invalidLength(what, expected, actual):
            return "\(what) must be \(expected) bytes, got \(actual)"
        case .authenticationFailed:
            return "decryption failed: wrong password, or the encrypted data was modified"
        case let .keyDerivationFailed(ops, mem):
            return "Argon2id key derivation failed (opslimit \(ops), memlimit \(mem) bytes): not enough memory?"
        case let .operationFailed(what):
            return "cryptographic operation failed: \(what)"
        }
    }
}
