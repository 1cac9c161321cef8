import ProofmintCore

extension ChainStore {
    /// Block 0 and the initial state. A genesis of 10⁷ accounts writes gigabytes, and one write transaction would hold
    /// them all as dirty pages on the heap until its commit, so the state and then the tree go in transactions of about
    /// `Options.genesisEntriesPerTransaction` entries, in key order (`GenesisLoad`). The last transaction writes block
    /// 0, the head and the schema; until it commits, the `unfinishedGenesis` marker that the first one wrote tells
    /// `open` that the home was never finished.
    static func writeGenesis(
        _ genesis: Genesis, genesisFile: Bytes, environment: LMDBEnvironment, tables: Tables, path: String, options: Options
    ) throws(StorageError) -> BlockHeader {
        let writes = genesis.stateWrites()
        let entries = Genesis.treeEntries(of: writes)
        let load = GenesisLoad(environment: environment, tables: tables, options: options)
        do {
            try load.transaction { txn throws(LMDBError) in try txn.put(tables[.meta], MetaKey.unfinishedGenesis, [1]) }
            try load.writeState(writes)
            let root = try load.writeTree(entries)
            let block = genesis.block(stateRoot: root)
            try load.transaction { txn throws(LMDBError) in
                try writeRecords(
                    block, receipts: EncodedReceipts([]), supply: nil, explorerIndexes: options.explorerIndexes, txn: txn, tables: tables,
                    path: path)
                try writeHead(block, txn: txn, tables: tables)
                try txn.put(tables[.meta], MetaKey.schema, withUnsafeBytes(of: schemaVersion.bigEndian, Array.init))
                try txn.put(tables[.meta], MetaKey.genesis, genesisFile)
                try txn.put(tables[.meta], MetaKey.devnet, [genesis.isDevnet ? 1 : 0])
                try txn.put(tables[.meta], MetaKey.explorerIndexes, [options.explorerIndexes ? 1 : 0])
                try txn.delete(tables[.meta], MetaKey.unfinishedGenesis)
            }
            return block.header
        } catch {
            throw commitError(error, height: 0, path: path)
        }
    }
}

