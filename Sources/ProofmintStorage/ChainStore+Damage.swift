import ProofmintCore

/// Test hooks that damage a stored record as a failing disk or a stray write would (issue 13, D5). Internal: only
/// `@testable` tests reach them, and they write through the raw LMDB calls, past the checksum that guards every
/// other write.
extension ChainStore {
    /// Flips the lowest bit of byte `offset` of the record at `key` as LMDB holds it (value then checksum), leaving
    /// the checksum as it was, so a read must notice.
    func flipBitForTesting(in table: Table, key: Bytes, at offset: Int) throws(LMDBError) {
        let dbi = tables[table].dbi
        recentBlocks.forgetAll()
        try environment.write { txn throws(LMDBError) in
            guard var stored = try txn.getRaw(dbi, key), stored.indices.contains(offset) else { throw .notFound }
            stored[offset] ^= 0x01
            try txn.putRaw(dbi, key, stored)
        }
    }

    /// Where the last byte of transaction `id`'s signature lies in its stored block: the block's key and the offset.
    func signatureByteForTesting(ofTransaction id: Hash32) throws(StorageError) -> (blockKey: Bytes, offset: Int) {
        guard let bytes = try record(.transactionIndex, id.bytes, "looking up transaction \(id)") else {
            throw corruptRecord(.transactionIndex, "transaction \(id)", "no such transaction")
        }
        let entry = try TransactionIndexEntry(bytes, corrupt: { corruptRecord(.transactionIndex, "transaction \(id)", $0) })
        return (entry.height.bigEndianBytes, Int(entry.transaction.offset) + Int(entry.transaction.length) - 1)
    }

    /// Deletes table `table` from the database, as a home made before it existed lacks it (the lazy `undo` table).
    func dropTableForTesting(_ table: Table) throws(LMDBError) {
        let dbi = tables[table].dbi
        try environment.write { txn throws(LMDBError) in try txn.dropForTesting(dbi) }
    }
}
