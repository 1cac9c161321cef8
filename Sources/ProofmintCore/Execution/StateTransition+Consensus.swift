import ProofmintCrypto

extension StateTransition {
    /// Executes `transactions` as the block after `parent` under a context an external consensus engine agreed on
    /// (ABCI mode, docs/PROTOCOL.md "ABCI mode"): the same `BlockExecution` begin, include and finish as `propose`, in
    /// build mode, so an inadmissible transaction is left out with its reason instead of failing the block. There is no
    /// producer schedule, signature or VRF proof to check: the engine decided who proposes, and `context.beacon` is the
    /// block's randomness. The header it returns has the roots filled in, `producer` = the proposer and the beacon value
    /// in its `beacon` field (`ConsensusBlock.headerBeacon`).
    /// - Parameter maxBytes: a tighter bound on the transactions' total size than the chain's `max_block_bytes`
    ///   (CometBFT's `max_tx_bytes`); the smaller of the two applies.
    public static func execute(
        transactions: [SignedTransaction], context consensus: ConsensusBlock, parent: BlockHeader, state: any StateReader,
        maxBytes: Int? = nil
    ) throws(BlockError) -> ConsensusOutcome {
        guard consensus.chainId.utf8.elementsEqual(parent.chainId.utf8) else {
            throw .wrongChainId(expected: parent.chainId, actual: consensus.chainId)
        }
        guard parent.height < UInt64.max, consensus.height == parent.height + 1 else {
            throw .wrongHeight(expected: parent.height &+ 1, actual: consensus.height)
        }
        let parameters = try read { () throws(StateReadError) in try state.parameters() }
        try checkUpgrade(height: consensus.height, state: state)
        let context = BlockContext(
            chainId: parent.chainId, height: consensus.height, timestamp: Swift.max(consensus.timestamp, parent.timestamp),
            parameters: parameters, beacon: consensus.beacon)
        var execution = BlockExecution(context: context, state: state)
        try execution.begin()
        let limit = Swift.min(Int(parameters.maxBlockBytes), maxBytes ?? Int.max)
        let selection = try execution.includeAdmissible(
            transactions, signatures: SignatureBatch.verify(transactions), maxBytes: limit)
        let included = selection.included.map { transactions[$0] }
        let header = BlockHeader(
            chainId: parent.chainId, height: context.height, parentHash: parent.hash, timestamp: context.timestamp,
            transactionRoot: Block.transactionRoot(included), receiptRoot: .zero, stateRoot: .zero,
            transactionCount: UInt32(included.count), producer: consensus.proposer.bytes, beacon: consensus.headerBeacon)
        return ConsensusOutcome(
            outcome: try execution.finish(header: header), included: included, includedIndexes: selection.included,
            dropped: selection.dropped)
    }
}
