import ProofmintCore
import ProofmintStorage

/// `pm_mine`'s fast path: a run of empty blocks executed one on top of the other in memory and committed together.
/// Every block still goes through `StateTransition.propose` (every end-of-block step runs: epochs close, receipts are
/// sampled, proposals are tallied and executed) and is signed with its beacon. What is saved: the run's beacons are
/// proven on every core before it executes (`BeaconBatch`) and not verified again (`BlockBeacon`), and the commit is
/// one write transaction and one fsync for `blocksPerCommit` blocks, each state key and tree node written once with
/// its final value, instead of one transaction per block rewriting the same paths.
extension BlockProducer {
    /// Blocks per write transaction: large enough that the fsync and the rewritten tree paths vanish per block, small
    /// enough that a run holds a few megabytes and `pm_mine` reports progress to the log at a steady pace.
    static let blocksPerCommit = 2_048

    /// Produces and commits `count` empty blocks after the head, stamping each with `timestamp(parent)`; returns the
    /// last block's header. On an error the runs already committed stay committed; the failing run is not written.
    func produceEmptyRun(count: Int, timestamp: (BlockHeader) -> UInt64) throws(NodeError) -> BlockHeader {
        let validator = try producingKey()
        let chainId = store.head.chainId
        var next = store.head.height + 1
        var remaining = count
        // A pipeline: the next run's beacons are proven on the other cores while this run executes and commits.
        var beacons = Self.proveAhead(chainId: chainId, from: next, count: min(remaining, Self.blocksPerCommit), producer: validator)
        while remaining > 0 {
            let run = min(remaining, Self.blocksPerCommit)
            let proven = try beacons.wait().get()
            remaining -= run
            next += UInt64(run)
            beacons = Self.proveAhead(chainId: chainId, from: next, count: min(remaining, Self.blocksPerCommit), producer: validator)
            try commitRun(beacons: proven, producer: validator, timestamp: timestamp)
        }
        return store.head
    }

    /// The beacons of `count` heights from `from`, proven in the background.
    private static func proveAhead(
        chainId: String, from: UInt64, count: Int, producer: ValidatorKey
    ) -> Future<Result<[BlockBeacon], NodeError>> {
        guard count > 0 else { return Future(value: .success([])) }
        return Future {
            Result { () throws(NodeError) in try BeaconBatch.prove(chainId: chainId, heights: from..<(from + UInt64(count)), producer: producer) }
        }
    }

    /// One run: a block for each of `beacons`, proposed on a `BatchState` over the head's snapshot, then one commit.
    /// A block that cannot be made (this validator no longer scheduled, an upgrade this build does not know) ends the
    /// run: the blocks before it are committed, then its error is thrown.
    private func commitRun(beacons: [BlockBeacon], producer: ValidatorKey, timestamp: (BlockHeader) -> UInt64) throws(NodeError) {
        let started = ContinuousClock.now
        let run = try buildRun(beacons: beacons, producer: producer, timestamp: timestamp)
        if !run.blocks.isEmpty {
            do {
                try store.commit(batch: run.blocks, stateWrites: run.state.stateWrites, treeNodes: run.state.treeNodes)
            } catch {
                throw .storage(error)
            }
            let perBlock = (ContinuousClock.now - started) / run.blocks.count
            for (block, _, _) in run.blocks { metrics.recordBlock(block, applyTime: perBlock) }
            logger.debug("mined a run of empty blocks", metadata: ["count": "\(run.blocks.count)", "head": "\(store.head.height)"])
        }
        if let failure = run.failure { throw failure }
    }

    /// The run's blocks, each on top of the one before, and the error that stopped it early, if one did.
    private func buildRun(
        beacons: [BlockBeacon], producer: ValidatorKey, timestamp: (BlockHeader) -> UInt64
    ) throws(NodeError) -> (blocks: [(block: Block, receipts: [Receipt], supply: SupplyPoint?)], state: BatchState, failure: NodeError?) {
        do {
            return try store.withSnapshot { snapshot in
                let state = BatchState(base: snapshot)
                var parent = store.head
                var blocks = [(block: Block, receipts: [Receipt], supply: SupplyPoint?)]()
                let keepsSupply = store.keepsExplorerIndexes
                blocks.reserveCapacity(beacons.count)
                for beacon in beacons {
                    let proposal: BlockProposal
                    do {
                        proposal = try Self.propose(
                            candidates: [], parent: parent, producer: producer, timestamp: timestamp(parent), state: state, beacon: beacon)
                    } catch let error as NodeError {
                        return (blocks, state, error)
                    }
                    let block = Block.sign(header: proposal.header, transactions: [], producer: producer.key)
                    state.merge(proposal.outcome)
                    // The explorer's supply history needs each block's figures, which the run's net writes no longer hold;
                    // a home without the explorer's indexes has no use for them.
                    let supply = keepsSupply ? try SupplyPoint.after(height: block.height, state: state) : nil
                    blocks.append((block, proposal.outcome.receipts, supply))
                    parent = block.header
                }
                return (blocks, state, nil)
            }
        } catch let error as NodeError {
            throw error
        } catch {
            throw .stateUnreadable("\(error)")
        }
    }
}
