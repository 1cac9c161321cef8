
import Prometheus
import ProofmintCore

/// The node's Prometheus metrics, served at `/metrics`.
public final class NodeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let height: Gauge
    let blocks: Counter
    let transactions: Counter
    let rejected: Counter
    let mempoolTransactions: Gauge
    let mempoolBytes: Gauge
    /// Transactions behind a nonce gap: a share near its cap is the sign of a pinning attempt (issue 13, D3).
    let mempoolGapped: Gauge
    let blockApply: DurationHistogram
    let rpcRequests: Counter
    /// The database map's size: it doubles each time a commit fills it.
    let mapBytes: Gauge
    /// 1 while blocks commit, 0 while they cannot (a full disk) and transactions are refused.
    let storageAvailable: Gauge

    public init() {
        height = registry.makeGauge(name: "proofmint_height", help: "Height of the last committed block")
        blocks = registry.makeCounter(name: "proofmint_blocks_total", help: "Blocks produced by this node since start")
        transactions = registry.makeCounter(name: "proofmint_transactions_total", help: "Transactions included since start")
        rejected = registry.makeCounter(name: "proofmint_transactions_rejected_total", help: "Transactions refused by the mempool")
        mempoolTransactions = registry.makeGauge(name: "proofmint_mempool_transactions", help: "Transactions waiting in the mempool")
        mempoolBytes = registry.makeGauge(name: "proofmint_mempool_bytes", help: "Bytes of transactions waiting in the mempool")
        mempoolGapped = registry.makeGauge(
            name: "proofmint_mempool_gapped_transactions", help: "Transactions in the mempool waiting behind a nonce gap")
        blockApply = registry.makeDurationHistogram(
            name: "proofmint_block_apply_seconds", buckets: [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250),
                                                             .milliseconds(500), .seconds(1), .seconds(2), .seconds(5)],
            help: "Time to build, execute and commit a block")
        rpcRequests = registry.makeCounter(name: "proofmint_rpc_requests_total", help: "JSON-RPC requests served")
        mapBytes = registry.makeGauge(name: "proofmint_db_map_bytes", help: "Size of the database's memory map; doubles when a commit fills it")
        storageAvailable = registry.makeGauge(
            name: "proofmint_storage_available", help: "1 while blocks commit, 0 while they cannot and transactions are refused")
        storageAvailable.record(Int64(1))
    }

    func recordBlock(_ block: Block, applyTime: Duration) {
        height.record(Int64(block.height))
        blocks.increment()
        transactions.increment(by: Int64(block.transactions.count))
        blockApply.record(applyTime)
    }

    /// The text exposition format.
    public func render() -> String {
        var buffer = [UInt8]()
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
