import ProofmintCore

/// Why the node's database could not be used, phrased for the operator who has to fix it.
public enum StorageError: Error, CustomStringConvertible {
    /// No database at the path: run `proofmintd init` first.
    case notInitialized(path: String)
    /// `init` was asked to create a database where one exists.
    case alreadyInitialized(path: String)
    /// The files are damaged: truncated, overwritten, or not LMDB at all.
    case corrupt(path: String, detail: String)
    /// The genesis was being written, over several transactions, when the program that made the home stopped.
    case unfinishedGenesis(path: String)
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
    /// The file system holding `path` has too little free space to start writing (issue 13, D6).
    case diskFull(path: String, available: Int, needed: Int)
    /// A file LMDB maps could not be given its blocks for another reason than a full disk.
    case cannotAllocate(path: String, detail: String)
    /// A block could not be written: usually a full disk (LMDB reports a short write as an I/O error) or a map that
    /// cannot grow. `available` is the free space measured just after the failure.
    case commitFailed(path: String, height: UInt64, cause: LMDBError, available: Int?)
    /// A devnet snapshot name outside 1–64 characters of `A–Z a–z 0–9 . _ -`.
    case invalidSnapshotName(String)
    /// No devnet snapshot has this name (never taken, deleted, or forgotten by a revert to an older one).
    case unknownSnapshot(name: String, known: [String])
    /// A revert was refused and nothing was changed: the history it needs is missing or does not lead to the snapshot.
    case cannotRevert(path: String, detail: String)
    /// The home was created without the explorer's indexes (`--no-explorer-indexes`), so `index` cannot be read.
    case explorerIndexesNotKept(path: String, index: String)
    /// A fast-mined run reached a home that keeps the explorer's indexes without a block's supply, which its net writes
    /// cannot give; nothing was written.
    case supplyMissing(path: String, height: UInt64)

    public var description: String {
        switch self {
        case let .notInitialized(path): return "no Proofmint database at \(path): run `proofmintd init` first"
        case let .alreadyInitialized(path): return "a Proofmint database already exists at \(path); use another --home or remove it"
        case let .corrupt(path, detail): return "database at \(path) is damaged (\(detail)); restore it from a backup or initialise a new home"
        case let .unfinishedGenesis(path):
            return "the database at \(path) was never finished: the program that made it stopped while writing the genesis; "
                + "remove \(path) and run `proofmintd init` again"
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
        case let .diskFull(path, available, needed):
            return "the file system holding \(path) has \(available) bytes free and Proofmint needs at least \(needed) there: "
                + "free space on it (or use a home on a larger disk) and try again"
        case let .cannotAllocate(path, detail): return "cannot allocate the blocks of \(path): \(detail)"
        case let .commitFailed(path, height, cause, available):
            let space = available.map { "; the file system holding it has \($0) bytes free" } ?? ""
            return "cannot commit block \(height) to \(path): \(cause)\(space). Nothing of the block was kept; if the disk is "
                + "full, free space on it (a running node retries by itself)"
        case let .invalidSnapshotName(name):
            return "'\(name)' is not a snapshot name: use 1 to \(ChainSnapshot.maxNameLength) characters of A-Z a-z 0-9 . _ -"
        case let .unknownSnapshot(name, known):
            let list = known.isEmpty ? "there are none; take one with `proofmint dev snapshot NAME`" : "there are: " + known.joined(separator: ", ")
            return "no snapshot named '\(name)' (a revert forgets the snapshots taken after the one it returns to); \(list)"
        case let .cannotRevert(path, detail):
            return "cannot revert the chain in \(path): \(detail). Nothing was changed"
        case let .explorerIndexesNotKept(path, index):
            return "this node keeps no \(index): its home \(path) was made with --no-explorer-indexes. Ask a node that keeps them, or "
                + "make a home without that flag and import or sync the chain into it"
        case let .supplyMissing(path, height):
            return "block \(height) of a run of blocks came without its supply figures, which the explorer's index in \(path) needs; "
                + "nothing was written (a fault of the caller: report it)"
        }
    }

    /// An LMDB failure while doing `context` in the database at `path`. A checksum mismatch is a damaged record, not
    /// an LMDB failure, so it becomes `corruptRecord` naming the table and the key; so does an inconsistent record.
    init(_ error: LMDBError, context: String, path: String) {
        switch error {
        case let .checksumMismatch(table, key):
            self = .corruptRecord(
                path: path, table: table, key: key,
                detail: "its checksum does not match its bytes (a bit changed on disk or in memory after it was written)")
        case let .inconsistentRecord(table, key, detail):
            self = .corruptRecord(path: path, table: table, key: key, detail: detail)
        default:
            self = .lmdb(error, context: context)
        }
    }
}
