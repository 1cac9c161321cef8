import ProofmintCrypto

/// One attestor the genesis file trusts from the start (`attestors`, §10.1): written to the registry at height 0.
public struct GenesisAttestor: Equatable, Sendable {
    public let name: String
    public let publicKey: Ed25519.PublicKey
    public let maxTier: PrivacyTier

    public init(name: String, publicKey: Ed25519.PublicKey, maxTier: PrivacyTier) {
        self.name = name
        self.publicKey = publicKey
        self.maxTier = maxTier
    }

    /// `attestors`: optional; each `{name (1–64 bytes), public_key (64 hex digits, a valid point), max_tier (2–4)}`,
    /// names and keys distinct.
    static func parseList(_ top: JSONFields) throws(GenesisError) -> [GenesisAttestor] {
        guard top.has("attestors") else { return [] }
        var attestors = [GenesisAttestor]()
        for (index, entry) in try top.array("attestors").enumerated() {
            let path = "genesis.attestors[\(index)]"
            let fields = try JSONFields(entry, path: path, allowed: ["name", "public_key", "max_tier"])
            let name = try fields.string("name")
            guard !name.isEmpty, name.utf8.count <= AttestorRecord.maxNameBytes else { throw GenesisError("\(path).name", "must be 1–64 bytes") }
            let hex = try fields.string("public_key")
            guard let bytes = Bytes(hex: hex), let key = try? Ed25519.PublicKey(bytes: bytes) else {
                throw GenesisError("\(path).public_key", "must be 64 hex digits (a 32-byte Ed25519 public key)")
            }
            guard key.isValidPoint else {
                throw GenesisError("\(path).public_key", "is not a valid Ed25519 public key (small-order or non-canonical point): it could never sign")
            }
            let tierNumber = try fields.integer("max_tier", max: UInt64(PrivacyTier.teeIO.rawValue))
            guard let tier = PrivacyTier(rawValue: UInt8(tierNumber)), tier.rawValue >= PrivacyTier.cpuTEE.rawValue else {
                throw GenesisError("\(path).max_tier", "must be 2, 3 or 4 (cpu-tee, gpu-tee, tee-io): tiers 0 and 1 need no attestor")
            }
            guard !attestors.contains(where: { $0.name == name }) else { throw GenesisError("\(path).name", "'\(name)' is used twice") }
            guard !attestors.contains(where: { $0.publicKey == key }) else { throw GenesisError("\(path).public_key", "is listed twice") }
            attestors.append(GenesisAttestor(name: name, publicKey: key, maxTier: tier))
        }
        return attestors
    }
}
