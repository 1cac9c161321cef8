import ProofmintCore

/// What one block adds to the chain tables, encoded before the write transaction opens: the block, its receipts,
/// its hash → height entry and one `tx_index` entry per transaction.
struct BlockRecords {
    let height: Bytes
    let hash: Bytes
    let block: Bytes
    let receipts: Bytes
    let index: [(id: Bytes, entry: Bytes)]

    init(_ block: Block, receipts: [Receipt]) {
        height = block.height.bigEndianBytes
        hash = block.hash.bytes
        self.block = block.canonicalBytes
        self.receipts = ReceiptList(receipts).canonicalBytes
        let entries = TransactionIndexEntry.entries(for: block, receipts: receipts)
        index = zip(block.transactions, entries).map { (id: $0.id.bytes, entry: $1.bytes) }
    }

    func write(to txn: LMDBTransaction, tables: Tables) throws(LMDBError) {
        try txn.put(tables[.blocks], height, block)
        try txn.put(tables[.blockIndex], hash, height)
        try txn.put(tables[.receipts], height, receipts)
        for (id, entry) in index { try txn.put(tables[.transactionIndex], id, entry) }
    }
}
