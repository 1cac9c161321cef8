import CLMDB
import Foundation
import ProofmintCore

/// One LMDB environment (a directory holding `data.mdb` and `lock.mdb`) and its named tables.
/// Transactions may move between threads (`MDB_NOTLS`), as Swift tasks do.
final class LMDBEnvironment: @unchecked Sendable {
    private let handle: OpaquePointer
    private(set) var mapSize: Int
    /// Every read transaction holds this shared; growing the map takes it exclusively (LMDB requires no live txns).
    let gate = ReadWriteLock()

    /// Reader slots in `lock.mdb`.
    static let maxReaders = 256
    /// The size LMDB (0.9, 64-bit) gives `lock.mdb` for `maxReaders` slots: a 192-byte header and 64 bytes a slot
    /// after the first. `ChainStore` allocates it before opening; a larger file only gives LMDB more slots.
    static let lockFileSize = 192 + (maxReaders - 1) * 64

    init(path: String, maxTables: Int, mapSize: Int, durability: Durability, readOnly: Bool = false) throws(LMDBError) {
        var env: OpaquePointer?
        try LMDBError.check(mdb_env_create(&env))
        // mdb_env_create fails only for want of memory, so an environment missing after success is reported as that.
        guard let env else { throw LMDBError(code: ENOMEM) }
        var flags = UInt32(MDB_NOTLS) | UInt32(MDB_NORDAHEAD)
        switch durability {
        case .full: break
        case .meta: flags |= UInt32(MDB_NOMETASYNC)
        case .none: flags |= UInt32(MDB_NOSYNC)
        }
        if readOnly { flags |= UInt32(MDB_RDONLY) }
        do {
            try LMDBError.check(mdb_env_set_maxdbs(env, MDB_dbi(maxTables)))
            try LMDBError.check(mdb_env_set_mapsize(env, mapSize))
            try LMDBError.check(mdb_env_set_maxreaders(env, UInt32(Self.maxReaders)))
            try LMDBError.check(mdb_env_open(env, path, flags, 0o600))
        } catch {
            mdb_env_close(env)
            throw error
        }
        handle = env
        // LMDB raises a map smaller than the data file to the file's size: report the size it really uses.
        var info = MDB_envinfo()
        self.mapSize = mdb_env_info(env, &info) == MDB_SUCCESS ? info.me_mapsize : mapSize
    }

    deinit { mdb_env_close(handle) }

    /// Opens (and with `create`, creates) a named table.
    func openTable(_ name: String, create: Bool) throws(LMDBError) -> MDB_dbi {
        let txn = try beginRaw(readOnly: !create)
        var dbi: MDB_dbi = 0
        let status = mdb_dbi_open(txn, name, create ? UInt32(MDB_CREATE) : 0, &dbi)
        guard status == MDB_SUCCESS else {
            mdb_txn_abort(txn)
            throw LMDBError(code: status)
        }
        try LMDBError.check(mdb_txn_commit(txn))
        return dbi
    }

    func beginRaw(readOnly: Bool) throws(LMDBError) -> OpaquePointer {
        var txn: OpaquePointer?
        try LMDBError.check(mdb_txn_begin(handle, nil, readOnly ? UInt32(MDB_RDONLY) : 0, &txn))
        guard let txn else { throw .badTransaction }
        return txn
    }

    /// Runs `body` in a read transaction: a consistent snapshot of the last commit.
    /// `beginFailed` turns a failure to begin the transaction into the caller's error type, so `body`'s own errors
    /// pass through with their type intact.
    func read<T, E: Error>(beginFailed: (LMDBError) -> E, _ body: (LMDBTransaction) throws(E) -> T) throws(E) -> T {
        gate.lockShared()
        defer { gate.unlock() }
        let handle: OpaquePointer
        do { handle = try beginRaw(readOnly: true) } catch { throw beginFailed(error) }
        let txn = LMDBTransaction(handle: handle, writable: false)
        defer { txn.abort() }
        return try body(txn)
    }

    /// Runs `body` in a write transaction and commits it. If the map fills up, the transaction is abandoned,
    /// the map doubled and `body` run again, so a growing chain never stops the node.
    func write<T>(_ body: (LMDBTransaction) throws(LMDBError) -> T) throws(LMDBError) -> T {
        while true {
            do {
                return try writeOnce(body)
            } catch .mapFull {
                try grow()
            }
        }
    }

    private func writeOnce<T>(_ body: (LMDBTransaction) throws(LMDBError) -> T) throws(LMDBError) -> T {
        gate.lockShared()
        defer { gate.unlock() }
        let txn = LMDBTransaction(handle: try beginRaw(readOnly: false), writable: true)
        do {
            let result = try body(txn)
            try txn.commit()
            return result
        } catch {
            txn.abort()
            throw error
        }
    }

    /// Doubles the map size; waits for every open read transaction to end first.
    private func grow() throws(LMDBError) {
        gate.lockExclusive()
        defer { gate.unlock() }
        let (newSize, overflow) = mapSize.multipliedReportingOverflow(by: 2)
        if overflow { throw .mapFull }
        try LMDBError.check(mdb_env_set_mapsize(handle, newSize))
        mapSize = newSize
    }

    /// The size the data file must have for the pages the last commit references.
    func requiredFileSize() throws(LMDBError) -> Int {
        var info = MDB_envinfo()
        var stat = MDB_stat()
        try LMDBError.check(mdb_env_info(handle, &info))
        try LMDBError.check(mdb_env_stat(handle, &stat))
        return (info.me_last_pgno + 1) * Int(stat.ms_psize)
    }

    func sync() throws(LMDBError) { try LMDBError.check(mdb_env_sync(handle, 1)) }
}

/// A readers–writer lock over pthreads: many readers, or one writer.
final class ReadWriteLock: @unchecked Sendable {
    private var lock = pthread_rwlock_t()

    init() { pthread_rwlock_init(&lock, nil) }
    deinit { pthread_rwlock_destroy(&lock) }

    func lockShared() { pthread_rwlock_rdlock(&lock) }
    func lockExclusive() { pthread_rwlock_wrlock(&lock) }
    func unlock() { pthread_rwlock_unlock(&lock) }
}
