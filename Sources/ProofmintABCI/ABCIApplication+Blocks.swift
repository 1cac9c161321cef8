import Foundation
import ProofmintABCIProto
import ProofmintCore
import SwiftProtobuf

extension ABCIApplication {
    /// The proposer's block: its beacon carrier first (`ABCIBeaconCarrier`, the VRF proof made with `--validator-key`),
    /// then the mempool's transactions in CometBFT's order, leaving out the inadmissible ones and those past
    /// `max_tx_bytes`. Without the proposer's key no valid block can be made: the answer is an empty block, which every
    /// validator's `ProcessProposal` rejects, so CometBFT moves on to the next round and its proposer.
    func prepare(_ request: Tendermint_Abci_RequestPrepareProposal) throws -> Tendermint_Abci_ResponsePrepareProposal {
        guard let key = proposingKey(for: request) else { return .init() }
        let decoded = Self.decode(request.txs, from: 0)
        let context = try consensusContext(height: request.height, time: request.time, proposer: request.proposerAddress) { _, height in
            try BlockBeacon.prove(chainId: store.head.chainId, height: height, producer: key)
        }
        let carrier = Data(ABCIBeaconCarrier.bytes(context.beacon))
        let room = Int(clamping: request.maxTxBytes) - Int(Self.protoSize([carrier]))
        let result = try execute(decoded.map(\.transaction), context: context, maxBytes: max(0, room))
        var txs = [carrier] + result.includedIndexes.map { request.txs[decoded[$0].index] }
        // CometBFT counts each transaction with its protobuf field overhead; a prefix of an admissible run stays admissible.
        while txs.count > 1, Self.protoSize(txs) > request.maxTxBytes { txs.removeLast() }
        return .with { $0.txs = txs }
    }

    /// The key to prove this proposal's beacon with, or nil (logged) if this application cannot make a valid proposal.
    private func proposingKey(for request: Tendermint_Abci_RequestPrepareProposal) -> Ed25519.PrivateKey? {
        guard let key = validatorKey else {
            log("abci: cannot propose block \(request.height): started without --validator-key, so no beacon can be proven; "
                + "answering an empty block, which the validators reject (CometBFT moves to the next round)")
            return nil
        }
        guard ABCIValidators.address(of: key.publicKey) == Array(request.proposerAddress) else {
            log("abci: cannot propose block \(request.height): CometBFT's proposer is \(Array(request.proposerAddress).hex), but "
                + "--validator-key is \(ABCIValidators.address(of: key.publicKey).hex): give the key of CometBFT's "
                + "priv_validator_key.json (docs/DEPLOYMENT.md); answering an empty block, which the validators reject")
            return nil
        }
        return key
    }

    /// ACCEPT only a block this application would have built itself: the proposer's beacon carrier first, then every
    /// transaction decodes, is admissible and fits.
    func process(_ request: Tendermint_Abci_RequestProcessProposal) -> Tendermint_Abci_ResponseProcessProposal {
        do {
            let context = try consensusContext(request.txs, height: request.height, time: request.time, proposer: request.proposerAddress)
            let transactions = try request.txs.dropFirst().map { try SignedTransaction(canonical: Array($0)) }
            let result = try execute(transactions, context: context, maxBytes: nil)
            if result.dropped.isEmpty, result.included.count == transactions.count { return .with { $0.status = .accept } }
            log("abci: rejecting block \(request.height): \(result.dropped.map { "transaction \($0.index + 1): \($0.error)" })")
        } catch {
            log("abci: rejecting block \(request.height): \(error)")
        }
        return .with { $0.status = .reject }
    }

    /// Executes the decided block and keeps its outcome for Commit. Its first transaction must be the proposer's beacon
    /// carrier (an exception otherwise: CometBFT's validators decided a block this application refuses); the carrier's
    /// result is code 0. A transaction that cannot be in the block (undecodable, inadmissible, past a limit) gets a
    /// non-zero code and changes nothing; the rest get their receipts.
    func finalize(_ request: Tendermint_Abci_RequestFinalizeBlock) throws -> Tendermint_Abci_ResponseFinalizeBlock {
        let context: ConsensusBlock
        do {
            context = try consensusContext(request.txs, height: request.height, time: request.time, proposer: request.proposerAddress)
        } catch let error as ABCIBeaconError {
            throw ABCIRequestError.beacon(error)
        }
        let decoded = Self.decode(request.txs, from: 1)
        let result = try execute(decoded.map(\.transaction), context: context, maxBytes: nil)
        var results = request.txs.map { _ in
            ABCIResults.notIncluded(code: ABCIResults.undecodableCode, log: "not included: not a Proofmint transaction")
        }
        results[0] = ABCIResults.beaconCarrier(context.beacon)
        for entry in decoded {
            results[entry.index] = ABCIResults.notIncluded(
                code: ABCIResults.notIncludedCode, log: "not included: the block's transaction count or byte limit was reached")
        }
        for (position, index) in result.includedIndexes.enumerated() {
            results[decoded[index].index] = ABCIResults.result(result.outcome.receipts[position])
        }
        for (index, error) in result.dropped { results[decoded[index].index] = ABCIResults.dropped(error) }
        pending = (result.block, result.outcome)
        return .with {
            $0.txResults = results
            $0.appHash = Data(result.outcome.stateRoot.bytes)
        }
    }

    /// The transactions of `txs` from index `start` on that decode, with their indexes into `txs`.
    private static func decode(_ txs: [Data], from start: Int) -> [(index: Int, transaction: SignedTransaction)] {
        txs.indices.dropFirst(start).compactMap { index in
            (try? SignedTransaction(canonical: Array(txs[index]))).map { (index: index, transaction: $0) }
        }
    }

    /// Writes what FinalizeBlock computed in one LMDB transaction, as the node commits a block.
    func commit() throws -> Tendermint_Abci_ResponseCommit {
        guard let pending else { throw ABCIRequestError.nothingToCommit }
        do {
            try store.commit(pending.block, outcome: pending.outcome)
        } catch {
            throw ABCIRequestError.storage("\(error)")
        }
        self.pending = nil
        nonces.reset()
        return .init()
    }

    // MARK: - Context

    /// The context of a proposed or decided block, whose beacon is the one its first transaction carries.
    private func consensusContext(
        _ txs: [Data], height: Int64, time: Google_Protobuf_Timestamp, proposer address: Data
    ) throws -> ConsensusBlock {
        let chainId = store.head.chainId
        return try consensusContext(height: height, time: time, proposer: address) { proposer, height in
            try ABCIBeaconCarrier.beacon(carriedBy: txs.first.map { Array($0) }, proposer: proposer, chainId: chainId, height: height)
        }
    }

    /// The block context from CometBFT's request: the next height only, time in milliseconds, a known proposer, the
    /// beacon `beacon` gives for that proposer and height, and whether a later round's proposer made the block.
    private func consensusContext(
        height: Int64, time: Google_Protobuf_Timestamp, proposer address: Data,
        beacon: (Ed25519.PublicKey, UInt64) throws -> BlockBeacon
    ) throws -> ConsensusBlock {
        let head = store.head
        guard height > 0, UInt64(height) == head.height + 1 else { throw ABCIRequestError.notNextHeight(requested: height, head: head.height) }
        let validators = try validatorSet()
        guard let proposer = ABCIValidators.key(forAddress: Array(address), in: validators) else {
            throw ABCIRequestError.unknownProposer(address: Array(address))
        }
        let next = UInt64(height)
        return ConsensusBlock(
            chainId: head.chainId, height: next, timestamp: Self.milliseconds(time), beacon: try beacon(proposer, next),
            turnPassed: ABCIValidators.roundZeroProposer(height: next, in: validators) != proposer)
    }

    private func execute(_ transactions: [SignedTransaction], context: ConsensusBlock, maxBytes: Int?) throws -> ConsensusOutcome {
        let parent = store.head
        return try withState { snapshot in
            try StateTransition.execute(transactions: transactions, context: context, parent: parent, state: snapshot, maxBytes: maxBytes)
        }
    }

    /// Milliseconds since the Unix epoch; a time before it counts as 0, one past `UInt64.max` ms as that.
    static func milliseconds(_ time: Google_Protobuf_Timestamp) -> UInt64 {
        guard time.seconds >= 0 else { return 0 }
        let (milliseconds, overflow) = UInt64(time.seconds).multipliedReportingOverflow(by: 1000)
        guard !overflow else { return .max }
        let (total, carry) = milliseconds.addingReportingOverflow(UInt64(max(0, time.nanos)) / 1_000_000)
        return carry ? .max : total
    }

    /// The size CometBFT gives a list of transactions (`types.ComputeProtoSizeForTxs`): each as a `bytes` field 1.
    static func protoSize(_ txs: [Data]) -> Int64 {
        txs.reduce(0) { $0 + 1 + Int64(ABCIFrame.uvarint(UInt64($1.count)).count) + Int64($1.count) }
    }
}
