import ProofmintCrypto

/// The state transition: the one function that turns a parent state and a block into the block's effects.
/// The node, the replay tool, the benchmarks and the tests all call it. It reads the parent state through
/// `StateReader`, never writes, and uses no clock, random source or floating point (the block's beacon is header data).
public enum StateTransition {
    /// Checks `block` against its parent and the state after the parent, executes it and returns its effects.
    /// Any inadmissible transaction or root mismatch refuses the whole block.
    /// - Parameter signatures: precomputed results of `SignatureBatch.verify(block.transactions)`, if the caller
    ///   already checked them (a pipeline can verify the next block while the current one commits).
    public static func apply(
        _ block: Block, parent: BlockHeader, state: any StateReader, signatures: [SignatureCheck]? = nil
    ) throws(BlockError) -> BlockOutcome {
        let outcome = try execute(block, parent: parent, state: state, signatures: signatures)
        let header = block.header
        guard outcome.header.receiptRoot == header.receiptRoot else {
            throw .receiptRootMismatch(header: header.receiptRoot, computed: outcome.header.receiptRoot)
        }
        guard outcome.header.stateRoot == header.stateRoot else {
            throw .stateRootMismatch(header: header.stateRoot, computed: outcome.header.stateRoot)
        }
        return outcome
    }

    /// Everything `apply` checks except the two roots the block's execution produces: the outcome as this build
    /// computes it, for a replay that wants to show how its result differs from the header's.
    public static func execute(
        _ block: Block, parent: BlockHeader, state: any StateReader, signatures: [SignatureCheck]? = nil
    ) throws(BlockError) -> BlockOutcome {
        let header = block.header
        let parameters = try checkHeader(header, parent: parent, state: state)
        guard header.transactionCount == block.transactions.count else {
            throw .transactionCountMismatch(header: header.transactionCount, actual: block.transactions.count)
        }
        guard block.transactions.count <= parameters.maxBlockTransactions else {
            throw .tooManyTransactions(count: block.transactions.count, max: parameters.maxBlockTransactions)
        }
        let validators = try read { () throws(StateReadError) in try state.validatorSet() }
        let scheduled = ProducerSchedule.producer(
            height: header.height, parentTimestamp: parent.timestamp, timestamp: header.timestamp, validators: validators, parameters: parameters)
        guard let scheduled, scheduled.publicKey.bytes == header.producer else {
            throw .wrongProducer(height: header.height, expected: scheduled?.name ?? "(none)")
        }
        guard scheduled.publicKey.isValidSignature(block.signature, for: header.signingMessage) else {
            throw .badProducerSignature(height: header.height)
        }
        guard let beacon = BlockHeader.beaconOutput(
            header.beacon, producer: scheduled.publicKey, chainId: header.chainId, height: header.height)
        else { throw .badBeacon(height: header.height) }
        let context = BlockContext(
            chainId: header.chainId, height: header.height, timestamp: header.timestamp, parameters: parameters, beacon: beacon,
            turnPassed: ProducerSchedule.turnPassed(
                parentTimestamp: parent.timestamp, timestamp: header.timestamp, validators: validators, parameters: parameters))
        let computedTxRoot = Block.transactionRoot(block.transactions)
        guard computedTxRoot == header.transactionRoot else {
            throw .transactionRootMismatch(header: header.transactionRoot, computed: computedTxRoot)
        }

        // Precomputed results are used only if they match the block; otherwise they are recomputed.
        let valid = signatures.flatMap { $0.count == block.transactions.count ? $0 : nil } ?? SignatureBatch.verify(block.transactions)
        var execution = BlockExecution(context: context, state: state, expectedTransactions: block.transactions.count)
        try execution.begin()
        var blockBytes = 0
        for (index, transaction) in block.transactions.enumerated() {
            let size = transaction.encodedSize
            blockBytes += size
            guard blockBytes <= context.parameters.maxBlockBytes else {
                throw .tooLarge(bytes: blockBytes, max: context.parameters.maxBlockBytes)
            }
            do {
                try execution.include(transaction, size: size, signatures: valid[index])
            } catch let .stateUnreadable(error) {
                throw .state(error)
            } catch {
                throw .invalidTransaction(index: index, id: transaction.id, error: error)
            }
        }
        return try execution.finish(header: header)
    }

    /// Assembles the next block from `candidates` in the given order, leaving out any that are not admissible,
    /// and fills in the header's roots. The producer signs the header afterwards.
    /// - Parameter beacon: the producer's VRF proof for the next height
    ///   (`BlockHeader.beaconProof(chainId:height:producer:)`); a proof that does not verify under `producer` is
    ///   refused (`badBeacon`) rather than built into a block every node would refuse.
    public static func propose(
        candidates: [SignedTransaction], parent: BlockHeader, timestamp: UInt64,
        producer: Ed25519.PublicKey, beacon: Bytes, state: any StateReader
    ) throws(BlockError) -> BlockProposal {
        guard parent.height < UInt64.max else { throw .wrongHeight(expected: parent.height, actual: parent.height) }
        guard let verified = BlockBeacon.verified(beacon, producer: producer, chainId: parent.chainId, height: parent.height + 1) else {
            throw .badBeacon(height: parent.height + 1)
        }
        return try propose(candidates: candidates, parent: parent, timestamp: timestamp, beacon: verified, state: state)
    }

    /// `propose` with a beacon already known valid (`BlockBeacon.prove`): the producer is the beacon's. A beacon for
    /// another chain or height is refused (`badBeacon`).
    public static func propose(
        candidates: [SignedTransaction], parent: BlockHeader, timestamp: UInt64, beacon: BlockBeacon, state: any StateReader
    ) throws(BlockError) -> BlockProposal {
        try build(
            candidates: candidates, signatures: SignatureBatch.verify(candidates), parent: parent, timestamp: timestamp, beacon: beacon,
            state: state)
    }

    /// `propose` from transactions whose signatures were checked at admission (`VerifiedTransaction`): the producer's
    /// path, which checks no signature twice.
    public static func propose(
        verified candidates: [VerifiedTransaction], parent: BlockHeader, timestamp: UInt64, beacon: BlockBeacon, state: any StateReader
    ) throws(BlockError) -> BlockProposal {
        try build(
            candidates: candidates.map(\.signed), signatures: Array(repeating: .valid, count: candidates.count), parent: parent,
            timestamp: timestamp, beacon: beacon, state: state)
    }

    /// The block from `candidates`, whose signatures' validity is `signatures`.
    private static func build(
        candidates: [SignedTransaction], signatures valid: [SignatureCheck], parent: BlockHeader, timestamp: UInt64, beacon: BlockBeacon,
        state: any StateReader
    ) throws(BlockError) -> BlockProposal {
        let parameters = try read { () throws(StateReadError) in try state.parameters() }
        guard parent.height < UInt64.max else { throw .wrongHeight(expected: parent.height, actual: parent.height) }
        let height = parent.height + 1
        try checkUpgrade(height: height, state: state)
        guard beacon.chainId == parent.chainId, beacon.height == height else { throw .badBeacon(height: height) }
        let producer = beacon.producer, output = beacon.output
        let validators = try read { () throws(StateReadError) in try state.validatorSet() }
        let stamp = Swift.max(timestamp, parent.timestamp)
        let context = BlockContext(
            chainId: parent.chainId, height: height, timestamp: stamp, parameters: parameters, beacon: output,
            turnPassed: ProducerSchedule.turnPassed(parentTimestamp: parent.timestamp, timestamp: stamp, validators: validators, parameters: parameters))
        var execution = BlockExecution(context: context, state: state, expectedTransactions: candidates.count)
        try execution.begin()
        let selection = try execution.includeAdmissible(candidates, signatures: valid, maxBytes: Int(parameters.maxBlockBytes))
        let included = selection.included.map { candidates[$0] }
        let dropped = selection.dropped.map { (transaction: candidates[$0.index], error: $0.error) }
        let header = BlockHeader(
            chainId: parent.chainId, height: context.height, parentHash: parent.hash, timestamp: context.timestamp,
            transactionRoot: Block.transactionRoot(included), receiptRoot: .zero, stateRoot: .zero,
            transactionCount: UInt32(included.count), producer: producer.bytes, beacon: beacon.proof)
        return BlockProposal(outcome: try execution.finish(header: header), transactions: included, dropped: dropped)
    }

    /// The validator that may produce block `height` stamped `timestamp` on a parent stamped `parentTimestamp` (§4.4:
    /// the turn passes on after each slot timeout), from the parent state; nil if the set is empty.
    public static func scheduledProducer(
        height: UInt64, parentTimestamp: UInt64, timestamp: UInt64, state: any StateReader, parameters: Parameters? = nil
    ) throws(BlockError) -> ValidatorSet.Validator? {
        let validators = try read { () throws(StateReadError) in try state.validatorSet() }
        let governing: Parameters
        if let parameters { governing = parameters } else { governing = try read { () throws(StateReadError) in try state.parameters() } }
        return ProducerSchedule.producer(
            height: height, parentTimestamp: parentTimestamp, timestamp: timestamp, validators: validators, parameters: governing)
    }

    /// Checks one transaction against the current state without executing it: what a mempool asks on admission.
    /// With `acceptFutureNonce`, a nonce ahead of the account's is allowed (it waits in the mempool for its turn).
    /// Returns the transaction as a `VerifiedTransaction`: its signatures were checked here, once. `parameters`, when
    /// given, must be `state.parameters()`: a batch of admissions against one state reads them once.
    @discardableResult
    public static func checkAdmission(
        _ transaction: SignedTransaction, state: any StateReader, nextHeight: UInt64, chainId: String,
        acceptFutureNonce: Bool = false, parameters: Parameters? = nil
    ) throws(TransactionError) -> VerifiedTransaction {
        let signatures = SignatureCheck(checking: transaction)
        try admit(
            transaction, signatures: signatures, state: state, nextHeight: nextHeight, chainId: chainId,
            acceptFutureNonce: acceptFutureNonce, parameters: parameters)
        // `admit` refuses a bad signature (`badSignature`, `receiptBadSignature`), so past it both are valid.
        guard signatures.allValid else { throw signatures.transaction ? .receiptBadSignature : .badSignature }
        return VerifiedTransaction(checked: transaction)
    }

    /// `checkAdmission` of a transaction whose signatures were checked already (off the node's actor, on any core):
    /// every other admission check, in the same order. `parameters`, when given, must be `state.parameters()`: a
    /// batch of admissions against one state reads them once.
    public static func checkAdmission(
        verified: VerifiedTransaction, state: any StateReader, nextHeight: UInt64, chainId: String, acceptFutureNonce: Bool = false,
        parameters: Parameters? = nil
    ) throws(TransactionError) {
        try admit(
            verified.signed, signatures: .valid, state: state, nextHeight: nextHeight, chainId: chainId,
            acceptFutureNonce: acceptFutureNonce, parameters: parameters)
    }

    private static func admit(
        _ transaction: SignedTransaction, signatures: SignatureCheck, state: any StateReader, nextHeight: UInt64, chainId: String,
        acceptFutureNonce: Bool, parameters given: Parameters?
    ) throws(TransactionError) {
        let parameters: Parameters
        if let given { parameters = given } else {
            do { parameters = try state.parameters() } catch { throw .stateUnreadable(error) }
        }
        // No block exists yet, so no beacon (zero): no admission check reads the beacon or the mix.
        let context = BlockContext(chainId: chainId, height: nextHeight, timestamp: 0, parameters: parameters, beacon: .zero)
        var execution = BlockExecution(context: context, state: state)
        try execution.admit(transaction, size: transaction.encodedSize, signatures: signatures, acceptFutureNonce: acceptFutureNonce)
    }

    /// The checks that need only the parent (§4.5 checks 1–6); returns the parameters that govern the block.
    private static func checkHeader(_ header: BlockHeader, parent: BlockHeader, state: any StateReader) throws(BlockError) -> Parameters {
        guard header.chainId.utf8.elementsEqual(parent.chainId.utf8) else { throw .wrongChainId(expected: parent.chainId, actual: header.chainId) }
        guard parent.height < UInt64.max else { throw .wrongHeight(expected: parent.height, actual: header.height) }
        guard header.height == parent.height + 1 else { throw .wrongHeight(expected: parent.height + 1, actual: header.height) }
        guard header.parentHash == parent.hash else { throw .wrongParent(expected: parent.hash, actual: header.parentHash) }
        guard header.timestamp >= parent.timestamp else {
            throw .timestampBeforeParent(parent: parent.timestamp, actual: header.timestamp)
        }
        let parameters = try read { () throws(StateReadError) in try state.parameters() }
        try checkUpgrade(height: header.height, state: state)
        return parameters
    }

    /// Refuses to build or apply a block at or past a scheduled upgrade this build does not know.
    static func checkUpgrade(height: UInt64, state: any StateReader) throws(BlockError) {
        let plan = try read { () throws(StateReadError) in try state.record(UpgradePlan.self, at: .upgrade) }
        if let plan, height >= plan.height, !UpgradePlan.known.contains(plan.name) {
            throw .unknownUpgrade(name: plan.name, height: plan.height)
        }
    }

    static func read<T>(_ body: () throws(StateReadError) -> T) throws(BlockError) -> T {
        do { return try body() } catch { throw .state(error) }
    }
}
