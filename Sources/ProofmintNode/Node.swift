import Foundation
import Logging
import ProofmintCore
import ProofmintStorage

/// A running node: the chain store, the mempool and the block producer. All mutation goes through this actor;
/// reads of committed data go straight to the store, which LMDB lets many readers share.
public actor Node {
    public nonisolated let store: ChainStore
    public nonisolated let chainId: String
    public nonisolated let validator: ValidatorKey?
    /// When blocks are made; a devnet changes it at run time (`pm_setMiningMode`).
    public internal(set) var mode: MiningMode
    public internal(set) var emptyBlocks: Bool
    /// The devnet tools, present only on a devnet (`Genesis.isDevnet`).
    public nonisolated let devnet: DevnetTools?
    nonisolated let metrics: NodeMetrics
    let logger: Logger
    var mempool: Mempool
    let producer: BlockProducer
    private var instant = InstantTrigger()
    /// Stamps blocks: the producer's clock as the devnet's time controls moved it.
    var clock: BlockClock
    /// The interval producer while one runs (`startProducing`).
    private var intervalTask: Task<Void, Never>?
    /// Whether `startProducing` was called: a mode changed before the RPC port is bound starts nothing.
    private(set) var producing = false
    /// Set while commits fail (a full disk, a damaged store): transactions are refused until one succeeds.
    private var outage: StorageOutage?
    /// Retries the commit with backoff while there is an outage.
    private var recovery: Task<Void, Never>?
    /// The sync task of a node started with `--follow`, nil for a standalone node (`attach(_:)`).
    var follower: ChainFollower?
    /// True while a peer is known to be ahead: a validator that is behind must not produce on an old head.
    var behindPeers = false
    /// A validator that has just caught up waits until then before producing (`setBehindPeers`).
    var produceNotBefore = ContinuousClock.now
    /// The automatically produced block being written off the actor, if any (`Node+Pipeline`).
    var pendingCommit: PendingCommit?
    /// Whose turn it is to build the next automatic block.
    var buildTurn = BuildTurn()
    /// Moved by every synchronous change that voids an automatic block being built (`settleForSynchronousChange`).
    var buildGeneration: UInt64 = 0
    /// Where automatic blocks are built and committed, off the actor: two queues, so block N+1 builds while N commits.
    let buildQueue = DispatchQueue(label: "proofmint.producer.build")
    let commitQueue = DispatchQueue(label: "proofmint.producer.commit")
    /// Test seams of the pipeline (`@testable` only; nil in production): run on the commit queue before an automatic
    /// block's commit, and on the actor once an automatic block is built.
    var beforePipelinedCommit: (@Sendable (Block) throws(StorageError) -> Void)?
    var afterPipelinedBuild: (@Sendable (Block) -> Void)?
    /// Paces interval mode; tests substitute their own, as they may the clock that stamps blocks.
    private let sleep: @Sendable (_ milliseconds: UInt64) async throws -> Void

    public init(
        store: ChainStore, validator: ValidatorKey?, mode: MiningMode, emptyBlocks: Bool,
        mempoolLimits: Mempool.Limits = .init(), metrics: NodeMetrics = NodeMetrics(), logger: Logger, devnet: DevnetTools? = nil,
        clock: @escaping @Sendable () -> UInt64 = ProducerClock.wallClock,
        sleep: @escaping @Sendable (_ milliseconds: UInt64) async throws -> Void = ProducerClock.taskSleep
    ) {
        self.store = store
        self.chainId = store.head.chainId
        self.validator = validator
        self.mode = mode
        self.emptyBlocks = emptyBlocks
        self.devnet = devnet
        self.clock = BlockClock(head: store.head, now: clock(), continuingFromHead: devnet != nil)
        self.mempool = Mempool(limits: mempoolLimits)
        self.metrics = metrics
        self.logger = logger
        self.producer = BlockProducer(store: store, validator: validator, metrics: metrics, logger: logger, now: clock)
        self.sleep = sleep
        metrics.height.record(Int64(store.head.height))
        metrics.mapBytes.record(Int64(store.mapSize))
    }

    // MARK: - Mempool

    /// Decodes, checks and queues a transaction; in instant mode schedules a block.
    public func submit(_ bytes: Bytes) throws(NodeError) -> Hash32 {
        try submit(Submission(bytes))
    }

    /// `submit` of a transaction decoded and signature-checked off the actor (`Submission`).
    public func submit(_ submission: Submission) throws(NodeError) -> Hash32 {
        let id = try admitAll([submission])[0].get()
        updateMempoolMetrics()
        if mode == .instant { scheduleProduction() }
        return id
    }

    /// Several submissions in one turn of the actor (a JSON-RPC batch): each admitted or refused as if it came alone, in
    /// order, and in instant mode one block is asked for them all instead of one block for the first few.
    public func submitAll(_ submissions: [Submission]) -> [Result<Hash32, NodeError>] {
        let results = admitAll(submissions)
        updateMempoolMetrics()
        if mode == .instant, results.contains(where: { if case .success = $0 { true } else { false } }) { scheduleProduction() }
        return results
    }

    /// Admits each submission in order, all reading the head state from one snapshot (nothing moves the tip during a
    /// turn of the actor, and a commit landing meanwhile writes what the snapshot's overlay already holds). A store that
    /// cannot be read refuses each submission at the point its own checks would have read it.
    private func admitAll(_ submissions: [Submission]) -> [Result<Hash32, NodeError>] {
        guard !submissions.isEmpty else { return [] }
        do {
            return try withAdmissionState { state in
                submissions.map { submission in Result { () throws(NodeError) in try admit(submission, state: .success(state)) } }
            }
        } catch {
            return submissions.map { submission in Result { () throws(NodeError) in try admit(submission, state: .failure(error)) } }
        }
    }

    /// Queues one submission after the checks that need the head state; the mempool's gauges are the caller's.
    private func admit(_ submission: Submission, state: Result<AdmissionState, NodeError>) throws(NodeError) -> Hash32 {
        if let outage {
            metrics.rejected.increment()
            throw .storageUnavailable(reason: outage.reason, dataPath: store.path)
        }
        let transaction: SignedTransaction
        switch submission.decoded {
        case let .success(decoded): transaction = decoded
        case let .failure(error):
            metrics.rejected.increment()
            throw error
        }
        do {
            let (verified, accountNonce) = try checkAdmission(transaction, verified: submission.verified, state: state.get())
            expireGapped()
            let evicted = try mempool.insert(verified, size: submission.size, accountNonce: accountNonce)
            if !evicted.isEmpty {
                logger.debug("evicted to make room", metadata: ["count": "\(evicted.count)", "for": "\(transaction.id)"])
            }
        } catch let error as MempoolError {
            metrics.rejected.increment()
            throw .mempool(error)
        } catch let error as NodeError {
            metrics.rejected.increment()
            throw error
        } catch {
            throw .stateUnreadable("\(error)")
        }
        logger.debug("accepted transaction", metadata: ["id": "\(transaction.id)"])
        return transaction.id
    }

    /// Admission against the tip (the head, with the block being committed laid over it); returns the transaction as
    /// verified and the sender's nonce in the committed head, read from the state (the mempool's queue takes it, so a
    /// pool that got a sender's nonce wrong is set right by its next admission). The signature is checked here unless
    /// `verified` says it was already (the one check of it on this node). The mempool keeps the transactions of the block being committed
    /// until its commit lands (a failed commit leaves them waiting): it gets the committed nonce, or it would drop them
    /// as stale now.
    private func checkAdmission(
        _ transaction: SignedTransaction, verified alreadyChecked: VerifiedTransaction?, state: AdmissionState
    ) throws(NodeError) -> (VerifiedTransaction, UInt64) {
        let nextHeight = tip.height + 1
        do {
            let verified: VerifiedTransaction
            do {
                let parameters = try state.parameters.mapError { TransactionError.stateUnreadable($0) }.get()
                if let alreadyChecked {
                    try StateTransition.checkAdmission(
                        verified: alreadyChecked, state: state.tip, nextHeight: nextHeight, chainId: chainId, acceptFutureNonce: true,
                        parameters: parameters)
                    verified = alreadyChecked
                } else {
                    verified = try StateTransition.checkAdmission(
                        transaction, state: state.tip, nextHeight: nextHeight, chainId: chainId, acceptFutureNonce: true,
                        parameters: parameters)
                }
            } catch {
                throw NodeError.mempool(.rejected(error))
            }
            return (verified, try state.committed.account(transaction.senderAddress).nonce)
        } catch let error as NodeError {
            throw error
        } catch {
            throw .stateUnreadable("\(error)")
        }
    }

    public func pendingNonce(for address: Address, accountNonce: UInt64) -> UInt64 {
        mempool.pendingNonce(for: address, accountNonce: accountNonce)
    }

    public func pendingTransaction(_ id: Hash32) -> SignedTransaction? { mempool.transaction(id) }

    public var mempoolSize: Int { mempool.count }

    /// Why the node cannot commit blocks and refuses transactions, or nil while it commits normally.
    public var storageProblem: String? { outage?.reason }

    /// Bytes of transactions waiting (the gauge `proofmint_mempool_bytes`).
    public var mempoolBytes: Int { mempool.totalBytes }

    // MARK: - Production (the work itself is `BlockProducer`'s; the timing is `InstantTrigger`'s and `IntervalSchedule`'s)

    func scheduleProduction() {
        instant.request { await self.produceScheduled() }
    }

    private func produceScheduled() async {
        // Arrivals while this run waits for its turn share it; those after it took the turn need a run of their own. A run
        // scheduled before the mode changed away from instant (`pm_setMiningMode`) makes no block; during a storage outage
        // the recovery task retries the commit, and a run would only fail again.
        let wanted = { self.mode == .instant && self.mempool.count > 0 && self.outage == nil }
        switch await producePipelined(allowEmpty: false, wanted: wanted, tookTurn: { instant.started() }) {
        case .produced, .nothing: break
        case .void: if mempool.count > 0 { scheduleProduction() }
        case .pinned:
            switch producePinned(allowEmpty: false) {
            case nil: retryInstantLater()
            case let .failure(error)?: logProductionFailure(error)
            case .success?: break
            }
        case .notNow: retryInstantLater()
        case let .failed(error): logProductionFailure(error)
        }
    }

    /// A block whose timestamp a devnet tool pinned: made on the actor, as `pm_mine` makes blocks, so exactly this block
    /// uses the pin. Nil when this validator may not produce now.
    private func producePinned(allowEmpty: Bool) -> Result<Void, NodeError>? {
        let timestamp = stamp()
        guard mayProduce(at: timestamp) else { return nil }
        return Result { () throws(NodeError) in _ = try produce(allowEmpty: allowEmpty, timestamp: timestamp, byDevnetTool: true) }
    }

    /// Instant mode on a validator that may not produce yet (behind its peers, in its grace after catching up, or not
    /// its slot): asks again shortly while transactions wait, so none is stranded until the next arrival.
    private func retryInstantLater() {
        guard validator != nil, mempool.count > 0 else { return }
        Task {
            try? await Task.sleep(for: .milliseconds(Self.instantRetryMs))
            await self.retryInstant()
        }
    }

    private func retryInstant() {
        if mode == .instant, mempool.count > 0 { scheduleProduction() }
    }

    /// How often a waiting instant-mode validator looks again.
    static let instantRetryMs: UInt64 = 250

    /// Waits for the production run the last instant-mode arrival scheduled: lets tests see the block it made.
    func waitForScheduledProduction() async {
        await instant.lastRun?.value
    }

    /// Produces `count` blocks now, empty or not (the `pm_mine` call). With an `interval`, each block is stamped at
    /// least `interval` milliseconds after its parent (anvil's `anvil_mine`), and by the clock if that is later. Blocks that
    /// include transactions are made one by one from the mempool; once a block includes none, the rest are empty and
    /// take the fast path (`BlockProducer.produceEmptyRun`).
    public func mine(count: Int, interval: UInt64? = nil) throws(NodeError) -> [UInt64] {
        guard let mined = try mineBlocks(count: count, interval: interval) else { return [] }
        return Array(mined.first...mined.last.height)
    }

    /// `mine`, answering with the heights it made and the last block's header, taken before anything else can
    /// produce (`pm_mine` reports these, not the head, which an interval block may have moved on by the time it answers).
    public func mineBlocks(count: Int, interval: UInt64? = nil) throws(NodeError) -> (first: UInt64, last: BlockHeader)? {
        guard count > 0 else { return nil }
        drainCommit()
        let first = store.head.height + 1
        var made = 0
        while made < count, mempool.count > 0 {
            let byTool = clock.pinnedNext != nil || interval != nil
            guard let block = try produce(allowEmpty: true, timestamp: stamp(interval: interval), byDevnetTool: byTool)?.block else { break }
            made += 1
            if block.transactions.isEmpty { break }
        }
        if made < count { try produceEmpty(count: count - made, interval: interval) }
        let last = store.head
        return last.height >= first ? (first, last) : nil
    }

    /// The fast path of `mine`, keeping the pin and the clock as making the blocks one at a time would.
    private func produceEmpty(count: Int, interval: UInt64?) throws(NodeError) {
        settleForSynchronousChange()
        defer {
            expireGapped()
            updateMempoolMetrics()
        }
        var clock = self.clock
        let now = producer.now(), headBefore = store.head.height, pinned = self.clock.pinnedNext, mapSize = store.mapSize
        defer { noteMapGrowth(from: mapSize) }
        let stamp: (BlockHeader) -> UInt64 = { parent in
            let byTool = clock.pinnedNext != nil || interval != nil
            let timestamp = Self.timestamp(after: parent, clock: clock, now: now, interval: interval)
            clock.produced(timestamp, now: now, byDevnetTool: byTool)
            return timestamp
        }
        do {
            _ = try producer.produceEmptyRun(count: count, timestamp: stamp)
        } catch {
            // Runs committed before the failure moved time as they would have; a pin no block carried stays pinned.
            if store.head.height > headBefore {
                self.clock.produced(store.head.timestamp, now: now, byDevnetTool: pinned != nil || interval != nil)
            }
            if let reason = Self.storageFailure(error) { storageFailed(reason, spaceMayFixIt: Self.spaceMayFix(error)) }
            throw error
        }
        self.clock = clock
        storageRecovered()
    }

    /// The next block's timestamp: a pinned one first; else the clock, but with an `interval` at least that long after
    /// the parent, so blocks mined with an interval are spaced by it whether they come in one request or many.
    private static func timestamp(after parent: BlockHeader, clock: BlockClock, now: UInt64, interval: UInt64?) -> UInt64 {
        let next = clock.next(after: parent, now: now)
        guard let interval, clock.pinnedNext == nil else { return next }
        let (spaced, overflow) = parent.timestamp.addingReportingOverflow(interval)
        return max(next, overflow ? .max : spaced)
    }

    /// The timestamp for the next block made one at a time.
    func stamp(interval: UInt64? = nil) -> UInt64 {
        Self.timestamp(after: tip, clock: clock, now: producer.now(), interval: interval)
    }

    /// Builds, signs and commits the next block from the mempool; nil if there was nothing to include and
    /// empty blocks are not wanted.
    @discardableResult
    public func produceBlock(allowEmpty: Bool) throws(NodeError) -> Block? {
        try produce(allowEmpty: allowEmpty)?.block
    }

    /// `produceBlock` with the candidates that were left out and why.
    func produce(allowEmpty: Bool) throws(NodeError) -> BlockProducer.Production? {
        try produce(allowEmpty: allowEmpty, timestamp: stamp(), byDevnetTool: clock.pinnedNext != nil)
    }

    private func produce(allowEmpty: Bool, timestamp: UInt64, byDevnetTool: Bool) throws(NodeError) -> BlockProducer.Production? {
        settleForSynchronousChange()
        defer {
            expireGapped()
            updateMempoolMetrics()
        }
        let mapSize = store.mapSize
        defer { noteMapGrowth(from: mapSize) }
        do {
            let production = try producer.produce(from: &mempool, allowEmpty: allowEmpty, timestamp: timestamp)
            if let production {
                clock.produced(production.block.header.timestamp, now: producer.now(), byDevnetTool: byDevnetTool)
                storageRecovered()
            }
            return production
        } catch {
            if let reason = Self.storageFailure(error) { storageFailed(reason, spaceMayFixIt: Self.spaceMayFix(error)) }
            throw error
        }
    }

    /// Logs and records the map's size when a commit grew it from `before`.
    func noteMapGrowth(from before: Int) {
        let after = store.mapSize
        guard after != before else { return }
        logger.info("database map grew", metadata: ["from": "\(before)", "to": "\(after)", "data": "\(store.path)"])
        metrics.mapBytes.record(Int64(after))
    }

    /// Logs a failed production, except a storage failure, which `storageFailed` logs once per outage.
    private func logProductionFailure(_ error: NodeError) {
        guard Self.storageFailure(error) == nil else { return }
        logger.error("block production failed", metadata: ["error": "\(error)"])
    }

    // MARK: - Storage outages (issue 13, D6)

    /// The reason when `error` means the store cannot take or serve the block: a failed commit, an unreadable state.
    static func storageFailure(_ error: NodeError) -> String? {
        switch error {
        case let .storage(storageError): return storageError.description
        case .stateUnreadable: return error.description
        default: return nil
        }
    }

    /// Whether free space can end the outage `error` starts: a write that failed (a full disk, a quota). A damaged
    /// record, an unreadable state or a panicked environment is not cured by space: only a block that commits ends it.
    static func spaceMayFix(_ error: NodeError) -> Bool {
        guard case let .storage(.commitFailed(_, _, cause, _)) = error else { return false }
        switch cause {
        case .system: return true
        default: return false
        }
    }

    /// Enters (or extends) an outage: logged once when it starts, then retried with backoff.
    func storageFailed(_ reason: String, spaceMayFixIt: Bool) {
        if outage != nil {
            outage?.failedAgain(reason: reason, spaceMayFixIt: spaceMayFixIt)
            logger.debug("commit retry failed", metadata: ["error": "\(reason)"])
        } else {
            outage = StorageOutage(reason: reason, spaceMayFixIt: spaceMayFixIt)
            metrics.storageAvailable.record(Int64(0))
            logger.error(
                "cannot commit blocks: refusing transactions until a commit succeeds (the mempool is kept; retrying with backoff)",
                metadata: ["error": "\(reason)", "data": "\(store.path)"])
        }
        if recovery == nil { recovery = Task { await self.retryUntilRecovered() } }
    }

    /// Waits for the retries of the current outage to end: lets tests see the node resume.
    func waitForRecovery() async {
        await recovery?.value
    }

    func storageRecovered() {
        guard let ended = outage else { return }
        outage = nil
        metrics.storageAvailable.record(Int64(1))
        logger.notice("commits succeed again: accepting transactions", metadata: ["failed_attempts": "\(ended.failures)"])
    }

    private func retryUntilRecovered() async {
        defer { recovery = nil }
        while let delay = outage?.retryDelay, !Task.isCancelled {
            do { try await sleep(delay) } catch { return }
            retryCommit()
        }
    }

    /// One retry: the pending block if this node makes blocks by itself, else (manual mode, nothing pending) a look at
    /// the free space, since committing would mean making a block nobody asked for; the next block confirms it.
    private func retryCommit() {
        guard outage != nil else { return }
        if mode != .manual && validator != nil {
            do {
                if try produce(allowEmpty: false) != nil { return }
            } catch {
                // A storage failure has been counted; any other (not this validator's turn) says nothing about the disk.
                if Self.storageFailure(error) != nil { return }
            }
        }
        if outage?.spaceMayFixIt == true, let free = DiskSpace.availableBytes(at: store.path), free >= DiskSpace.minimumFreeBytes {
            storageRecovered()
        } else {
            outage?.failedAgain()
        }
    }

    /// Drops gapped transactions past their lifetime, measured on the head height and the producer's clock, so a
    /// gap nobody fills does not hold its slots for ever, even on a node that produces no blocks.
    func expireGapped() {
        let expired = mempool.expire(height: store.head.height, now: producer.now())
        if !expired.isEmpty { logger.debug("expired gapped transactions", metadata: ["count": "\(expired.count)"]) }
    }

    func updateMempoolMetrics() {
        metrics.mempoolTransactions.record(Int64(mempool.count))
        metrics.mempoolBytes.record(Int64(mempool.totalBytes))
        metrics.mempoolGapped.record(Int64(mempool.gappedCount))
    }

    // MARK: - Interval mining

    /// Starts making blocks on the interval if the mode says so: called once the RPC port is bound, so a node that
    /// cannot serve never writes.
    public func startProducing() {
        producing = true
        warnIfNotAValidator()
        guard case let .interval(milliseconds) = mode, validator != nil, intervalTask == nil else { return }
        intervalTask = Task { await self.runIntervalProducer(every: milliseconds) }
    }

    /// A node given a key the validator set does not hold would wait for its turn for ever: say so once, at start.
    private func warnIfNotAValidator() {
        guard let validator, let set = try? store.withSnapshot({ try $0.validatorSet() }), !set.contains(validator.key.publicKey) else { return }
        logger.warning(
            "this node's validator key is not in the chain's validator set: it will never be scheduled and only follows",
            metadata: ["validator": "\(validator.name)", "validators": "\(set.validators.map(\.name).joined(separator: ","))"])
    }

    /// Stops the interval producer (shutdown).
    public func stopProducing() {
        producing = false
        settleForSynchronousChange()
        intervalTask?.cancel()
        intervalTask = nil
    }

    /// Runs the interval producer until the task is cancelled, pacing itself with the injected sleep.
    public func runIntervalProducer(every milliseconds: UInt64) async {
        await IntervalSchedule(milliseconds: milliseconds, now: producer.now, sleep: sleep).run { await self.produceOnInterval() }
    }

    /// One interval's block; false when production must halt.
    private func produceOnInterval() async -> Bool {
        // A tick that was already waiting for the actor when the mode changed (`pm_setMiningMode`) makes no block.
        guard !Task.isCancelled, case .interval = mode else { return false }
        // During an outage the recovery task retries with backoff; a block every interval would only fail again.
        guard outage == nil else { return true }
        // Once the run has its turn it asks again, and whether this validator may produce now (not behind its peers, its
        // slot): one that may not waits for the next tick.
        let wanted = { () -> Bool in if case .interval = self.mode { self.outage == nil } else { false } }
        let error: NodeError
        switch await producePipelined(allowEmpty: emptyBlocks, wanted: wanted) {
        case .produced, .nothing, .void, .notNow:
            return true
        case .pinned:
            guard case let .failure(failure)? = producePinned(allowEmpty: emptyBlocks) else { return true }
            error = failure
        case let .failed(failure):
            error = failure
        }
        if case let .block(.unknownUpgrade(name, height)) = error {
            // Halt rather than fork: the RPC keeps answering reads, but this build makes no more blocks.
            logger.critical(
                "halting block production: governance scheduled an upgrade this build does not implement",
                metadata: ["upgrade": "\(name)", "height": "\(height)", "action": "install a release that knows this upgrade"])
            return false
        }
        logProductionFailure(error)
        return true
    }

    /// Whether this validator makes the next block by itself now: it is not behind its peers (nor just caught up) and
    /// the slot at `timestamp` is its own. Without peers and with one validator, always.
    func mayProduce(at timestamp: UInt64) -> Bool {
        !behindPeers && ContinuousClock.now >= produceNotBefore && isScheduled(at: timestamp)
    }

    /// Whether this node's validator is the one scheduled for the block after the head stamped `timestamp`. An
    /// unreadable state answers yes, so the production that follows reports the storage problem.
    private func isScheduled(at timestamp: UInt64) -> Bool {
        guard let validator else { return false }
        let head = tip
        do {
            let scheduled = try withTipState { try SlotSchedule.producer(after: head, timestamp: timestamp, state: $0) }
            return scheduled?.publicKey == validator.key.publicKey
        } catch {
            return true
        }
    }

    // MARK: - Devnet snapshots (issue 16 point 2)
}
