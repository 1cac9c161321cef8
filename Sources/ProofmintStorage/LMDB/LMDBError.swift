import CLMDB

/// Every LMDB return code the storage layer can meet, as a case a caller can act on.
public enum LMDBError: Error, Equatable, CustomStringConvertible {
    case notFound
    case mapFull
    case corrupted
    case panic
    case versionMismatch
    case notAnLMDBFile
    case readersFull
    case transactionFull
    case mapResized
    case badTransaction
    /// A stored record's checksum does not match its bytes (schema 6): the record was damaged on disk or in memory.
    /// Not an LMDB code, but raised at the same layer, so it reaches every caller through the same path.
    case checksumMismatch(table: String, key: String)
    /// A record that is missing or does not decode where other records say it is (an account history entry its
    /// chain points at): damage that a checksum cannot see, such as a record lost with its checksum.
    case inconsistentRecord(table: String, key: String, detail: String)
    case system(code: Int32, message: String)

    init(code: Int32) {
        switch code {
        case MDB_NOTFOUND: self = .notFound
        case MDB_MAP_FULL: self = .mapFull
        case MDB_CORRUPTED: self = .corrupted
        case MDB_PANIC: self = .panic
        case MDB_VERSION_MISMATCH: self = .versionMismatch
        case MDB_INVALID: self = .notAnLMDBFile
        case MDB_READERS_FULL: self = .readersFull
        case MDB_TXN_FULL: self = .transactionFull
        case MDB_MAP_RESIZED: self = .mapResized
        case MDB_BAD_TXN: self = .badTransaction
        default: self = .system(code: code, message: String(cString: mdb_strerror(code)))
        }
    }

    public var description: String {
        switch self {
        case .notFound: return "key not found"
        case .mapFull: return "database map is full"
        case .corrupted: return "database pages are corrupted"
        case .panic: return "LMDB hit a fatal error; the database must be reopened"
        case .versionMismatch: return "database was written by an incompatible LMDB version"
        case .notAnLMDBFile: return "file is not an LMDB database"
        case .readersFull: return "too many concurrent readers"
        case .transactionFull: return "transaction has too many dirty pages"
        case .mapResized: return "database map was resized by another process"
        case .badTransaction: return "transaction is no longer usable"
        case let .checksumMismatch(table, key):
            return "the record at \(key) in table \(table) fails its checksum: its bytes changed after they were written"
        case let .inconsistentRecord(table, key, detail): return "the record at \(key) in table \(table) \(detail)"
        case let .system(code, message): return "\(message) (errno \(code))"
        }
    }

    /// Throws unless `code` is success.
    static func check(_ code: Int32) throws(LMDBError) {
        if code != MDB_SUCCESS { throw LMDBError(code: code) }
    }
}
