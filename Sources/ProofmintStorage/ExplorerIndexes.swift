import ProofmintCore

/// The explorer's node-side indexes (schemas 7 and 8): the supply after each block and each account's transactions
/// (`AccountHistoryLog`). They are written in the same LMDB transaction as the block they describe, so they never
/// disagree with the chain, and they are not state: no state root covers them and the state transition never reads them.
///
/// A home made without them (`ChainStore.keepsExplorerIndexes` false) never calls `write` or `remove`. Otherwise a
/// commit calls `write` once per block, in height order, inside its transaction: a fast-mined batch
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
            let location = AccountHistoryLog.Location(height: block.height, index: UInt32(index))
            // In key order (height ‖ index ‖ address), so each put lands after the one before.
            for party in orderedParties(of: transaction) {
                try AccountHistoryLog.append(party, at: location, transactionId: transaction.id, txn: txn, tables: tables)
            }
        }
    }

    /// Deletes block `block`'s entries (the block at `height`), for a revert that removes the block. Blocks are removed
    /// newest first, and within one the entries newest first, so each is its account's newest when it goes.
    static func remove(forHeight height: UInt64, block: Block, txn: LMDBTransaction, tables: Tables) throws(LMDBError) {
        try txn.delete(tables[.supplyHistory], height.bigEndianBytes)
        for (index, transaction) in block.transactions.enumerated().reversed() {
            let location = AccountHistoryLog.Location(height: height, index: UInt32(index))
            for party in orderedParties(of: transaction).reversed() {
                try AccountHistoryLog.removeNewest(party, at: location, txn: txn, tables: tables)
            }
        }
    }

    /// `parties(of:)` in ascending address order: the order of their keys in `history_log`.
    private static func orderedParties(of transaction: SignedTransaction) -> [Address] {
        parties(of: transaction).sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// The accounts a transaction concerns: its sender, a transfer's recipient, a compute receipt's consumer (who pays),
    /// once each. Read from the transaction alone, so a revert finds the same keys without the receipts.
    static func parties(of transaction: SignedTransaction) -> [Address] {
        let sender = transaction.senderAddress
        let other: Address?
        switch transaction.transaction.payload {
        case let .transfer(transfer): other = transfer.recipient
        case let .submitProof(signed): other = Address(publicKey: signed.receipt.consumer)
        default: other = nil
        }
        guard let other, other != sender else { return [sender] }
        return [sender, other]
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
