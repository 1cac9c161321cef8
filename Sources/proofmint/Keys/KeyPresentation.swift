import ProofmintWallet

/// How a stored key is shown, shared by the keys commands.
enum KeyPresentation {
    /// `label  value` rows for a key.
    static func rows(_ info: KeyInfo) -> [(String, String)] {
        var rows = [
            ("address", info.address.text),
            ("public key", info.publicKey.bytes.hex),
            ("kdf", "argon2id, \(info.kdf)"),
            ("file", info.path),
        ]
        if isDevKey(info) { rows.append(("WARNING", DevAccounts.warning)) }
        return rows
    }

    /// The key's JSON, with `"insecure": true` for the public dev keys.
    static func json(_ info: KeyInfo) -> JSONValue {
        guard case let .object(members) = info.json else { return info.json }
        return .object(members + [("insecure_dev_key", .bool(isDevKey(info)))])
    }

    /// True if the key is one of the publicly known dev accounts (whatever it is called).
    static func isDevKey(_ info: KeyInfo) -> Bool { DevAccounts.index(of: info.address) != nil }
}
