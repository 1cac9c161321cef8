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
    public nonisolated let mode: MiningMode
    public nonisolated let emptyBlocks: Bool
    nonisolated let metrics: NodeMetrics
    private let logger: Logger
    private var mempool: Mempool
    private let producer: BlockProducer
    private var instant = InstantTrigger()
    /// Paces interval mode; tests substitute their own, as they may the clock that stamps blocks.
    private let sleep: @Sendable (_ milliseconds: UInt64) async throws -> Void

    public init(
        store: ChainStore, validator: ValidatorKey?, mode: MiningMode, emptyBlocks: Bool,
        mempoolLimits: Mempool.Limits = .init(), metrics: NodeMetrics = NodeMetrics(), logger: Logger,
        clock: @escaping @Sendable () -> UInt64 = ProducerClock.wallClock,
        sleep: @escaping @Sendable (_ milliseconds: UInt64) async throws -> Void = ProducerClock.taskSleep
    ) {
        self.store = store
        self.chainId = store.head.chainId
        self.validator = validator
        self.mode = mode
        self.emptyBlocks = emptyBlocks
        self.mempool = Mempool(limits: mempoolLimits)
        self.metrics = metrics
        self.logger = logger
        self.producer = BlockProducer(store: store, validator: validator, metrics: metrics, logger: logger, now: clock)
        self.sleep = sleep
        metrics.height.record(Int64(store.head.height))
    }

    // MARK: - Mempool

    /// Decodes, checks and queues a transaction; in instant mode schedules a block.
    public func submit(_ bytes: Bytes) throws(NodeError) -> Hash32 {
        let transaction: SignedTransaction
        do {
            transaction = try SignedTransaction(canonical: bytes)
        } catch {
            metrics.rejected.increment()
            throw .mempool(.malformed(error.description))
        }
        do {
            let accountNonce = try checkAdmission(transaction, size: bytes.count)
            expireGapped()
            let evicted = try mempool.insert(transaction, size: bytes.count, accountNonce: accountNonce)
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
        updateMempoolMetrics()
        logger.debug("accepted transaction", metadata: ["id": "\(transaction.id)"])
        if mode == .instant { scheduleProduction() }
        return transaction.id
    }

    /// Admission against the head state; returns the sender's account nonce.
    private func checkAdmission(_ transaction: SignedTransaction, size: Int) throws(NodeError) -> UInt64 {
        let nextHeight = store.head.height + 1
        let chainId = self.chainId
        do {
            return try store.withSnapshot { snapshot in
                do {
                    try StateTransition.checkAdmission(
                        transaction, state: snapshot, nextHeight: nextHeight, chainId: chainId, acceptFutureNonce: true)
                } catch let error as TransactionError {
                    throw NodeError.mempool(.rejected(error))
                }
                return try snapshot.account(transaction.transaction.senderAddress).nonce
            }
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

    /// Bytes of transactions waiting (the gauge `proofmint_mempool_bytes`).
    public var mempoolBytes: Int { mempool.totalBytes }

    // MARK: - Production (the work itself is `BlockProducer`'s; the timing is `InstantTrigger`'s and `IntervalSchedule`'s)

    private func scheduleProduction() {
        instant.request { await self.produceScheduled() }
    }

    private func produceScheduled() {
        instant.started()
        do {
            _ = try produce(allowEmpty: false)
        } catch {
            logger.error("block production failed", metadata: ["error": "\(error)"])
        }
    }

    /// Waits for the production run the last instant-mode arrival scheduled: lets tests see the block it made.
    func waitForScheduledProduction() async {
        await instant.lastRun?.value
    }

    /// Produces `count` blocks now, empty or not (the `pm_mine` call).
    public func mine(count: Int) throws(NodeError) -> [UInt64] {
        var heights = [UInt64]()
        for _ in 0..<count {
            if let block = try produceBlock(allowEmpty: true) { heights.append(block.height) }
        }
        return heights
    }

    /// Builds, signs and commits the next block from the mempool; nil if there was nothing to include and
    /// empty blocks are not wanted.
    @discardableResult
    public func produceBlock(allowEmpty: Bool) throws(NodeError) -> Block? {
        try produce(allowEmpty: allowEmpty)?.block
    }

    /// `produceBlock` with the candidates that were left out and why.
    func produce(allowEmpty: Bool) throws(NodeError) -> BlockProducer.Production? {
        defer {
            expireGapped()
            updateMempoolMetrics()
        }
        return try producer.produce(from: &mempool, allowEmpty: allowEmpty)
    }

    /// Drops gapped transactions past their lifetime, measured on the head height and the producer's clock, so a
    /// gap nobody fills does not hold its slots for ever, even on a node that produces no blocks.
    private func expireGapped() {
        let expired = mempool.expire(height: store.head.height, now: producer.now())
        if !expired.isEmpty { logger.debug("expired gapped transactions", metadata: ["count": "\(expired.count)"]) }
    }

    private func updateMempoolMetrics() {
        metrics.mempoolTransactions.record(Int64(mempool.count))
        metrics.mempoolBytes.record(Int64(mempool.totalBytes))
        metrics.mempoolGapped.record(Int64(mempool.gappedCount))
    }

    // MARK: - Interval mining

    /// Runs the interval producer until the task is cancelled, pacing itself with the injected sleep.
    public func runIntervalProducer(every milliseconds: UInt64) async {
        await IntervalSchedule(milliseconds: milliseconds, sleep: sleep).run { await self.produceOnInterval() }
    }

    /// One interval's block; false when production must halt.
    private func produceOnInterval() -> Bool {
        do {
            _ = try produce(allowEmpty: emptyBlocks)
        } catch let .block(.unknownUpgrade(name, height)) {
            // Halt rather than fork: the RPC keeps answering reads, but this build makes no more blocks.
            logger.critical(
                "halting block production: governance scheduled an upgrade this build does not implement",
                metadata: ["upgrade": "\(name)", "height": "\(height)", "action": "install a release that knows this upgrade"])
            return false
        } catch {
            logger.error("block production failed", metadata: ["error": "\(error)"])
        }
        return true
    }
}
