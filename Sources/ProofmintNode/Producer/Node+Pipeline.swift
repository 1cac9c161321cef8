import Dispatch
import ProofmintCore
import ProofmintStorage

/// The automatic producers' pipeline (instant and interval modes; issue 14, point 3). A block is built off the actor
/// on the tip (the committed state with the block being committed laid over it) and committed on the commit queue,
/// also off the actor: while block N is written, block N+1 is built and transactions keep being admitted, and no RPC
/// waits behind an fsync. Builds take turns; at most one commit is in flight; every synchronous path that writes the
/// store (`pm_mine`, a peer's blocks, snapshots and reverts) first drains it (`drainCommit`).
extension Node {
    /// How one pipelined production ended.
    enum PipelinedProduction {
        /// A block was committed.
        case produced
        /// Nothing to include (and empty blocks not wanted), or no longer wanted once the turn came.
        case nothing
        /// The block was void: a synchronous path changed the head, the mempool or the mode while it was built. Its
        /// transactions are still waiting.
        case void
        /// The next block's timestamp is pinned by a devnet tool: it is made synchronously, as `pm_mine` makes blocks.
        case pinned
        /// Not this validator's turn now (behind its peers, in its grace after catching up, or another's slot).
        case notNow
        case failed(NodeError)
    }

    /// The header the next block builds on: the block being committed, else the head.
    var tip: BlockHeader { pendingCommit?.built.block.header ?? store.head }

    /// Runs `body` on the tip's state.
    func withTipState<T>(_ body: (any StateReader) throws -> T) throws(NodeError) -> T {
        try producer.withState(pending: pendingCommit?.built.outcome, body)
    }

    /// The tip state and the committed head state, both over one snapshot: admission reads them for every
    /// transaction of a batch. `body` cannot throw: only opening the snapshot fails, before anything is admitted.
    func withAdmissionState<T>(_ body: (AdmissionState) -> T) throws(NodeError) -> T {
        try producer.withStates(pending: pendingCommit?.built.outcome) { tip, committed in
            body(AdmissionState(tip: tip, committed: committed))
        }
    }

    /// Waits, blocking the actor, for the block being committed, and settles it: the synchronous paths start from a
    /// settled head.
    func drainCommit() {
        guard let commit = pendingCommit else { return }
        settle(commit, failure: commit.wait())
    }

    /// `drainCommit`, and voids any automatic block being built: for the synchronous paths that change the head, the
    /// mempool or whether blocks are wanted (`pm_mine`, a peer's blocks, a revert, a mode change, shutdown). A build
    /// that sees the generation changed commits nothing and forgets nothing.
    func settleForSynchronousChange() {
        drainCommit()
        buildGeneration &+= 1
    }

    /// Builds the next block off the actor and commits it off the actor; returns once it is committed. `wanted` is
    /// asked again once this run has its turn (the mode may have changed while it waited).
    func producePipelined(allowEmpty: Bool, wanted: () -> Bool, tookTurn: () -> Void = {}) async -> PipelinedProduction {
        await takeBuildTurn()
        tookTurn()
        var holdsTurn = true
        defer { if holdsTurn { buildTurn.release() } }
        guard wanted() else { return .nothing }
        guard clock.pinnedNext == nil else { return .pinned }
        let generation = buildGeneration
        let timestamp = stamp()
        guard mayProduce(at: timestamp) else { return .notNow }
        let parent = tip, pending = pendingCommit, producer = self.producer
        let candidates: [VerifiedTransaction]
        do {
            candidates = try withTipState {
                try BlockProducer.candidates(from: mempool, pending: pending?.built.nonces ?? .none, state: $0)
            }
        } catch {
            return failed(error)
        }
        let build = await Self.offActor(buildQueue) {
            Result { () throws(NodeError) in
                try producer.build(
                    candidates: candidates, parent: parent, pending: pending?.built.outcome, timestamp: timestamp, allowEmpty: allowEmpty)
            }
        }
        let built: BlockProducer.Built
        switch build {
        case let .failure(error):
            return buildGeneration == generation ? failed(error) : .void
        case let .success(.nothing(dropped)):
            // Judged on a state a synchronous change may have made stale, or on a block in flight whose commit may
            // still fail: then nothing is forgotten, and the next build judges them again.
            guard buildGeneration == generation else { return .void }
            if pending == nil { producer.tidy(after: dropped, included: .none, in: &mempool) }
            return .nothing
        case let .success(.block(block)):
            built = block
        }
        afterPipelinedBuild?(built.block)
        if let pending { settle(pending, failure: await pending.completion()) }
        // The parent failed to commit, a synchronous path changed the head or the mempool, or the mode changed: this
        // block is void, and its transactions are still in the mempool for the next one.
        guard buildGeneration == generation, wanted(), pendingCommit == nil, store.head.hash == built.block.header.parentHash else {
            return .void
        }
        let commit = PendingCommit(
            built, store: store, queue: commitQueue, mapSizeBefore: store.mapSize, beforeCommit: beforePipelinedCommit)
        pendingCommit = commit
        buildTurn.release()
        holdsTurn = false
        let failure = await commit.completion()
        settle(commit, failure: failure)
        guard let failure else { return .produced }
        return .failed(.storage(failure))
    }

    /// Ends `commit` once it is written (the first caller does; later ones find it settled): on success the mempool is
    /// tidied and the block counted, as after a synchronous production; on failure the node enters a storage outage.
    func settle(_ commit: PendingCommit, failure: StorageError?) {
        guard pendingCommit === commit else { return }
        pendingCommit = nil
        if let failure {
            let error = NodeError.storage(failure)
            storageFailed(error.description, spaceMayFixIt: Self.spaceMayFix(error))
            return
        }
        // The block's timestamp came from the clock, not a pin (pinned blocks are made synchronously), so the clock has
        // nothing to learn from it and a pin set meanwhile stays for the next block.
        _ = producer.finish(commit.built, mempool: &mempool)
        noteMapGrowth(from: commit.mapSizeBefore)
        storageRecovered()
        expireGapped()
        updateMempoolMetrics()
    }

    /// `.failed(error)`, after entering a storage outage if the error means the store cannot serve the build (a
    /// damaged record), as a synchronous production does.
    private func failed(_ error: NodeError) -> PipelinedProduction {
        if let reason = Self.storageFailure(error) { storageFailed(reason, spaceMayFixIt: Self.spaceMayFix(error)) }
        return .failed(error)
    }

    /// Sets the test seams (`beforePipelinedCommit`, `afterPipelinedBuild`).
    func setPipelineSeams(
        beforeCommit: (@Sendable (Block) throws(StorageError) -> Void)?, afterBuild: (@Sendable (Block) -> Void)? = nil
    ) {
        beforePipelinedCommit = beforeCommit
        afterPipelinedBuild = afterBuild
    }

    /// Waits until no automatic block is being built or committed: lets tests see the head settle.
    func waitForPipeline() async {
        await takeBuildTurn()
        buildTurn.release()
        drainCommit()
    }

    private func takeBuildTurn() async {
        if buildTurn.take() { return }
        await withCheckedContinuation { buildTurn.enqueue($0) }
    }

    /// Runs `work` on `queue` and resumes with its result, leaving the actor free meanwhile.
    private static func offActor<T: Sendable>(_ queue: DispatchQueue, _ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
