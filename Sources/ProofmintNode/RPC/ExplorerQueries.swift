import ProofmintCore
import ProofmintRPC
import ProofmintStorage

/// `pm_getSupplyHistory` and `pm_getAccountHistory` (docs/RPC.md): the explorer's reads of the node-side indexes
/// (`supply_history`, `history_log` and `history_heads`), which are not state and carry no proof. A node whose home was
/// made without them (`--no-explorer-indexes`) answers -32009.
extension RPCMethods {
    /// The most samples one `pm_getSupplyHistory` call returns, and the default.
    static let maxSupplySamples: UInt64 = 1000
    static let defaultSupplySamples: UInt64 = 200
    /// The most entries one `pm_getAccountHistory` page holds (a page may finish its last block past it), and the default.
    static let maxHistoryEntries: UInt64 = 1000
    static let defaultHistoryEntries: UInt64 = 50

    func supplyHistory(_ params: SupplyHistoryParams) throws(RPCErrorObject) -> SupplyHistoryResult {
        guard store.keepsExplorerIndexes else { throw .notIndexed("supply history") }
        let points = params.points ?? Self.defaultSupplySamples
        guard points >= 1, points <= Self.maxSupplySamples else {
            throw .invalidParams("'points' must be between 1 and \(Self.maxSupplySamples)")
        }
        let head = store.head.height
        let from = params.fromHeight ?? 0
        let to = min(params.toHeight ?? head, head)
        guard from <= to else { throw .invalidParams("'from_height' (\(from)) is above 'to_height' or the head (\(to))") }
        let samples = try storeCall { try store.supplyHistory(from: from, to: to, points: Int(points)) }
        return SupplyHistoryResult(
            height: head,
            samples: samples.map {
                SupplyPointView(height: $0.height, minted: $0.minted, burned: $0.burned, supply: $0.supply, circulating: $0.circulating)
            })
    }

    func accountHistory(_ params: AccountHistoryParams) throws(RPCErrorObject) -> AccountHistoryResult {
        guard store.keepsExplorerIndexes else { throw .notIndexed("account history") }
        let limit = params.limit ?? Self.defaultHistoryEntries
        guard limit >= 1, limit <= Self.maxHistoryEntries else {
            throw .invalidParams("'limit' must be between 1 and \(Self.maxHistoryEntries)")
        }
        let head = store.head.height
        let page = try storeCall { try store.accountHistory(params.address, limit: Int(limit), before: params.before) }
        return AccountHistoryResult(
            address: params.address, height: head,
            entries: page.entries.map { HistoryEntryView(id: $0.transactionId, height: $0.height, index: UInt64($0.index)) },
            next: page.next)
    }
}
