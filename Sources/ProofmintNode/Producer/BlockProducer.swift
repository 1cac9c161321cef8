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

    /// Builds, signs and commits the next block from `mempool`; nil if there was nothing to include and empty
    /// blocks are not wanted. Inadmissible candidates are dropped from the mempool either way.
    func produce(from mempool: inout Mempool, allowEmpty: Bool, timestamp: UInt64) throws(NodeError) -> Production? {
        let validator = try producingKey()
        let parent = store.head
        let started = ContinuousClock.now
        let proposal = try propose(parent: parent, producer: validator, mempool: mempool, timestamp: timestamp)
        guard !proposal.transactions.isEmpty || allowEmpty else {
            forget(proposal.dropped, in: &mempool)
            return nil
        }
        let block = Block.sign(header: proposal.header, transactions: proposal.transactions, producer: validator.key)
        do {
            try store.commit(block, outcome: proposal.outcome)
        } catch {
            throw .storage(error)
        }
        forget(proposal.dropped, in: &mempool)
        prune(&mempool, senders: Self.senders(of: proposal))
        metrics.recordBlock(block, applyTime: ContinuousClock.now - started)
        logger.log(
            level: block.transactions.isEmpty ? .debug : .info,
            "produced block",
            metadata: ["height": "\(block.height)", "txs": "\(block.transactions.count)", "hash": "\(block.hash)"])
        return Production(block: block, dropped: proposal.dropped)
    }

    /// This node's validator key; a node without one cannot produce.
    func producingKey() throws(NodeError) -> ValidatorKey {
        guard let validator else { throw .cannotProduce("this node has no validator key: it cannot produce blocks") }
        return validator
    }

    /// The proposal on the head state.
    private func propose(parent: BlockHeader, producer: ValidatorKey, mempool: Mempool, timestamp: UInt64) throws(NodeError) -> BlockProposal {
        do {
            return try store.withSnapshot { snapshot in
                let parameters = try snapshot.parameters()
                // A sender whose account cannot be read (a damaged record) stops the proposal with that error, instead
                // of being taken for a fresh account at nonce 0.
                var unreadable: (any Error)?
                let candidates = mempool.candidates(limit: Int(parameters.maxBlockTransactions) * 2) { sender in
                    do { return try snapshot.account(sender).nonce } catch {
                        if unreadable == nil { unreadable = error }
                        return 0
                    }
                }
                if let unreadable { throw unreadable }
                return try Self.propose(candidates: candidates, parent: parent, producer: producer, timestamp: timestamp, state: snapshot)
            }
        } catch let error as NodeError {
            throw error
        } catch {
            throw .stateUnreadable("\(error)")
        }
    }

    /// `StateTransition.propose` of the block after `parent` on `state`, refused if this validator is not the one
    /// scheduled for that height; the producer's beacon is proven here (or given, proven ahead), since the core never
    /// holds a private key.
    static func propose(
        candidates: [VerifiedTransaction], parent: BlockHeader, producer: ValidatorKey, timestamp: UInt64, state: any StateReader,
        beacon proven: BlockBeacon? = nil
    ) throws -> BlockProposal {
        let scheduled = try StateTransition.scheduledProducer(
            height: parent.height + 1, parentTimestamp: parent.timestamp, timestamp: max(timestamp, parent.timestamp), state: state)
        guard scheduled?.publicKey == producer.key.publicKey else {
            throw NodeError.cannotProduce("this node's validator is not scheduled to produce block \(parent.height + 1) at \(timestamp)")
        }
        let beacon = try proven ?? beacon(chainId: parent.chainId, height: parent.height + 1, producer: producer)
        do {
            return try StateTransition.propose(verified: candidates, parent: parent, timestamp: timestamp, beacon: beacon, state: state)
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

    private static func senders(of proposal: BlockProposal) -> Set<Address> {
        Set(proposal.transactions.map(\.transaction.senderAddress) + proposal.dropped.map(\.transaction.transaction.senderAddress))
    }

    /// Drops transactions the producer found inadmissible; a nonce gap is kept (an earlier nonce may still come).
    private func forget(_ dropped: [(transaction: SignedTransaction, error: TransactionError)], in mempool: inout Mempool) {
        for (transaction, error) in dropped {
            if case .nonceTooHigh = error { continue }
            logger.info("dropping transaction", metadata: ["id": "\(transaction.id)", "reason": "\(error)"])
            mempool.remove(transaction.id)
        }
    }

    /// Removes what the new block made stale (nonces now below each sender's account nonce).
    private func prune(_ mempool: inout Mempool, senders: Set<Address>) {
        let nonces: [Address: UInt64]
        do {
            nonces = try store.withSnapshot { snapshot in
                var nonces = [Address: UInt64]()
                for sender in senders { nonces[sender] = try snapshot.account(sender).nonce }
                return nonces
            }
        } catch {
            // Nothing is pruned (nonce 0 keeps every transaction); the next block's build meets the same error.
            logger.warning("cannot read sender nonces to prune the mempool", metadata: ["error": "\(error)"])
            return
        }
        mempool.prune(senders: senders) { nonces[$0] ?? 0 }
    }
}
