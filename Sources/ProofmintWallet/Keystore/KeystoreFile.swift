import ProofmintCore

/// One encrypted key as stored on disk: the Ed25519 seed sealed with XSalsa20-Poly1305 under an Argon2id key.
///
/// ```
/// {"version":1,"name","address","public_key",
///  "kdf":{"name":"argon2id13","opslimit","memlimit","salt"},
///  "cipher":{"name":"xsalsa20poly1305","nonce","ciphertext"}}
/// ```
/// The public part is readable without the password, so `keys list` and address lookups never ask for one.
public struct KeystoreFile: Equatable, Sendable {
    public static let version = 1
    public static let kdfName = "argon2id13"
    public static let cipherName = "xsalsa20poly1305"
    /// The 32-byte seed plus the 16-byte MAC.
    static let ciphertextLength = Ed25519.seedLength + SecretBox.macLength

    public let name: KeyName
    public let address: Address
    public let publicKey: Ed25519.PublicKey
    public let kdf: KDFLimits
    public let salt: Bytes
    public let nonce: Bytes
    public let ciphertext: Bytes

    /// Encrypts `key` under `password` with a fresh random salt and nonce.
    public static func seal(_ key: Ed25519.PrivateKey, name: KeyName, password: Bytes, limits: KDFLimits) throws(KeystoreError) -> KeystoreFile {
        // The wallet never writes a file it would refuse to read.
        guard limits.isWithinCap else {
            throw .crypto("KDF limits \(limits) for '\(name)' are above the cap (\(KDFLimits.capDescription)); use 'moderate'")
        }
        let salt = SecureRandom.bytes(Argon2id.saltLength)
        let nonce = SecureRandom.bytes(SecretBox.nonceLength)
        do {
            let secret = try Argon2id.deriveKey(
                password: password, salt: salt, opsLimit: limits.opsLimit, memLimit: limits.memLimit, length: SecretBox.keyLength)
            let ciphertext = try SecretBox.seal(key.seed, key: secret, nonce: nonce)
            return KeystoreFile(
                name: name, address: Address(publicKey: key.publicKey), publicKey: key.publicKey, kdf: limits,
                salt: salt, nonce: nonce, ciphertext: ciphertext)
        } catch {
            throw .crypto("could not encrypt key '\(name)': \(error)")
        }
    }

    private init(
        name: KeyName, address: Address, publicKey: Ed25519.PublicKey, kdf: KDFLimits, salt: Bytes, nonce: Bytes, ciphertext: Bytes
    ) {
        self.name = name
        self.address = address
        self.publicKey = publicKey
        self.kdf = kdf
        self.salt = salt
        self.nonce = nonce
        self.ciphertext = ciphertext
    }

    /// Decrypts the seed. A wrong password and altered ciphertext are indistinguishable (the MAC fails either way).
    public func open(password: Bytes, path: String) throws(KeystoreError) -> Ed25519.PrivateKey {
        // Unreachable for a parsed file (parsing refuses it); kept so the cap holds for every caller.
        guard kdf.isWithinCap else {
            throw .kdfTooExpensive(path: path, opsLimit: kdf.opsLimit, memLimit: UInt64(max(0, kdf.memLimit)))
        }
        let secret: Bytes
        do {
            secret = try Argon2id.deriveKey(
                password: password, salt: salt, opsLimit: kdf.opsLimit, memLimit: kdf.memLimit, length: SecretBox.keyLength)
        } catch {
            throw .crypto("could not derive the key for '\(name)': \(error)")
        }
        let seed: Bytes
        do {
            seed = try SecretBox.open(ciphertext, key: secret, nonce: nonce)
        } catch {
            throw .wrongPassword(name: name.text, path: path)
        }
        let key: Ed25519.PrivateKey
        do {
            key = try Ed25519.PrivateKey(seed: seed)
        } catch {
            throw .corruptFile(path: path, reason: "the decrypted key is not a 32-byte Ed25519 seed")
        }
        guard key.publicKey == publicKey else {
            throw .corruptFile(path: path, reason: "the decrypted key does not match the file's public_key")
        }
        return key
    }

    /// The public facts, for listings.
    public func info(path: String) -> KeyInfo {
        KeyInfo(name: name, address: address, publicKey: publicKey, kdf: kdf, path: path)
    }

    /// The file's JSON, members in the documented order.
    public var json: JSONValue {
        .object([
            ("version", .int(Self.version)),
            ("name", .string(name.text)),
            ("address", .string(address.text)),
            ("public_key", .string(publicKey.bytes.hex)),
            ("kdf", .object([
                ("name", .string(Self.kdfName)),
                ("opslimit", .uint(kdf.opsLimit)),
                ("memlimit", .int(kdf.memLimit)),
                ("salt", .string(salt.hex)),
            ])),
            ("cipher", .object([
                ("name", .string(Self.cipherName)),
                ("nonce", .string(nonce.hex)),
                ("ciphertext", .string(ciphertext.hex)),
            ])),
        ])
    }

    /// The bytes written to disk.
    public var encoded: Bytes { Array((json.prettyText + "\n").utf8) }

    /// Parses and checks a keystore file; anything missing, mistyped, out of range or inconsistent names the file.
    public init(parsing bytes: Bytes, path: String) throws(KeystoreError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw .corruptFile(path: path, reason: bytes.isEmpty ? "the file is empty" : "\(error) (truncated or edited?)")
        }
        do {
            let root = try JSONObjectReader(document, path: "")
            let version = try root.value("version")
            guard version.intValue == Self.version else {
                if case let .number(text) = version { throw KeystoreError.unsupportedVersion(path: path, version: text) }
                throw KeystoreError.corruptFile(path: path, reason: "'version' must be a number")
            }
            let nameText = try root.string("name")
            guard let name = try? KeyName(nameText) else {
                throw KeystoreError.corruptFile(path: path, reason: "'name' is '\(nameText)', which is not a valid key name")
            }
            let address = try root.address("address")
            let publicKeyBytes = try root.hex("public_key")
            guard let publicKey = try? Ed25519.PublicKey(bytes: publicKeyBytes) else {
                throw KeystoreError.corruptFile(path: path, reason: "'public_key' must be 32 bytes, got \(publicKeyBytes.count)")
            }
            guard Address(publicKey: publicKey) == address else {
                throw KeystoreError.corruptFile(path: path, reason: "'address' does not belong to 'public_key'")
            }

            let kdf = try root.object("kdf")
            let kdfName = try kdf.string("name")
            guard kdfName == Self.kdfName else {
                throw KeystoreError.corruptFile(path: path, reason: "unsupported kdf '\(kdfName)' (expected '\(Self.kdfName)')")
            }
            let opsLimit = try kdf.uint64("opslimit")
            let memLimit = try kdf.uint64("memlimit")
            guard opsLimit >= KDFLimits.minimumOpsLimit, memLimit >= UInt64(KDFLimits.minimumMemLimit) else {
                throw KeystoreError.corruptFile(
                    path: path,
                    reason: "kdf opslimit \(opsLimit) / memlimit \(memLimit) are below Argon2id's minimum "
                        + "(\(KDFLimits.minimumOpsLimit) / \(KDFLimits.minimumMemLimit))")
            }
            // Checked here, while parsing, so no code path can reach Argon2id with a file above the cap.
            guard memLimit <= UInt64(KDFLimits.maximumMemLimit),
                  KDFLimits(opsLimit: opsLimit, memLimit: Int(memLimit)).isWithinCap
            else { throw KeystoreError.kdfTooExpensive(path: path, opsLimit: opsLimit, memLimit: memLimit) }
            let salt = try kdf.hex("salt")
            guard salt.count == Argon2id.saltLength else {
                throw KeystoreError.corruptFile(path: path, reason: "kdf salt must be \(Argon2id.saltLength) bytes, got \(salt.count)")
            }

            let cipher = try root.object("cipher")
            let cipherName = try cipher.string("name")
            guard cipherName == Self.cipherName else {
                throw KeystoreError.corruptFile(path: path, reason: "unsupported cipher '\(cipherName)' (expected '\(Self.cipherName)')")
            }
            let nonce = try cipher.hex("nonce")
            guard nonce.count == SecretBox.nonceLength else {
                throw KeystoreError.corruptFile(path: path, reason: "cipher nonce must be \(SecretBox.nonceLength) bytes, got \(nonce.count)")
            }
            let ciphertext = try cipher.hex("ciphertext")
            guard ciphertext.count == Self.ciphertextLength else {
                throw KeystoreError.corruptFile(
                    path: path, reason: "ciphertext must be \(Self.ciphertextLength) bytes, got \(ciphertext.count) (truncated?)")
            }
            self.init(
                name: name, address: address, publicKey: publicKey, kdf: KDFLimits(opsLimit: opsLimit, memLimit: Int(memLimit)),
                salt: salt, nonce: nonce, ciphertext: ciphertext)
        } catch let error as KeystoreError {
            throw error
        } catch {
            throw .corruptFile(path: path, reason: "\(error)")
        }
    }
}
