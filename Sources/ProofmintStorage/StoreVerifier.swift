import ProofmintCore

/// Walks a whole store in one read transaction for `inspect --verify` (issue 13, D5): every record's checksum in every
/// table, every block from genesis to the head against its header, its index entry, its parent and its receipts, every
/// transaction's index entry, and the state root rebuilt from every entry. It goes on past a problem, so one run lists
/// what is damaged. Cost: linear in the chain and the state (docs/RELIABILITY.md has the figures).
struct StoreVerifier {
    let txn: LMDBTransaction
    let tables: Tables
    let path: String
    /// Whether the home keeps the explorer's indexes: one that does not must hold none of their entries.
    let explorerIndexes: Bool
    private(set) var result = StoreVerification()

    init(txn: LMDBTransaction, tables: Tables, path: String, explorerIndexes: Bool) {
        self.txn = txn
        self.tables = tables
        self.path = path
        self.explorerIndexes = explorerIndexes
    }

    mutating func run() -> StoreVerification {
        let head: (height: UInt64, hash: Bytes)
        do {
            head = try ChainStore.readHeadPointer(txn, tables: tables, path: path)
        } catch {
            result.report(error, table: .meta, key: "meta head")
            return result
        }
        result.height = head.height
        checkRecords()
        checkExplorerIndexesRecord()
        let headHeader = checkBlocks(through: head)
        checkEntryCounts()
        if let headHeader { checkState(against: headHeader) }
        return result
    }

    /// Every record of every table, raw, against its checksum.
    private mutating func checkRecords() {
        for table in Table.allCases where tables.contains(table) {
            var count = 0
            do {
                try txn.scanRaw(tables[table].dbi) { key, stored in
                    count += 1
                    if RecordChecksum.open(stored, table: table, key: key) == nil {
                        result.damagedRecords += 1
                        result.report(table, table.describe(key: key), "its checksum does not match its bytes")
                    }
                    return true
                }
            } catch {
                result.report(table, "scan", "\(error)")
            }
            result.records[table.rawValue] = count
        }
    }

    /// The home's choice of explorer indexes, one byte 0 or 1 when present.
    private mutating func checkExplorerIndexesRecord() {
        do {
            if let bytes = try txn.get(tables[.meta], MetaKey.explorerIndexes), bytes != [0], bytes != [1] {
                result.report(.meta, "meta explorer-indexes", "holds \(bytes.hex), not 00 or 01")
            }
        } catch {
            result.report(StorageError(error, context: "reading the explorer-indexes record", path: path), table: .meta, key: "meta explorer-indexes")
        }
    }

    /// Blocks 0…head: each decoded, linked to its parent, indexed by its hash, consistent with its header and receipts,
    /// signed by its producer; returns the head block's header if it could be read.
    private mutating func checkBlocks(through head: (height: UInt64, hash: Bytes)) -> BlockHeader? {
        let txn = self.txn, tables = self.tables, path = self.path
        var parentHash: Hash32?
        var headHeader: BlockHeader?
        // The head record is only checksummed, not trusted: a height past the blocks stored (a crafted or damaged
        // file) is reported, and the walk stops at what is there instead of counting towards 2^64.
        let stored = UInt64(result.records[Table.blocks.rawValue] ?? 0)
        if head.height >= stored {
            result.report(.meta, "head", "names height \(head.height) but the blocks table holds \(stored) blocks")
        }
        guard stored > 0 else { return nil }
        for height in 0...min(head.height, stored - 1) {
            guard let block = read({ () throws(StorageError) in try ChainStore.readBlock(txn, tables: tables, height: height, path: path) },
                                   .blocks, height) else {
                parentHash = nil
                continue
            }
            result.blocks += 1
            let key = "height \(height)"
            if let parentHash, block.header.parentHash != parentHash {
                result.report(.blocks, key, "its parent hash \(block.header.parentHash) is not block \(height - 1)'s hash \(parentHash)")
            }
            checkBlockIndex(block)
            if let problem = BlockIntegrity.signatureProblem(block) { result.report(.blocks, key, problem) }
            if height > 0 { result.signatures += 1 }
            if let receipts = read({ () throws(StorageError) in try ChainStore.readReceipts(txn, tables: tables, height: height, path: path) },
                                   .receipts, height) {
                if let problem = BlockIntegrity.problem(block, height: height, receipts: receipts) { result.report(.blocks, key, problem) }
                checkTransactionIndex(block, receipts: receipts)
            }
            parentHash = block.hash
            if height == head.height {
                headHeader = block.header
                if block.hash.bytes != head.hash { result.report(.meta, "meta head", "names \(head.hash.hex), block \(height) is \(block.hash)") }
            }
        }
        return headHeader
    }

    private mutating func read<T>(_ body: () throws(StorageError) -> T, _ table: Table, _ height: UInt64) -> T? {
        do {
            return try body()
        } catch {
            result.report(error, table: table, key: "height \(height)")
            return nil
        }
    }

    private mutating func checkBlockIndex(_ block: Block) {
        let key = "block \(block.hash.bytes.hex)"
        do {
            let stored = try txn.get(tables[.blockIndex], block.hash.bytes)
            if stored != block.height.bigEndianBytes {
                result.report(.blockIndex, key, "holds \(stored.map { $0.hex } ?? "nothing"), not height \(block.height)")
            }
        } catch {
            result.report(StorageError(error, context: "reading the block index", path: path), table: .blockIndex, key: key)
        }
    }

    /// Each transaction's `tx_index` entry must be exactly the one its place in this block and receipt list gives.
    private mutating func checkTransactionIndex(_ block: Block, receipts: [Receipt]) {
        let expected = TransactionIndexEntry.entries(for: block, receipts: receipts)
        for (index, transaction) in block.transactions.enumerated() {
            result.transactions += 1
            let key = "transaction \(transaction.id.bytes.hex)"
            do {
                let stored = try txn.get(tables[.transactionIndex], transaction.id.bytes)
                if stored != expected[index].bytes {
                    result.report(
                        .transactionIndex, key,
                        stored == nil ? "is missing" : "does not point at its place in block \(block.height) (index \(index))")
                }
            } catch {
                result.report(StorageError(error, context: "reading the transaction index", path: path), table: .transactionIndex, key: key)
            }
        }
    }

    /// Entries that no block reaches: more blocks, receipt lists or index entries than the chain has (and, in a home
    /// without the explorer's indexes, any of theirs).
    private mutating func checkEntryCounts() {
        let blockCount = Int(clamping: result.height).addingReportingOverflow(1).partialValue
        var expected: [(Table, Int)] = [
            (.blocks, blockCount), (.blockIndex, blockCount), (.receipts, blockCount), (.transactionIndex, result.transactions),
            (.supplyHistory, explorerIndexes ? blockCount : 0),
        ]
        if !explorerIndexes { expected += [(.historyLog, 0), (.historyHeads, 0)] }
        for (table, count) in expected {
            let stored = result.records[table.rawValue] ?? 0
            if stored != count { result.report(table, "every entry", "holds \(stored) entries, the chain up to the head has \(count)") }
        }
    }

    private mutating func checkState(against head: BlockHeader) {
        do {
            let check = try ChainStore.stateCheck(StateSnapshot(transaction: txn, tables: tables, path: path), head: head)
            result.state = check
            if !check.isConsistent {
                result.report(
                    .tree, "root",
                    "the state rebuilt from every entry has root \(check.recomputedRoot), the stored tree \(check.storedTreeRoot), "
                        + "the head header \(check.headerRoot)")
            }
        } catch {
            result.report(error, table: .state, key: "every entry")
        }
    }
}
