import Foundation
import ProofmintCore

/// The block-signing key of a validator node, kept in `HOME/validator_key.json` (mode 0600).
public struct ValidatorKey: Sendable {
    public let name: String
    public let key: Ed25519.PrivateKey

    public init(name: String, key: Ed25519.PrivateKey) {
        self.name = name
        self.key = key
    }

    /// INSECURE: the well-known devnet validator keys. Anyone can derive them; use them only on a devnet.
    public static func insecureDev(index: Int) throws -> ValidatorKey {
        let seed = Blake2b.hash256(Array("proofmint/insecure-dev-validator/\(index)".utf8))
        return ValidatorKey(name: "validator-\(index)", key: try Ed25519.PrivateKey(seed: seed))
    }

    public static func generate(name: String) throws -> ValidatorKey {
        ValidatorKey(name: name, key: try Ed25519.PrivateKey.generate())
    }

    /// The validator key file's mode: readable by the node's user only.
    public static let filePermissions = 0o600

    /// Writes the key file through `AtomicFile`: born 0600 (no moment at which another user can read the seed),
    /// written to a temp file, fsynced, renamed into place and the directory fsynced (issue 13, D7). A temp file left
    /// by a killed `init` is removed by the next `init` or `start` (see `NodeHome`).
    /// `afterCreate` is a test hook called with the temp file's path before any byte is written.
    public func save(to path: String, afterCreate: ((String) -> Void)? = nil) throws {
        let object: [String: String] = ["name": name, "public_key": key.publicKey.bytes.hex, "seed": key.seed.hex]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        do {
            try AtomicFile.write(Array(data), to: path, permissions: Self.filePermissions, overwrite: true, afterCreate: afterCreate)
        } catch {
            throw NodeError.home("cannot write validator key to \(path): \(error)")
        }
    }

    public static func load(from path: String) throws -> ValidatorKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NodeError.home("cannot read validator key \(path)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let name = object["name"] as? String,
              let seedHex = object["seed"] as? String, let seed = Bytes(hex: seedHex), seed.count == 32,
              let key = try? Ed25519.PrivateKey(seed: seed)
        else { throw NodeError.home("validator key file \(path) is malformed: expected {\"name\", \"public_key\", \"seed\"}") }
        if let publicHex = object["public_key"] as? String, publicHex != key.publicKey.bytes.hex {
            throw NodeError.home("validator key file \(path): public_key does not match the seed")
        }
        return ValidatorKey(name: name, key: key)
    }
}
