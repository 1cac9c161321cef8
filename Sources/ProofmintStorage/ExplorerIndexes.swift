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
        for (index, transaction) in block.transactions.enumerated() {
            for party in parties(of: transaction) {
                try txn.put(tables[.accountHistory], historyKey(party, height: block.height, index: UInt32(index)), transaction.id.bytes)
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
        var parties = [transaction.senderAddress]
        switch transaction.transaction.payload {
        case let .transfer(transfer): parties.append(transfer.recipient)
        case let .submitProof(signed): parties.append(Address(publicKey: signed.receipt.consumer))
        default: break
        }
        var seen = Set<Address>()
        return parties.filter { seen.insert($0).inserted }
    }

    /// address ‖ height (u64) ‖ index (u32), big-endian: one address's entries lie together in height order.
    static func historyKey(_ address: Address, height: UInt64, index: UInt32) -> Bytes {
        address.bytes + height.bigEndianBytes + withUnsafeBytes(of: index.bigEndian, Array.init)
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
