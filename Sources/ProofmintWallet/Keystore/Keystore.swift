import ProofmintCore

/// A directory of encrypted keys, one `NAME.json` file per key (mode 0600, directory 0700).
public struct Keystore: Sendable {
    public static let fileExtension = ".json"
    public static let filePermissions = 0o600
    public static let directoryPermissions = 0o700

    public let directory: String

    public init(directory: String) {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    }

    /// The file that holds (or would hold) `name`.
    public func path(for name: KeyName) -> String { "\(directory)/\(name.text)\(Self.fileExtension)" }

    public func contains(_ name: KeyName) -> Bool { FileSystem.exists(path(for: name)) }

    /// Reads and checks the key's file, without its password.
    public func file(_ name: KeyName) throws(KeystoreError) -> KeystoreFile {
        let path = path(for: name)
        let bytes: Bytes
        do {
            bytes = try FileSystem.read(path, limit: 64 * 1024)
        } catch {
            if case .notFound = error { throw .keyNotFound(name: name.text, directory: directory) }
            throw .file(error)
        }
        let file = try KeystoreFile(parsing: bytes, path: path)
        guard file.name == name else {
            throw .corruptFile(path: path, reason: "it holds key '\(file.name)', not '\(name)' (was it renamed by hand?)")
        }
        return file
    }

    /// The key's public facts.
    public func info(_ name: KeyName) throws(KeystoreError) -> KeyInfo { try file(name).info(path: path(for: name)) }

    /// Every `*.json` file in the directory, by name; an absent directory is an empty keystore.
    public func list() throws(KeystoreError) -> [KeystoreListing] {
        guard FileSystem.exists(directory) else { return [] }
        let names: [String]
        do {
            names = try FileSystem.fileNames(in: directory)
        } catch {
            throw .file(error)
        }
        var listings = [KeystoreListing]()
        for fileName in names where fileName.hasSuffix(Self.fileExtension) {
            let nameText = String(fileName.dropLast(Self.fileExtension.count))
            do {
                listings.append(.key(try info(try KeyName(nameText))))
            } catch {
                listings.append(.unreadable(name: nameText, error: error))
            }
        }
        return listings
    }

    /// Encrypts and stores `key` as `name`. Refuses to replace an existing key unless `overwrite`.
    @discardableResult
    public func save(
        _ key: Ed25519.PrivateKey, as name: KeyName, password: Bytes, limits: KDFLimits, overwrite: Bool = false
    ) throws(KeystoreError) -> KeyInfo {
        let path = path(for: name)
        // Checked before the (slow) key derivation so the user hears about a clash at once; the write re-checks atomically.
        if !overwrite && contains(name) { throw .keyExists(name: name.text, path: path) }
        let file = try KeystoreFile.seal(key, name: name, password: password, limits: limits)
        do {
            try FileSystem.createDirectory(directory, permissions: Self.directoryPermissions)
            // A `keys new` killed mid-write leaves a hidden temp file holding a sealed key; the next save removes it.
            removeLeftovers()
            try FileSystem.writeAtomically(file.encoded, to: path, permissions: Self.filePermissions, overwrite: overwrite)
        } catch {
            if case .alreadyExists = error { throw .keyExists(name: name.text, path: path) }
            throw .file(error)
        }
        return file.info(path: path)
    }

    /// Removes temporary key files left by a writer that was killed (issue 13, D12) and returns their paths; those of
    /// a writer still running are kept.
    @discardableResult
    public func removeLeftovers() -> [String] {
        FileSystem.removeStaleTemporaries(in: directory)
    }

    /// Decrypts the key stored as `name`.
    public func unlock(_ name: KeyName, password: Bytes) throws(KeystoreError) -> Ed25519.PrivateKey {
        try file(name).open(password: password, path: path(for: name))
    }
}
