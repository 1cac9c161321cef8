import ProofmintCore

extension ChainStore {
    /// What a node checks before it serves or builds on a store (issue 13, D5): the head block's record and its
    /// receipts' records pass their checksums and decode, the head pointer names that block, the block agrees with its
    /// header (transaction root, receipt root, count, producer signature), and the stored tree's root is the state root
    /// the header commits to. Cost: one block and its receipts, whatever the length of the chain.
    /// `open` runs it for every writable open; `inspect --verify` checks every block the same way.
    public func checkHead() throws(StorageError) {
        let tables = self.tables, path = self.path
        try environment.read(beginFailed: { .lmdb($0, context: "checking the head block") }) { txn throws(StorageError) in
            let (height, hash) = try Self.readHeadPointer(txn, tables: tables, path: path)
            let block = try Self.readBlock(txn, tables: tables, height: height, path: path)
            func damaged(_ detail: String) -> StorageError {
                .corruptRecord(path: path, table: Table.blocks.rawValue, key: "height \(height)", detail: "the head block: \(detail)")
            }
            guard block.hash.bytes == hash else { throw damaged("its hash is \(block.hash), the head pointer names \(hash.hex)") }
            let receipts = try Self.readReceipts(txn, tables: tables, height: height, path: path)
            if let problem = BlockIntegrity.problem(block, height: height, receipts: receipts) ?? BlockIntegrity.signatureProblem(block) {
                throw damaged(problem)
            }
            let treeRoot: Hash32
            do {
                treeRoot = try StateSnapshot(transaction: txn, tables: tables, path: path).stateRoot()
            } catch {
                throw StorageError.corrupt(path: path, detail: "the state tree's root cannot be read: \(error)")
            }
            guard treeRoot == block.header.stateRoot else {
                throw StorageError.corrupt(
                    path: path, detail: "the stored state tree's root is \(treeRoot), the head block \(height) commits to \(block.header.stateRoot)")
            }
        }
    }

    /// The stored receipt list of block `height`, decoded; a missing list is an error (every block has one).
    static func readReceipts(_ txn: LMDBTransaction, tables: Tables, height: UInt64, path: String) throws(StorageError) -> [Receipt] {
        let key = height.bigEndianBytes
        func damaged(_ detail: String) -> StorageError {
            .corruptRecord(path: path, table: Table.receipts.rawValue, key: "height \(height)", detail: detail)
        }
        guard let bytes = try wrap("reading the receipts of block \(height)", path: path, { () throws(LMDBError) in try txn.get(tables[.receipts], key) }) else {
            throw damaged("the receipt list is missing")
        }
        do {
            return try ReceiptList(canonical: bytes).receipts
        } catch {
            throw damaged("the receipt list does not decode: \(error)")
        }
    }
}
