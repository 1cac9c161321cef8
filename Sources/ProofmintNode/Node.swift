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
    private var productionScheduled = false
    /// The wall clock, read only here, to timestamp new blocks. Tests may substitute their own.
    private let clock: @Sendable () -> UInt64

    public init(
        store: ChainStore, validator: ValidatorKey?, mode: MiningMode, emptyBlocks: Bool,
        mempoolLimits: Mempool.Limits = .init(), metrics: NodeMetrics = NodeMetrics(), logger: Logger,
        clock: @escaping @Sendable () -> UInt64 = { UInt64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.store = store
        self.chainId = store.head.chainId
        self.validator = validator
        self.mode = mode
        self.emptyBlocks = emptyBlocks
        self.mempool = Mempool(limits: mempoolLimits)
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
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
            try mempool.insert(transaction, size: bytes.count, accountNonce: accountNonce)
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

    // MARK: - Production

    private func scheduleProduction() {
        guard !productionScheduled else { return }
        productionScheduled = true
        Task { await self.produceScheduled() }
    }

    private func produceScheduled() {
        productionScheduled = false
        do {
            _ = try produceBlock(allowEmpty: false)
        } catch {
            logger.error("block production failed", metadata: ["error": "\(error)"])
        }
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
        guard let validator else { throw .cannotProduce("this node has no validator key: it cannot produce blocks") }
        let parent = store.head
        let started = ContinuousClock.now
        let proposal = try propose(parent: parent, producer: validator)
        guard !proposal.transactions.isEmpty || allowEmpty else {
            forget(proposal.dropped)
            return nil
        }
        let block = Block.sign(header: proposal.header, transactions: proposal.transactions, producer: validator.key)
        do {
            try store.commit(block, outcome: proposal.outcome)
        } catch {
            throw .storage(error)
        }
        let senders = Set(proposal.transactions.map(\.transaction.senderAddress) + proposal.dropped.map(\.transaction.transaction.senderAddress))
        forget(proposal.dropped)
        pruneMempool(senders: senders)
        metrics.recordBlock(block, applyTime: ContinuousClock.now - started)
        updateMempoolMetrics()
        logger.log(
            level: block.transactions.isEmpty ? .debug : .info,
            "produced block",
            metadata: ["height": "\(block.height)", "txs": "\(block.transactions.count)", "hash": "\(block.hash)"])
        return block
    }

    private func propose(parent: BlockHeader, producer: ValidatorKey) throws(NodeError) -> Proposal {
        let timestamp = clock()
        do {
            return try store.withSnapshot { snapshot in
                let validators = try snapshot.validatorSet()
                guard validators.producer(at: parent.height + 1)?.publicKey == producer.key.publicKey else {
                    throw NodeError.cannotProduce("this node's validator is not scheduled to produce block \(parent.height + 1)")
                }
                let parameters = try snapshot.parameters()
                let candidates = mempool.candidates(limit: Int(parameters.maxBlockTransactions) * 2) { sender in
                    (try? snapshot.account(sender).nonce) ?? 0
                }
                do {
                    return try StateTransition.propose(
                        candidates: candidates, parent: parent, timestamp: timestamp, producer: producer.key.publicKey,
                        state: snapshot)
                } catch let error as BlockError {
                    throw NodeError.block(error)
                }
            }
        } catch let error as NodeError {
            throw error
        } catch {
            throw .stateUnreadable("\(error)")
        }
    }

    /// Drops transactions the producer found inadmissible; a nonce gap is kept (an earlier nonce may still come).
    private func forget(_ dropped: [(transaction: SignedTransaction, error: TransactionError)]) {
        for (transaction, error) in dropped {
            if case .nonceTooHigh = error { continue }
            logger.info("dropping transaction", metadata: ["id": "\(transaction.id)", "reason": "\(error)"])
            mempool.remove(transaction.id)
        }
    }

    private func pruneMempool(senders: Set<Address>) {
        let nonces: [Address: UInt64] = (try? store.withSnapshot { snapshot in
            var nonces = [Address: UInt64]()
            for sender in senders { nonces[sender] = try snapshot.account(sender).nonce }
            return nonces
        }) ?? [:]
        mempool.prune(senders: senders) { nonces[$0] ?? 0 }
    }

    private func updateMempoolMetrics() {
        metrics.mempoolTransactions.record(Int64(mempool.count))
        metrics.mempoolBytes.record(Int64(mempool.totalBytes))
    }

    // MARK: - Interval mining

    /// Runs the interval producer until the task is cancelled.
    public func runIntervalProducer(every milliseconds: UInt64) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int64(milliseconds)))
            if Task.isCancelled { break }
            do {
                _ = try produceBlock(allowEmpty: emptyBlocks)
            } catch let .block(.unknownUpgrade(name, height)) {
                // Halt rather than fork: the RPC keeps answering reads, but this build makes no more blocks.
                logger.critical(
                    "halting block production: governance scheduled an upgrade this build does not implement",
                    metadata: ["upgrade": "\(name)", "height": "\(height)", "action": "install a release that knows this upgrade"])
                break
            } catch {
                logger.error("block production failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
