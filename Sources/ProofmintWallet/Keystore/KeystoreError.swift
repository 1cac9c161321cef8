/// Why a keystore operation failed, each message naming the key or file and what to do.
public enum KeystoreError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case keyNotFound(name: String, directory: String)
    case keyExists(name: String, path: String)
    case wrongPassword(name: String, path: String)
    /// The file is not a keystore file we can read: truncated, edited or from another program.
    case corruptFile(path: String, reason: String)
    case unsupportedVersion(path: String, version: String)
    /// The file asks for Argon2id limits above `KDFLimits`' cap: refused before any hashing, since a crafted file
    /// could otherwise burn minutes of CPU and gigabytes of memory before "wrong password" (issue 13, D9).
    case kdfTooExpensive(path: String, opsLimit: UInt64, memLimit: UInt64)
    case file(FileSystemError)
    /// Argon2id or secretbox failed for a reason other than a wrong password (for example not enough memory).
    case crypto(String)

    public var description: String {
        switch self {
        case let .invalidName(name):
            return "invalid key name '\(name)': use 1 to 32 characters from a-z, 0-9, '_' and '-'"
        case let .keyNotFound(name, directory):
            return "no key named '\(name)' in \(directory) (see `proofmint keys list`, or pass --keystore DIR)"
        case let .keyExists(name, path):
            return "a key named '\(name)' already exists at \(path); choose another name or pass --force to replace it"
        case let .wrongPassword(name, path):
            return "wrong password for key '\(name)' (if you are sure of the password, \(path) has been altered)"
        case let .corruptFile(path, reason):
            return "keystore file \(path) is corrupt: \(reason)"
        case let .unsupportedVersion(path, version):
            return "keystore file \(path) has version \(version); this wallet reads version \(KeystoreFile.version): upgrade proofmint"
        case let .kdfTooExpensive(path, opsLimit, memLimit):
            return "keystore file \(path) asks for Argon2id opslimit \(opsLimit) and memlimit \(memLimit) bytes, above what this "
                + "wallet accepts (\(KDFLimits.capDescription)); this wallet never writes such a file, so it was altered or "
                + "made elsewhere: it was refused without trying the password. Restore the key from its mnemonic or a backup"
        case let .file(error):
            return "keystore: \(error)"
        case let .crypto(reason):
            return "keystore: \(reason)"
        }
    }
}
