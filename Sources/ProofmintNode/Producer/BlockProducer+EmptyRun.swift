import ProofmintCore
import ProofmintStorage

/// `pm_mine`'s fast path: a run of empty blocks executed one on top of the other in memory and committed together.
/// Every block still goes through `StateTransition.propose` (every end-of-block step runs: epochs close, receipts are
/// sampled, proposals are tallied and executed) and is signed with its beacon; what is saved is the commit: one
/// write transaction and one fsync for `blocksPerCommit` blocks, each state key and tree node written once with its
/// final value, instead of one transaction per block rewriting the same paths.
extension BlockProducer {
    /// Blocks per write transaction: large enough that the fsync and the rewritten tree paths vanish per block, small
    /// enough that a run holds a few megabytes and `pm_mine` reports progress to the log at a steady pace.
    static let blocksPerCommit = 2_048

    /// Produces and commits `count` empty blocks after the head, stamping each with `timestamp(parent)`; returns the
    /// last block's header. On an error the runs already committed stay committed; the failing run is not written.
    func produceEmptyRun(count: Int, timestamp: (BlockHeader) -> UInt64) throws(NodeError) -> BlockHeader {
        let validator = try producingKey()
        var remaining = count
        while remaining > 0 {
            let run = min(remaining, Self.blocksPerCommit)
            try commitRun(of: run, producer: validator, timestamp: timestamp)
            remaining -= run
        }
        return store.head
    }

    /// One run: `count` blocks proposed on a `BatchState` over the head's snapshot, then one commit.
    private func commitRun(of count: Int, producer: ValidatorKey, timestamp: (BlockHeader) -> UInt64) throws(NodeError) {
        let started = ContinuousClock.now
        let run: (blocks: [(block: Block, receipts: [Receipt], supply: SupplyPoint)], state: BatchState)
        do {
            run = try store.withSnapshot { snapshot in
                let state = BatchState(base: snapshot)
                var parent = store.head
                var blocks = [(block: Block, receipts: [Receipt], supply: SupplyPoint)]()
                blocks.reserveCapacity(count)
                for _ in 0..<count {
                    let proposal = try Self.propose(
                        candidates: [], parent: parent, producer: producer, timestamp: timestamp(parent), state: state)
                    let block = Block.sign(header: proposal.header, transactions: [], producer: producer.key)
                    state.merge(proposal.outcome)
                    // The explorer's supply history needs each block's figures, which the run's net writes no longer hold.
                    blocks.append((block, proposal.outcome.receipts, try SupplyPoint.after(height: block.height, state: state)))
                    parent = block.header
                }
                return (blocks, state)
            }
        } catch let error as NodeError {
            throw error
        } catch {
            throw .stateUnreadable("\(error)")
        }
        do {
            try store.commit(batch: run.blocks, stateWrites: run.state.stateWrites, treeNodes: run.state.treeNodes)
        } catch {
            throw .storage(error)
        }
        let perBlock = (ContinuousClock.now - started) / count
        for (block, _, _) in run.blocks { metrics.recordBlock(block, applyTime: perBlock) }
        if let last = run.blocks.last?.block {
            logger.debug("mined a run of empty blocks", metadata: ["count": "\(count)", "head": "\(last.height)"])
        }
    }
}
