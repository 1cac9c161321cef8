import ProofmintCore

/// The explorer's node-side indexes (schema 7): the supply after each block and each account's transactions. They
/// are written in the same LMDB transaction as the block they describe, so they never disagree with the chain, and
/// they are not state: no state root covers them and the state transition never reads them.
///
/// A commit calls `write` once per block, in height order, inside its transaction: a fast-mined batch
/// (`ChainStore.commit(batch:)`) with each block's supply taken while the run was built (`SupplyPoint.after`); a single
/// block or an importer's run (`commit(run:)`) with none, so it is read from the transaction right after that block's
/// writes. A revert that deletes the blocks above a height calls `remove` for each deleted block, also inside its
/// transaction.
enum ExplorerIndexes {
    /// Writes block `block`'s entries; without `supply`, `txn` must hold the block's state writes and no later
    /// block's, and the supply is read from it.
    static func write(block: Block, supply: SupplyPoint? = nil, txn: LMDBTransaction, tables: Tables, path: String) throws(LMDBError) {
        let point: SupplyPoint
        if let supply { point = supply } else { point = try supplyPoint(height: block.height, txn: txn, tables: tables, path: path) }
        try txn.put(tables[.supplyHistory], block.height.bigEndianBytes, point.bytes)
        // Keys and ids written into one stack buffer: a block of 10,000 transfers puts 20,000 entries.
        let table = tables[.accountHistory]
        try withUnsafeTemporaryAllocation(byteCount: historyKeyLength + Hash32.length, alignment: 8) { buffer throws(LMDBError) in
            let key = UnsafeRawBufferPointer(rebasing: buffer[..<historyKeyLength])
            let value = UnsafeRawBufferPointer(rebasing: buffer[historyKeyLength...])
            for (index, transaction) in block.transactions.enumerated() {
                transaction.id.write(into: buffer, at: historyKeyLength)
                func put(_ party: Address) throws(LMDBError) {
                    writeHistoryKey(party, height: block.height, index: UInt32(index), into: buffer)
                    try txn.put(table, key: key, value: value)
                }
                let (sender, other) = partyPair(of: transaction)
                try put(sender)
                if let other { try put(other) }
            }
        }
    }

    /// Deletes block `block`'s entries (the block at `height`), for a revert that removes the block.
    static func remove(forHeight height: UInt64, block: Block, txn: LMDBTransaction, tables: Tables) throws(LMDBError) {
        try txn.delete(tables[.supplyHistory], height.bigEndianBytes)
        for (index, transaction) in block.transactions.enumerated() {
            for party in parties(of: transaction) {
                try txn.delete(tables[.accountHistory], historyKey(party, height: height, index: UInt32(index)))
            }
        }
    }

    /// The accounts a transaction concerns: its sender, a transfer's recipient, a compute receipt's consumer (who pays).
    /// Read from the transaction alone, so a revert finds the same keys without the receipts.
    static func parties(of transaction: SignedTransaction) -> [Address] {
        let (sender, other) = partyPair(of: transaction)
        return other.map { [sender, $0] } ?? [sender]
    }

    /// `parties(of:)` without an array: the sender, and the other party unless there is none or it is the sender.
    private static func partyPair(of transaction: SignedTransaction) -> (Address, Address?) {
        let sender = transaction.senderAddress
        let other: Address?
        switch transaction.transaction.payload {
        case let .transfer(transfer): other = transfer.recipient
        case let .submitProof(signed): other = Address(publicKey: signed.receipt.consumer)
        default: other = nil
        }
        return (sender, other == sender ? nil : other)
    }

    /// Bytes in a history key: an address, a u64 height and a u32 index.
    static let historyKeyLength = Address.length + 12

    /// address ‖ height (u64) ‖ index (u32), big-endian: one address's entries lie together in height order.
    static func historyKey(_ address: Address, height: UInt64, index: UInt32) -> Bytes {
        Bytes(unsafeUninitializedCapacity: historyKeyLength) { buffer, count in
            writeHistoryKey(address, height: height, index: index, into: UnsafeMutableRawBufferPointer(buffer))
            count = historyKeyLength
        }
    }

    /// `historyKey` into the first `historyKeyLength` bytes of `buffer`.
    private static func writeHistoryKey(_ address: Address, height: UInt64, index: UInt32, into buffer: UnsafeMutableRawBufferPointer) {
        address.bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        buffer.storeBytes(of: height.bigEndian, toByteOffset: Address.length, as: UInt64.self)
        buffer.storeBytes(of: index.bigEndian, toByteOffset: Address.length + 8, as: UInt32.self)
    }

    /// The supply after the block whose state writes `txn` holds: the same figures `pm_getSupply` gives at that height.
    private static func supplyPoint(height: UInt64, txn: LMDBTransaction, tables: Tables, path: String) throws(LMDBError) -> SupplyPoint {
        do {
            return try SupplyPoint.after(height: height, state: StateSnapshot(transaction: txn, tables: tables, path: path))
        } catch {
            // A damaged state record met while indexing fails the commit like any other damaged record would.
            throw .checksumMismatch(table: Table.state.rawValue, key: "supply totals (\(error))")
        }
    }
}
