import Logging
import ProofmintCore
import ProofmintStorage

/// Named snapshots and revert (`pm_snapshot`, `pm_revert`; docs/RPC.md, "Devnet tools"). The store does the work in
/// one write transaction; the node empties the mempool and restarts its block clock at the reverted head.
extension Node {
    /// Names the head block `name` (`pm_snapshot`). Blocks are produced on this actor, so none commits meanwhile.
    public func takeSnapshot(named name: String) throws(NodeError) -> ChainSnapshot {
        drainCommit()
        do { return try store.takeSnapshot(named: name) } catch { throw .storage(error) }
    }

    /// Reverts the chain to snapshot `name` (`pm_revert`) and empties the mempool, whose transactions were checked
    /// against a state that no longer exists. Production runs on this actor, so it is paused for the whole revert, and
    /// the next block builds on the reverted head. Returns what the store did and how many transactions were dropped.
    public func revert(to name: String) throws(NodeError) -> (outcome: RevertOutcome, droppedTransactions: Int) {
        settleForSynchronousChange()
        let outcome: RevertOutcome
        do { outcome = try store.revert(to: name) } catch { throw .storage(error) }
        let dropped = mempool.count
        mempool = Mempool(limits: mempool.limits)
        // Time moved by the devnet tools after the snapshot goes back with it: the clock continues from its block.
        clock = BlockClock(head: outcome.header, now: producer.now(), continuingFromHead: true)
        updateMempoolMetrics()
        metrics.height.record(Int64(outcome.header.height))
        logger.notice(
            "reverted to snapshot",
            metadata: [
                "snapshot": "\(name)", "height": "\(outcome.header.height)", "reverted_blocks": "\(outcome.revertedBlocks)",
                "dropped_transactions": "\(dropped)",
            ])
        return (outcome, dropped)
    }
}
