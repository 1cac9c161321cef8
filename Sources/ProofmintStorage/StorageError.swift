import ProofmintCore

/// Why the node's database could not be used, phrased for the operator who has to fix it.
public enum StorageError: Error, CustomStringConvertible {
    /// No database at the path: run `proofmintd init` first.
    case notInitialized(path: String)
    /// `init` was asked to create a database where one exists.
    case alreadyInitialized(path: String)
    /// The files are damaged: truncated, overwritten, or not LMDB at all.
    case corrupt(path: String, detail: String)
    /// The database was made by an incompatible version of Proofmint.
    case schemaMismatch(path: String, found: UInt32, expected: UInt32)
    /// The home directory could not be made (permissions, a file in the way, a full disk).
    case cannotCreateDirectory(path: String, detail: String)
    /// One stored record is unreadable: the rest of the database may be fine, but this home cannot be trusted.
    case corruptRecord(path: String, table: String, key: String, detail: String)
    /// A block does not follow the stored head.
    case notNextBlock(head: UInt64, got: UInt64)
    /// LMDB refused an operation.
    case lmdb(LMDBError, context: String)

    public var description: String {
        switch self {
        case let .notInitialized(path): return "no Proofmint database at \(path): run `proofmintd init` first"
        case let .alreadyInitialized(path): return "a Proofmint database already exists at \(path); use another --home or remove it"
        case let .corrupt(path, detail): return "database at \(path) is damaged (\(detail)); restore it from a backup or initialise a new home"
        case let .schemaMismatch(path, found, expected):
            return "database at \(path) has schema \(found), this build reads schema \(expected): initialise a new home "
                + "(for the devnet: make devnet-reset)"
        case let .cannotCreateDirectory(path, detail): return "cannot create the database directory \(path): \(detail)"
        case let .corruptRecord(path, table, key, detail):
            return "database at \(path) holds a damaged record (table \(table), \(key)): \(detail); `proofmintd inspect --verify` "
                + "lists every damaged record; restore the home from a backup, or build a new one with `proofmintd import` from a "
                + "chain file a healthy node exported"
        case let .notNextBlock(head, got): return "block \(got) does not follow the stored head \(head)"
        case let .lmdb(error, context): return "\(context): \(error)"
        }
    }

    /// An LMDB failure while doing `context` in the database at `path`. A checksum mismatch is a damaged record, not
    /// an LMDB failure, so it becomes `corruptRecord` naming the table and the key.
    init(_ error: LMDBError, context: String, path: String) {
        guard case let .checksumMismatch(table, key) = error else {
            self = .lmdb(error, context: context)
            return
        }
        self = .corruptRecord(
            path: path, table: table, key: key,
            detail: "its checksum does not match its bytes (a bit changed on disk or in memory after it was written)")
    }
}
