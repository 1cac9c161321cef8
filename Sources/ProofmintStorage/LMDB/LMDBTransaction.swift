import CLMDB
import ProofmintCore

/// A live LMDB transaction. Values read are copied out, so they stay valid after the transaction ends.
final class LMDBTransaction {
    private let handle: OpaquePointer
    let writable: Bool
    private var finished = false
    /// One cursor per table this transaction has read or put through, kept open for every `get` and put. A commit
    /// writes its tree nodes and state entries in key order, and a tree update reads its nodes in key order (a parent,
    /// then its left subtree, then its right), so the next key usually falls in the cursor's current leaf page, where
    /// `mdb_cursor_set`'s same-page check finds it without descending the B-tree from the root again, as `mdb_get`'s
    /// and `mdb_put`'s fresh cursors must. A key elsewhere costs two more key comparisons before the descent. LMDB closes
    /// a write transaction's cursors when it ends; a read-only transaction's are closed when it ends (`endCursors`).
    private var keptCursors: [(dbi: MDB_dbi, cursor: OpaquePointer)] = []

    init(handle: OpaquePointer, writable: Bool) {
        self.handle = handle
        self.writable = writable
    }

    /// The value at `key`, its checksum checked and removed; a mismatch throws `.checksumMismatch`.
    func get(_ table: TableHandle, _ key: Bytes) throws(LMDBError) -> Bytes? {
        try withValue(table, key) { Bytes($0) }
    }

    /// Runs `body` over the value at `key` where it lies in LMDB's memory map, after checking its checksum there, so a
    /// caller that needs a few bytes of a large record copies only those. The buffer is valid only inside `body`.
    func withValue<T>(_ table: TableHandle, _ key: Bytes, _ body: (UnsafeRawBufferPointer) -> T) throws(LMDBError) -> T? {
        let result = key.withUnsafeBytes { key in Result { () throws(LMDBError) in try withValue(table, key: key, body) } }
        return try result.get()
    }

    /// `withValue` for a key the caller lends (a tree update reads ~50,000 nodes a block by keys written on its stack).
    func withValue<T>(
        _ table: TableHandle, key: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> T
    ) throws(LMDBError) -> T? {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val()
        let status = seek(table.dbi, &k, &v)
        if status == MDB_NOTFOUND { return nil }
        try LMDBError.check(status)
        guard let value = RecordChecksum.value(
            in: UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size), table: table.table, key: key)
        else { throw Self.mismatch(table, Bytes(key)) }
        return body(value)
    }

    /// Writes `value` followed by its checksum. `appending` promises that `key` sorts after every key in the table
    /// (`MDB_APPEND`): LMDB then skips the search and fills each page before starting the next, as a bulk load wants; a
    /// key that breaks the promise fails (`MDB_KEYEXIST`).
    func put(_ table: TableHandle, _ key: Bytes, _ value: Bytes, appending: Bool = false) throws(LMDBError) {
        let status = key.withUnsafeBytes { key in
            value.withUnsafeBytes { value in reserveAndSeal(table, key: key, value: value, appending: appending) }
        }
        try LMDBError.check(status)
    }

    /// `put` from memory the caller lends (a block commit writes ~100,000 tree nodes encoded on the stack).
    func put(_ table: TableHandle, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws(LMDBError) {
        try LMDBError.check(reserveAndSeal(table, key: key, value: value, appending: false))
    }

    /// Writes a record that `RecordChecksum.seal` already sealed for this table and key (value ‖ checksum): for the
    /// genesis's tree nodes, sealed on the cores that built them.
    func putSealed(
        _ table: TableHandle, key: UnsafeRawBufferPointer, sealed: UnsafeRawBufferPointer, appending: Bool
    ) throws(LMDBError) {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: sealed.count, mv_data: UnsafeMutableRawPointer(mutating: sealed.baseAddress))
        try LMDBError.check(put(table.dbi, &k, &v, flags: appending ? UInt32(MDB_APPEND) : 0))
    }

    /// `mdb_cursor_put` through the table's kept cursor (`keptCursors`).
    private func put(_ dbi: MDB_dbi, _ key: inout MDB_val, _ value: inout MDB_val, flags: UInt32) -> Int32 {
        withKeptCursor(dbi) { mdb_cursor_put($0, &key, &value, flags) }
    }

    /// `mdb_get` through the table's kept cursor (`MDB_SET_KEY`), which leaves it on the key for the next read or put.
    private func seek(_ dbi: MDB_dbi, _ key: inout MDB_val, _ value: inout MDB_val) -> Int32 {
        withKeptCursor(dbi) { mdb_cursor_get($0, &key, &value, MDB_SET_KEY) }
    }

    /// Runs `body` on the table's kept cursor, opened at the table's first use in this transaction; LMDB's status.
    @inline(__always)
    private func withKeptCursor(_ dbi: MDB_dbi, _ body: (OpaquePointer) -> Int32) -> Int32 {
        for kept in keptCursors where kept.dbi == dbi { return body(kept.cursor) }
        var opened: OpaquePointer?
        let status = mdb_cursor_open(handle, dbi, &opened)
        guard status == MDB_SUCCESS, let cursor = opened else { return status == MDB_SUCCESS ? MDB_BAD_TXN : status }
        keptCursors.append((dbi, cursor))
        return body(cursor)
    }

    /// Has LMDB reserve the stored record's room in its own pages (`MDB_RESERVE`) and writes the value and its checksum
    /// there: no sealed copy on the heap. Returns LMDB's status.
    private func reserveAndSeal(
        _ table: TableHandle, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, appending: Bool
    ) -> Int32 {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count + RecordChecksum.length, mv_data: nil)
        let flags = UInt32(MDB_RESERVE) | (appending ? UInt32(MDB_APPEND) : 0)
        let status = put(table.dbi, &k, &v, flags: flags)
        guard status == MDB_SUCCESS, let room = v.mv_data else { return status }
        RecordChecksum.seal(value, table: table.table, key: key, into: UnsafeMutableRawBufferPointer(start: room, count: v.mv_size))
        return status
    }

    /// The stored bytes at `key` as LMDB holds them, checksum included: for `inspect --verify` and tests only.
    func getRaw(_ table: MDB_dbi, _ key: Bytes) throws(LMDBError) -> Bytes? {
        var result: Bytes?
        var status: Int32 = 0
        key.withUnsafeBytes { keyBytes in
            var k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            var v = MDB_val()
            status = mdb_get(handle, table, &k, &v)
            if status == MDB_SUCCESS {
                result = Bytes(UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
            }
        }
        if status == MDB_NOTFOUND { return nil }
        try LMDBError.check(status)
        return result
    }

    /// Writes `value` exactly as given, with no checksum: for tests that damage a record on purpose.
    func putRaw(_ table: MDB_dbi, _ key: Bytes, _ value: Bytes) throws(LMDBError) {
        var status: Int32 = 0
        key.withUnsafeBytes { keyBytes in
            value.withUnsafeBytes { valueBytes in
                var k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
                var v = MDB_val(mv_size: valueBytes.count, mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                status = mdb_put(handle, table, &k, &v, 0)
            }
        }
        try LMDBError.check(status)
    }

    private static func mismatch(_ table: TableHandle, _ key: Bytes) -> LMDBError {
        .checksumMismatch(table: table.table.rawValue, key: table.table.describe(key: key))
    }

    /// Deletes `key`; absent keys are fine.
    func delete(_ table: TableHandle, _ key: Bytes) throws(LMDBError) {
        let status = key.withUnsafeBytes { keyBytes in
            var k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            return mdb_del(handle, table.dbi, &k, nil)
        }
        if status == MDB_NOTFOUND { return }
        try LMDBError.check(status)
    }

    /// `delete` of a key the caller lends.
    func delete(_ table: TableHandle, key: UnsafeRawBufferPointer) throws(LMDBError) {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        let status = mdb_del(handle, table.dbi, &k, nil)
        if status == MDB_NOTFOUND { return }
        try LMDBError.check(status)
    }

    /// Calls `body` for each entry in key order, from the first key ≥ `start` (or the first key); stops when it returns false.
    /// Each value's checksum is checked where it lies and removed; the first mismatch throws `.checksumMismatch`.
    func scan(_ table: TableHandle, from start: Bytes? = nil, _ body: (Bytes, Bytes) throws -> Bool) throws {
        try scanRecords(table.dbi, from: start) { key, stored in
            guard let value = RecordChecksum.value(in: stored, table: table.table, key: key) else { throw Self.mismatch(table, key) }
            return try body(key, Bytes(value))
        }
    }

    /// `scan` over the stored bytes, checksums included and unchecked: for `inspect --verify`, which counts every
    /// damaged record instead of stopping at the first.
    func scanRaw(_ table: MDB_dbi, from start: Bytes? = nil, _ body: (Bytes, Bytes) throws -> Bool) throws {
        try scanRecords(table, from: start) { key, stored in try body(key, Bytes(stored)) }
    }

    /// The cursor walk under `scan` and `scanRaw`: each key copied, each stored value (checksum included) lent in place.
    private func scanRecords(_ table: MDB_dbi, from start: Bytes?, _ body: (Bytes, UnsafeRawBufferPointer) throws -> Bool) throws {
        var cursor: OpaquePointer?
        try LMDBError.check(mdb_cursor_open(handle, table, &cursor))
        defer { mdb_cursor_close(cursor) }
        var k = MDB_val(), v = MDB_val()
        var status: Int32
        if let start {
            status = start.withUnsafeBytes { keyBytes in
                k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
                return mdb_cursor_get(cursor, &k, &v, MDB_SET_RANGE)
            }
        } else {
            status = mdb_cursor_get(cursor, &k, &v, MDB_FIRST)
        }
        while status == MDB_SUCCESS {
            let key = Bytes(UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size))
            guard try body(key, UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size)) else { return }
            status = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)
        }
        if status != MDB_NOTFOUND { throw LMDBError(code: status) }
    }

    /// Calls `body` for each entry whose key is below `end`, in descending key order; stops when it returns false.
    /// Checksums are checked as in `scan`. For newest-first index reads (an account's history).
    func scanBackward(_ table: TableHandle, before end: Bytes, _ body: (Bytes, Bytes) throws -> Bool) throws {
        var cursor: OpaquePointer?
        try LMDBError.check(mdb_cursor_open(handle, table.dbi, &cursor))
        defer { mdb_cursor_close(cursor) }
        var k = MDB_val(), v = MDB_val()
        var status = end.withUnsafeBytes { keyBytes in
            k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            return mdb_cursor_get(cursor, &k, &v, MDB_SET_RANGE)
        }
        // At the first key ≥ `end`, step back once; past the last key, start from the last.
        status = mdb_cursor_get(cursor, &k, &v, status == MDB_NOTFOUND ? MDB_LAST : MDB_PREV)
        while status == MDB_SUCCESS {
            let key = Bytes(UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size))
            let stored = UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size)
            guard let value = RecordChecksum.value(in: stored, table: table.table, key: key) else { throw Self.mismatch(table, key) }
            guard try body(key, Bytes(value)) else { return }
            status = mdb_cursor_get(cursor, &k, &v, MDB_PREV)
        }
        if status != MDB_NOTFOUND { throw LMDBError(code: status) }
    }

    /// Deletes the table itself (`mdb_drop` with delete): for tests that rebuild an older home's layout.
    func dropForTesting(_ table: MDB_dbi) throws(LMDBError) {
        try LMDBError.check(mdb_drop(handle, table, 1))
    }

    func entryCount(_ table: TableHandle) throws(LMDBError) -> Int { try statistics(table).ms_entries }

    /// The table's B-tree statistics (entries, leaf pages, depth).
    func statistics(_ table: TableHandle) throws(LMDBError) -> MDB_stat {
        var stat = MDB_stat()
        try LMDBError.check(mdb_stat(handle, table.dbi, &stat))
        return stat
    }

    func commit() throws(LMDBError) {
        finished = true
        defer { endCursors() }
        try LMDBError.check(mdb_txn_commit(handle))
    }

    func abort() {
        guard !finished else { return }
        finished = true
        mdb_txn_abort(handle)
        endCursors()
    }

    /// Forgets the kept cursors once the transaction has ended, closing a read-only transaction's: they outlive it until
    /// closed, where a write transaction's die with it.
    private func endCursors() {
        if !writable {
            for kept in keptCursors { mdb_cursor_close(kept.cursor) }
        }
        keptCursors.removeAll()
    }
}
