import CSodium

/// Ed25519 through libsodium. Signing is deterministic (RFC 8032), so fixtures signed here stay byte-stable.
public enum Ed25519 {
    public static let publicKeyLength = 32
    public static let seedLength = 32
    public static let signatureLength = 64

    /// A 32-byte Ed25519 public key.
    public struct PublicKey: Hashable, Sendable {
        public let bytes: Bytes

        public init(bytes: Bytes) throws {
            guard bytes.count == Ed25519.publicKeyLength else {
                throw CryptoError.invalidLength(what: "Ed25519 public key", expected: Ed25519.publicKeyLength, actual: bytes.count)
            }
            self.bytes = bytes
        }

        /// True if the key is a canonical point of the main subgroup that can verify signatures
        /// (not small order, not the identity). Keys that fail this could never sign a valid block.
        public var isValidPoint: Bool {
            Sodium.ensureReady()
            return crypto_core_ed25519_is_valid_point(bytes) == 1
        }

        /// Checks `signature` over `message`. Rejects non-canonical and small-order encodings as libsodium does.
        public func isValidSignature(_ signature: Bytes, for message: Bytes) -> Bool {
            Sodium.ensureReady()
            guard signature.count == Ed25519.signatureLength else { return false }
            return message.withUnsafeBufferPointer { msg in
                crypto_sign_verify_detached(signature, msg.baseAddress, UInt64(msg.count), bytes) == 0
            }
        }
    }

    /// An Ed25519 signing key, kept as its 32-byte seed (the form mnemonics and keystores hold).
    public struct PrivateKey: Sendable {
        public let seed: Bytes
        public let publicKey: PublicKey
        private let expanded: Bytes

        /// Derives the key pair from a 32-byte seed.
        public init(seed: Bytes) throws {
            Sodium.ensureReady()
            guard seed.count == Ed25519.seedLength else {
                throw CryptoError.invalidLength(what: "Ed25519 seed", expected: Ed25519.seedLength, actual: seed.count)
            }
            var pk = Bytes(repeating: 0, count: Ed25519.publicKeyLength)
            var sk = Bytes(repeating: 0, count: Int(crypto_sign_SECRETKEYBYTES))
            guard crypto_sign_seed_keypair(&pk, &sk, seed) == 0 else {
                throw CryptoError.operationFailed("crypto_sign_seed_keypair")
            }
            self.seed = seed
            self.expanded = sk
            self.publicKey = try PublicKey(bytes: pk)
        }

        /// A new key from the operating system's random source. Wallet use only: never inside the state transition.
        public static func generate() throws -> PrivateKey {
            try PrivateKey(seed: SecureRandom.bytes(Ed25519.seedLength))
        }

        /// The detached 64-byte signature of `message`.
        public func signature(for message: Bytes) -> Bytes {
            var signature = Bytes(repeating: 0, count: Ed25519.signatureLength)
            _ = message.withUnsafeBufferPointer { msg in
                crypto_sign_detached(&signature, nil, msg.baseAddress, UInt64(msg.count), expanded)
            }
            return signature
        }
    }
}
