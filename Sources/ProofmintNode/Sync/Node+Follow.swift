import ProofmintCore
import ProofmintRPC
import ProofmintStorage

/// A following node's side of the actor (`--follow`): peer blocks are verified and committed here, serialised with
/// block production, through the same `BlockImporter` that `proofmintd import` uses (`StateTransition.apply` for every
/// block, then its receipts and indexes written as a produced block's are; blocks that wait for the disk share a write
/// transaction, `GroupCommit`).
extension Node {
    /// What `accept` did with a batch of peer blocks.
    public struct Acceptance: Sendable, Equatable {
        /// Blocks committed.
        public var committed = 0
        /// Blocks skipped because this node already has them.
        public var known = 0
        /// The timestamp of the first block left for later because it is ahead of this node's clock by more than the
        /// allowed drift (node policy, not consensus), or nil.
        public var deferredTimestamp: UInt64?
    }

    /// Sets the sync task whose peers `pm_status` shows and to which submitted transactions are forwarded.
    public func attach(_ follower: ChainFollower) {
        self.follower = follower
        behindPeers = true
    }

    /// The sync task's verdict: whether a peer is ahead of this node. A validator waits until none is, and then
    /// `graceMs` more when it was behind, so its peers watch it again before it produces (`FollowOptions.productionGraceMs`).
    func setBehindPeers(_ behind: Bool, graceMs: UInt64) {
        if !behind, behindPeers { produceNotBefore = ContinuousClock.now + .milliseconds(graceMs) }
        behindPeers = behind
    }

    /// Verifies and commits `blocks` (consecutive, from a peer) on top of the head. Blocks this node already has are
    /// skipped; a different block at a committed height is refused (`competingBlock`); a block stamped more than
    /// `maxDriftMs` ahead of this node's clock ends the batch (deferred, not refused). Blocks before a refused one stay
    /// committed; the refused one and those after it are not.
    public func accept(_ blocks: [Block], maxDriftMs: UInt64) throws(NodeError) -> Acceptance {
        settleForSynchronousChange()
        var acceptance = Acceptance()
        var fresh = [Block]()
        let now = producer.now()
        for block in blocks {
            if block.height <= store.head.height, fresh.isEmpty {
                try checkKnown(block)
                acceptance.known += 1
                continue
            }
            if block.header.timestamp > now &+ maxDriftMs {
                acceptance.deferredTimestamp = block.header.timestamp
                break
            }
            fresh.append(block)
        }
        let before = store.head.height
        let importer = BlockImporter(store: store)
        defer {
            // The blocks the import committed: the first ones of `fresh`, as many as the head moved. Not every block
            // of `blocks` whose height is in that range: a refused or deferred block may claim one of those heights,
            // and its transactions would then tidy the mempool as if included (`SenderNonces` reads them unchecked).
            let committed = Array(fresh.prefix(store.head.height > before ? Int(store.head.height - before) : 0))
            let statistics = importer.statistics
            tidyAfterFollowing(committed, applyTime: statistics.blocks > 0 ? statistics.applyTime / statistics.blocks : .zero)
        }
        do {
            try importer.importBlocks(fresh)
        } catch let BlockImporter.ImportError.invalidBlock(height, error) {
            throw .peerBlockRefused(height: height, error)
        } catch let BlockImporter.ImportError.storage(_, error) {
            throw .storage(error)
        } catch {
            throw .stateUnreadable("\(error)")
        }
        acceptance.committed = Int(store.head.height - before)
        return acceptance
    }

    /// A block at a height this node has committed: the same block is skipped, another one is refused.
    private func checkKnown(_ block: Block) throws(NodeError) {
        let ours: Block?
        do { ours = try store.block(at: block.height) } catch { throw .storage(error) }
        guard let ours, ours.hash != block.hash else { return }
        throw .competingBlock(height: block.height, ours: ours.hash, theirs: block.hash)
    }

    /// Included transactions leave the mempool (with any nonce they made stale), as after a produced block; the blocks
    /// are counted in the metrics with the batch's mean execution time.
    private func tidyAfterFollowing(_ committed: [Block], applyTime: Duration) {
        guard !committed.isEmpty else { return }
        for block in committed { metrics.recordBlock(block, applyTime: applyTime) }
        mempool.prune(after: SenderNonces(after: committed))
        updateMempoolMetrics()
        logger.debug("committed peer blocks", metadata: ["to": "\(store.head.height)", "count": "\(committed.count)"])
    }

    /// `pm_status`'s sync members: the state and the peers, or `standalone` without `--follow`.
    public func syncStatus() async -> (state: String, peers: [PeerView]) {
        guard let follower else { return ("standalone", []) }
        return await follower.status()
    }

    /// Hands transactions this node admitted to its peers (a follower's clients reach the producer through it). A
    /// batch is handed over in one call: one hop onto the node's actor and one onto the follower's per batch.
    func forwardToPeers(_ transactions: [Bytes]) async {
        guard let follower, !transactions.isEmpty else { return }
        await follower.forward(transactions)
    }
}
