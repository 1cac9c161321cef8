import ProofmintCore

/// What one block adds to the chain tables: the block, its receipts (encoded once, with the receipt root), its
/// hash → height entry and one `tx_index` entry per transaction, each written from a stack buffer as it is put.
struct BlockRecords {
    let height: Bytes
    let hash: Bytes
    let block: Bytes
    let receipts: Bytes
    let ids: [Hash32]
    let index: [TransactionIndexEntry]

    init(_ block: Block, receipts: EncodedReceipts) {
        height = block.height.bigEndianBytes
        hash = block.hash.bytes
        self.block = block.encoded
        self.receipts = receipts.bytes
        ids = block.transactions.map(\.id)
        index = TransactionIndexEntry.entries(for: block, receipts: receipts)
    }

    func write(to txn: LMDBTransaction, tables: Tables) throws(LMDBError) {
        try txn.put(tables[.blocks], height, block)
        try txn.put(tables[.blockIndex], hash, height)
        try txn.put(tables[.receipts], height, receipts)
        // Each id and entry written into one stack buffer: a block of 10,000 transfers puts 10,000 of them.
        let table = tables[.transactionIndex]
        try withUnsafeTemporaryAllocation(byteCount: Hash32.length + TransactionIndexEntry.length, alignment: 8) { buffer throws(LMDBError) in
            let key = UnsafeRawBufferPointer(rebasing: buffer[..<Hash32.length])
            let value = UnsafeMutableRawBufferPointer(rebasing: buffer[Hash32.length...])
            for (id, entry) in zip(ids, index) {
                id.write(into: buffer, at: 0)
                entry.write(into: value)
                try txn.put(table, key: key, value: UnsafeRawBufferPointer(value))
            }
        }
    }
}
