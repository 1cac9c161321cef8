import ProofmintCrypto

extension StateTransition {
    /// Executes `transactions` as the block after `parent` under a context an external consensus engine agreed on
    /// (ABCI mode, docs/PROTOCOL.md "ABCI mode"): the same `BlockExecution` begin, include and finish as `propose`, in
    /// build mode, so an inadmissible transaction is left out with its reason instead of failing the block. There is no
    /// producer schedule or signature to check: the engine decided who proposes. `context.beacon` is the proposer's VRF
    /// beacon, already proven or verified by the caller (a `BlockBeacon` cannot be made otherwise); it must name this
    /// chain and height. The header it returns has the roots filled in, `producer` = the proposer and the 80-byte proof
    /// in its `beacon` field, so the stored header's beacon verifies as any other (§4.6).
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
        guard consensus.beacon.height == consensus.height, consensus.beacon.chainId.utf8.elementsEqual(parent.chainId.utf8) else {
            throw .badBeacon(height: consensus.height)
        }
        let parameters = try read { () throws(StateReadError) in try state.parameters() }
        try checkUpgrade(height: consensus.height, state: state)
        let context = BlockContext(
            chainId: parent.chainId, height: consensus.height, timestamp: Swift.max(consensus.timestamp, parent.timestamp),
            parameters: parameters, beacon: consensus.beacon.output, turnPassed: consensus.turnPassed)
        var execution = BlockExecution(context: context, state: state, expectedTransactions: transactions.count)
        try execution.begin()
        let limit = Swift.min(Int(parameters.maxBlockBytes), maxBytes ?? Int.max)
        let selection = try execution.includeAdmissible(
            transactions, signatures: SignatureBatch.verify(transactions), maxBytes: limit)
        let included = selection.included.map { transactions[$0] }
        let header = BlockHeader(
            chainId: parent.chainId, height: context.height, parentHash: parent.hash, timestamp: context.timestamp,
            transactionRoot: Block.transactionRoot(included), receiptRoot: .zero, stateRoot: .zero,
            transactionCount: UInt32(included.count), producer: consensus.proposer.bytes, beacon: consensus.beacon.proof)
        return ConsensusOutcome(
            outcome: try execution.finish(header: header), included: included, includedIndexes: selection.included,
            dropped: selection.dropped)
    }
}
