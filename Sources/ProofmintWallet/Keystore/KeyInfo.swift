import ProofmintCore

/// What can be known about a stored key without its password.
public struct KeyInfo: Equatable, Sendable {
    public let name: KeyName
    public let address: Address
    public let publicKey: Ed25519.PublicKey
    public let kdf: KDFLimits
    /// The key's file.
    public let path: String

    public init(name: KeyName, address: Address, publicKey: Ed25519.PublicKey, kdf: KDFLimits, path: String) {
        self.name = name
        self.address = address
        self.publicKey = publicKey
        self.kdf = kdf
        self.path = path
    }

    /// The `--json` form.
    public var json: JSONValue {
        .object([
            ("name", .string(name.text)),
            ("address", .string(address.text)),
            ("public_key", .string(publicKey.bytes.hex)),
            ("kdf", .string(kdf.description)),
            ("path", .string(path)),
        ])
    }
}
