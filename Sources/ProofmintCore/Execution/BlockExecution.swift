/// The running state of one block's execution: the overlay of writes, the supply totals and the receipts.
struct BlockExecution {
    let context: BlockContext
    private(set) var overlay: StateOverlay
    private(set) var receipts: [Receipt] = []
    private let base: any StateReader

    /// `expectedTransactions` sizes the overlay for the block's writes (about two a transaction and a few of the
    /// block's own), so it is not rehashed again and again as it fills.
    init(context: BlockContext, state: any StateReader, expectedTransactions: Int = 0) {
        self.context = context
        self.base = state
        self.overlay = expectedTransactions > 0
            ? StateOverlay(base: state, expectedWrites: 2 * expectedTransactions + 64) : StateOverlay(base: state)
    }

    /// Starts the block, before its first transaction: folds the block's beacon (header data, verified under the
    /// producer's key: not a random source) into the randomness mix (`0x29`), so
    /// every transaction and end-of-block step of the block reads the same mix. `apply` and `propose` call it;
    /// mempool admission does not, since it is not a block.
    mutating func begin() throws(BlockError) {
        do { try overlay.advanceRandomnessMix(beacon: context.beacon) } catch { throw .state(error) }
    }

    /// Admits and executes one transaction: an admission error leaves no trace; an execution error is
    /// recorded in the receipt after the fee and nonce are charged.
    mutating func include(_ transaction: SignedTransaction, size: Int, signatures: SignatureCheck) throws(TransactionError) {
        let feeEvent = try admit(transaction, size: size, signatures: signatures)
        overlay.checkpoint()
        var code: UInt16 = 0
        var events = [feeEvent]
        do {
            events += try execute(transaction.transaction, sender: transaction.senderAddress)
        } catch let .stateUnreadable(error) {
            throw .stateUnreadable(error)
        } catch {
            overlay.revertToCheckpoint()
            code = error.code
        }
        receipts.append(Receipt(transactionId: transaction.id, code: code, feeCharged: transaction.transaction.fee, events: events))
    }

    /// Every check that decides whether a transaction may be in a block at all; on success charges the fee
    /// and advances the nonce, and returns the fee event.
    @discardableResult
    mutating func admit(
        _ signed: SignedTransaction, size: Int, signatures: SignatureCheck, acceptFutureNonce: Bool = false
    ) throws(TransactionError) -> Event {
        let tx = signed.transaction
        let parameters = context.parameters
        guard size <= parameters.maxTransactionBytes else { throw .tooLarge(size: size, max: Int(parameters.maxTransactionBytes)) }
        guard tx.chainId.utf8.elementsEqual(context.chainId.utf8) else { throw .wrongChainId(expected: context.chainId, actual: tx.chainId) }
        guard signatures.transaction else { throw .badSignature }
        try Self.validateBasic(signed, context: context, receiptSignatureValid: signatures.receipt)
        if let expiry = tx.expiry, expiry < context.height { throw .expired(expiry: expiry, height: context.height) }

        let sender = signed.senderAddress
        var account = try overlay.accountOrFail(sender)
        guard tx.nonce >= account.nonce else { throw .nonceTooLow(expected: account.nonce, actual: tx.nonce) }
        guard tx.nonce == account.nonce || acceptFutureNonce else {
            throw .nonceTooHigh(expected: account.nonce, actual: tx.nonce)
        }
        guard tx.fee >= parameters.minFee else { throw .feeTooLow(minimum: parameters.minFee, actual: tx.fee) }
        guard account.balance >= tx.fee else { throw .cannotPayFee(balance: account.balance, fee: tx.fee) }
        guard account.nonce < UInt64.max else { throw .nonceExhausted }

        overlay.checkpoint()
        account.balance -= tx.fee
        account.nonce += 1
        overlay.setAccount(account, for: sender)
        do {
            return try overlay.distributeFee(tx.fee, payer: sender, split: parameters.feeSplit)
        } catch {
            overlay.revertToCheckpoint()
            throw error
        }
    }

    /// Checks that need no state: a payload that fails them can never be in a block.
    private static func validateBasic(
        _ signed: SignedTransaction, context: BlockContext, receiptSignatureValid: Bool
    ) throws(TransactionError) {
        let parameters = context.parameters
        switch signed.transaction.payload {
        case let .transfer(transfer): try TransferModule.validateBasic(transfer)
        case let .stake(request): try StakingModule.validateBasic(request, parameters: parameters.staking)
        case let .unstake(request): try StakingModule.validateBasic(request)
        case let .submitProof(receipt): try ProofModule.validateBasic(
                receipt, sender: signed.senderAddress, context: context, signatureValid: receiptSignatureValid)
        case let .propose(request): try GovernanceModule.validateBasic(request)
        case let .validate(request): try ValidationModule.validateBasic(request, parameters: parameters)
        case .vote: break
        case .withdraw, .evidence, .unjail, .validator, .challenge, .resolve, .reportAttestation: break
        }
    }

    /// A transaction's own rules (after admission); tests call it to read the exact error a receipt only codes.
    mutating func execute(_ tx: Transaction, sender: Address) throws(TransactionError) -> [Event] {
        switch tx.payload {
        case let .transfer(transfer): return try TransferModule.execute(transfer, from: sender, state: &overlay)
        case let .stake(request): return try StakingModule.stake(request, provider: sender, context: context, state: &overlay)
        case let .unstake(request): return try StakingModule.unstake(request, provider: sender, context: context, state: &overlay)
        case .withdraw: return try StakingModule.withdraw(provider: sender, context: context, state: &overlay)
        case let .evidence(evidence): return try EvidenceModule.execute(evidence, context: context, state: &overlay)
        case let .submitProof(receipt): return try ProofModule.submit(receipt, provider: sender, context: context, state: &overlay)
        case let .propose(request): return try GovernanceModule.propose(request, proposer: sender, context: context, state: &overlay)
        case let .vote(request): return try GovernanceModule.vote(request, voter: sender, context: context, state: &overlay)
        case .unjail: return try StakingModule.unjail(provider: sender, context: context, state: &overlay)
        case let .validator(request): return try ValidatorModule.execute(request, sender: sender, context: context, state: &overlay)
        case let .validate(request): return try ValidationModule.verdict(request, validator: sender, context: context, state: &overlay)
        case let .challenge(request): return try ChallengeModule.open(request, challenger: sender, context: context, state: &overlay)
        case let .resolve(request): return try ChallengeModule.vote(request, validator: sender, context: context, state: &overlay)
        case let .reportAttestation(report):
            return try AttestationModule.report(report, reporter: sender, context: context, state: &overlay)
        }
    }

    /// Runs the end-of-block steps (compute's due receipts, epoch close and settlement batch, then governance's
    /// tallies and executions), computes the roots and the tree writes, and completes `header` with them.
    mutating func finish(header: BlockHeader) throws(BlockError) -> BlockOutcome {
        overlay.checkpoint()
        try EpochModule.endBlock(context: context, state: &overlay)
        do {
            try GovernanceEndBlock.run(context: context, state: &overlay)
        } catch let .stateUnreadable(error) {
            throw .state(error)
        } catch {
            throw .settlementFailed(height: context.height, error: error)
        }
        let writes = overlay.sortedWrites
        let updates = writes.map { StateTree.Update(key: $0.key.treeKey, valueHash: $0.value.map(Hash32.digest)) }
        let tree = try StateTransition.read { () throws(StateReadError) in try StateTree.update(updates, reader: base) }
        var completed = header
        completed.stateRoot = tree.root
        let encodedReceipts = EncodedReceipts(receipts)
        completed.receiptRoot = encodedReceipts.root
        return BlockOutcome(header: completed, stateWrites: writes, treeNodes: tree.nodes, receipts: receipts, encodedReceipts: encodedReceipts)
    }
}
