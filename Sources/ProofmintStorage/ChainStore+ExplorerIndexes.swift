import ProofmintCore

/// Reads of the explorer's indexes (`ExplorerIndexes`), each from one read transaction; a home created without them
/// answers `explorerIndexesNotKept`.
extension ChainStore {
    /// The supply after blocks `from…to` (clamped to the head), at most `points` of them: every block when they fit,
    /// otherwise `points` heights spread evenly from `from` to `to`, both ends included. Cost: `points` point reads.
    public func supplyHistory(from: UInt64, to: UInt64, points: Int) throws(StorageError) -> [SupplyPoint] {
        try requireExplorerIndexes("supply history")
        let last = min(to, head.height)
        guard from <= last, points > 0 else { return [] }
        let heights = Self.sampleHeights(from: from, to: last, points: points)
        let tables = self.tables, path = self.path
        let context = "reading the supply history"
        return try environment.read(beginFailed: { .lmdb($0, context: context) }) { txn throws(StorageError) in
            var samples = [SupplyPoint]()
            for height in heights {
                let key = height.bigEndianBytes
                guard let bytes = try wrap(context, path: path, { () throws(LMDBError) in try txn.get(tables[.supplyHistory], key) }) else {
                    continue
                }
                guard let point = SupplyPoint(height: height, bytes: bytes) else {
                    throw corruptRecord(.supplyHistory, "height \(height)", "the entry is \(bytes.count) bytes, not \(SupplyPoint.encodedLength)")
                }
                samples.append(point)
            }
            return samples
        }
    }

    /// `points` heights spread evenly over `from…to`, both ends included (all of them when there are no more).
    static func sampleHeights(from: UInt64, to: UInt64, points: Int) -> [UInt64] {
        let span = to - from
        if span < UInt64(max(points, 1)) { return Array(from...to) }
        guard points > 1 else { return [to] }
        let steps = UInt64(points - 1)
        // from + span × step / steps, split so that it cannot overflow (both remainders are below `steps`).
        return (0...steps).map { step in from + (span / steps) * step + (span % steps) * step / steps }
    }

    /// An account's transactions below height `before` (all when nil), newest first. A page stops at `limit` entries
    /// but never splits a block, so it may hold more when one block has many of the account's transactions; `next`
    /// is the `before` of the following page, nil when there is none.
    public func accountHistory(
        _ address: Address, limit: Int, before: UInt64?
    ) throws(StorageError) -> (entries: [AccountHistoryEntry], next: UInt64?) {
        try requireExplorerIndexes("account history")
        let tables = self.tables, path = self.path
        let context = "reading the history of \(address)"
        return try environment.read(beginFailed: { .lmdb($0, context: context) }) { txn throws(StorageError) in
            do throws(LMDBError) {
                return try AccountHistoryLog.page(address, limit: limit, before: before, txn: txn, tables: tables)
            } catch {
                throw StorageError(error, context: context, path: path)
            }
        }
    }

    private func requireExplorerIndexes(_ index: String) throws(StorageError) {
        guard keepsExplorerIndexes else { throw .explorerIndexesNotKept(path: path, index: index) }
    }
}
