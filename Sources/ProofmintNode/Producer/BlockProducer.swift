import Logging
import ProofmintCore
import ProofmintStorage

/// Builds, signs and commits the next block: candidates from the mempool, `StateTransition.propose` on the head
/// state, the validator's signature, one commit through the store, then the mempool tidied. It holds no state of its
/// own, so the `Node` actor that owns the mempool serialises it; tests drive it with an injected clock.
struct BlockProducer: Sendable {
    /// A committed block and the candidates the producer left out, with why.
    struct Production: Sendable {
        let block: Block
        let dropped: [(transaction: SignedTransaction, error: TransactionError)]
    }

    let store: ChainStore
    let validator: ValidatorKey?
    let metrics: NodeMetrics
    let logger: Logger
    /// The producer's clock; the node stamps blocks from it (`BlockClock`) and times mempool expiry by it.
    let now: @Sendable () -> UInt64

    /// A signed block not yet committed, with the candidates its build left out.
    struct Built: Sendable {
        let block: Block
        let outcome: BlockOutcome
        let dropped: [(transaction: SignedTransaction, error: TransactionError)]
        let started: ContinuousClock.Instant
        /// Its senders' nonces after it: the next build's candidates and the mempool's tidying read them, not the state.
        let nonces: SenderNonces
    }

    /// What a build made: a block, or nothing to include (and empty blocks not wanted), with the candidates left out.
    enum Build: Sendable {
        case block(Built)
        case nothing(dropped: [(transaction: SignedTransaction, error: TransactionError)])
    }

    /// Builds, signs and commits the next block from `mempool`; nil if there was nothing to include and empty
    /// blocks are not wanted. Inadmissible candidates are dropped from the mempool either way.
    func produce(from mempool: inout Mempool, allowEmpty: Bool, timestamp: UInt64) throws(NodeError) -> Production? {
        let candidates = try withState(pending: nil) { state in try Self.candidates(from: mempool, pending: .none, state: state) }
        switch try build(candidates: candidates, parent: store.head, pending: nil, timestamp: timestamp, allowEmpty: allowEmpty) {
        case let .nothing(dropped):
            tidy(after: dropped, included: .none, in: &mempool)
            return nil
        case let .block(built):
            do {
                try store.commit(built.block, outcome: built.outcome)
            } catch {
                throw .storage(error)
            }
            return finish(built, mempool: &mempool)
        }
    }

    /// The block after `parent` from `candidates`, signed, on the committed state with `pending` (the outcome of the block
    /// being committed, if any) laid over it. Reads the store only, so it may run off the node's actor.
    func build(
        candidates: [VerifiedTransaction], parent: BlockHeader, pending: BlockOutcome?, timestamp: UInt64, allowEmpty: Bool
    ) throws(NodeError) -> Build {
        let validator = try producingKey()
        let started = ContinuousClock.now
        let proposal = try withState(pending: pending) { state in
            try Self.propose(candidates: candidates, parent: parent, producer: validator, timestamp: timestamp, state: state)
        }
        guard !proposal.transactions.isEmpty || allowEmpty else { return .nothing(dropped: proposal.dropped) }
        let block = Block.sign(header: proposal.header, transactions: proposal.transactions, producer: validator.key)
        return .block(Built(
            block: block, outcome: proposal.outcome, dropped: proposal.dropped, started: started, nonces: SenderNonces(after: [block])))
    }

    /// After a built block committed: the dropped candidates and what the block made stale leave the mempool, and the
    /// block is counted and logged.
    func finish(_ built: Built, mempool: inout Mempool) -> Production {
        let block = built.block
        tidy(after: built.dropped, included: built.nonces, in: &mempool)
        metrics.recordBlock(block, applyTime: ContinuousClock.now - built.started)
        logger.log(
            level: block.transactions.isEmpty ? .debug : .info,
            "produced block",
            metadata: ["height": "\(block.height)", "txs": "\(block.transactions.count)", "hash": "\(block.hash)"])
        return Production(block: block, dropped: built.dropped)
    }

    /// This node's validator key; a node without one cannot produce.
    func producingKey() throws(NodeError) -> ValidatorKey {
        guard let validator else { throw .cannotProduce("this node has no validator key: it cannot produce blocks") }
        return validator
    }

    /// Runs `body` on the committed state, with `pending` laid over it when a block is being committed. Laying an outcome
    /// over a state that already holds it changes nothing (`LayeredState`), so a commit that lands meanwhile is harmless.
    func withState<T>(pending: BlockOutcome?, _ body: (any StateReader) throws -> T) throws(NodeError) -> T {
        try withStates(pending: pending) { tip, _ in try body(tip) }
    }

    /// `withState`'s tip and the committed state beneath it, from the same snapshot.
    func withStates<T>(
        pending: BlockOutcome?, _ body: (_ tip: any StateReader, _ committed: any StateReader) throws -> T
    ) throws(NodeError) -> T {
        do {
            return try store.withSnapshot { snapshot in
                try body(pending.map { LayeredState(base: snapshot, outcomes: [$0]) } ?? snapshot, snapshot)
            }
        } catch let error as NodeError {
            throw error
        } catch {
            throw .stateUnreadable("\(error)")
        }
    }

    /// The mempool's best candidates for the block after `pending` (the block being committed, if any) on `state`, each
    /// sender's from its nonce on that tip (`Mempool.candidates(limit:pending:)`); twice as many as a block holds, so
    /// that dropped ones leave the block full. A sender whose account cannot be read (a damaged record) stops the build
    /// when the build reads it.
    static func candidates(from mempool: Mempool, pending: SenderNonces, state: any StateReader) throws -> [VerifiedTransaction] {
        let parameters = try state.parameters()
        return mempool.candidates(limit: Int(parameters.maxBlockTransactions) * 2, pending: pending)
    }

    /// `StateTransition.propose` of the block after `parent` on `state`, refused if this validator is not the one
    /// scheduled for that height; the producer's beacon is proven here (or given, proven ahead), since the core never
    /// holds a private key.
    static func propose(
        candidates: [VerifiedTransaction], parent: BlockHeader, producer: ValidatorKey, timestamp: UInt64, state: any StateReader,
        beacon proven: BlockBeacon? = nil
    ) throws -> BlockProposal {
        let scheduled = try SlotSchedule.producer(after: parent, timestamp: timestamp, state: state)
        guard scheduled?.publicKey == producer.key.publicKey else {
            throw NodeError.cannotProduce("this node's validator is not scheduled to produce block \(parent.height + 1) at \(timestamp)")
        }
        let beacon = try proven ?? beacon(chainId: parent.chainId, height: parent.height + 1, producer: producer)
        do {
            return try StateTransition.propose(verified: candidates, parent: parent, timestamp: timestamp, beacon: beacon, state: state)
        } catch let .state(error) {
            // A damaged record met while building (a candidate's account, say) is the store's fault, not the block's.
            throw NodeError.stateUnreadable("\(error)")
        } catch {
            throw NodeError.block(error)
        }
    }

    /// This validator's beacon for block `height`: proven once, with its output, and not verified again.
    static func beacon(chainId: String, height: UInt64, producer: ValidatorKey) throws(NodeError) -> BlockBeacon {
        do {
            return try BlockBeacon.prove(chainId: chainId, height: height, producer: producer.key)
        } catch {
            throw .cannotProduce("the validator key could not compute the block's beacon: \(error)")
        }
    }

    /// After a build judged on committed state: its inadmissible candidates leave the mempool, what the committed block
    /// made stale leaves with them (`included`, its senders' nonces after it), and each sender with candidates dropped and
    /// none included takes its nonce read from the state, which sets right a pool that got it wrong (a used nonce
    /// offered again, or one too high that left the sender out).
    func tidy(
        after dropped: [(transaction: SignedTransaction, error: TransactionError)], included: SenderNonces, in mempool: inout Mempool
    ) {
        forget(dropped, in: &mempool)
        mempool.prune(after: included)
        let droppedOnly = Set(dropped.map(\.transaction.senderAddress).filter { included[$0] == nil })
        if !droppedOnly.isEmpty { resync(&mempool, senders: droppedOnly) }
    }

    /// Drops transactions the producer found inadmissible; a nonce gap is kept (an earlier nonce may still come).
    private func forget(_ dropped: [(transaction: SignedTransaction, error: TransactionError)], in mempool: inout Mempool) {
        for (transaction, error) in dropped {
            if case .nonceTooHigh = error { continue }
            logger.info("dropping transaction", metadata: ["id": "\(transaction.id)", "reason": "\(error)"])
            mempool.remove(transaction.id)
        }
    }

    /// Sets the senders' queues to their nonces read from the committed state (`Mempool.prune(senders:accountNonce:)`).
    private func resync(_ mempool: inout Mempool, senders: Set<Address>) {
        let nonces: [Address: UInt64]
        do {
            nonces = try store.withSnapshot { snapshot in
                var nonces = [Address: UInt64]()
                for sender in senders { nonces[sender] = try snapshot.account(sender).nonce }
                return nonces
            }
        } catch {
            // The queues are left as they are; the next block's build meets the same error.
            logger.warning("cannot read sender nonces to prune the mempool", metadata: ["error": "\(error)"])
            return
        }
        for (sender, nonce) in nonces { mempool.prune(senders: [sender]) { _ in nonce } }
    }
}
