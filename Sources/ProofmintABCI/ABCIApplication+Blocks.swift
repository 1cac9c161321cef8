import Foundation
import ProofmintABCIProto
import ProofmintCore
import SwiftProtobuf

extension ABCIApplication {
    /// The proposer's block: the mempool's transactions in CometBFT's order, leaving out the inadmissible ones and
    /// those past `max_tx_bytes`. The beacon is not known yet (it hashes the block CometBFT will make), so the block is
    /// built with a zero beacon: no admission check reads it; ProcessProposal re-executes with the real one.
    func prepare(_ request: Tendermint_Abci_RequestPrepareProposal) throws -> Tendermint_Abci_ResponsePrepareProposal {
        let decoded = request.txs.enumerated().compactMap { index, bytes in
            (try? SignedTransaction(canonical: Array(bytes))).map { (index: index, transaction: $0) }
        }
        let context = try consensusContext(height: request.height, time: request.time, proposer: request.proposerAddress, beacon: .zero)
        let result = try execute(decoded.map(\.transaction), context: context, maxBytes: Int(clamping: request.maxTxBytes))
        var txs = result.includedIndexes.map { request.txs[decoded[$0].index] }
        // CometBFT counts each transaction with its protobuf field overhead; a prefix of an admissible run stays admissible.
        while !txs.isEmpty, Self.protoSize(txs) > request.maxTxBytes { txs.removeLast() }
        return .with { $0.txs = txs }
    }

    /// ACCEPT only a block this application would have built itself: every transaction decodes, is admissible and fits.
    func process(_ request: Tendermint_Abci_RequestProcessProposal) -> Tendermint_Abci_ResponseProcessProposal {
        do {
            let transactions = try request.txs.map { try SignedTransaction(canonical: Array($0)) }
            let context = try consensusContext(
                height: request.height, time: request.time, proposer: request.proposerAddress,
                beacon: ABCIBeacon.value(blockHash: Array(request.hash)))
            let result = try execute(transactions, context: context, maxBytes: nil)
            if result.dropped.isEmpty, result.included.count == transactions.count { return .with { $0.status = .accept } }
            log("abci: rejecting block \(request.height): \(result.dropped.map { "transaction \($0.index): \($0.error)" })")
        } catch {
            log("abci: rejecting block \(request.height): \(error)")
        }
        return .with { $0.status = .reject }
    }

    /// Executes the decided block and keeps its outcome for Commit. A transaction that cannot be in it (undecodable,
    /// inadmissible, past a limit) gets a non-zero code and changes nothing; the rest get their receipts.
    func finalize(_ request: Tendermint_Abci_RequestFinalizeBlock) throws -> Tendermint_Abci_ResponseFinalizeBlock {
        let decoded = request.txs.enumerated().compactMap { index, bytes in
            (try? SignedTransaction(canonical: Array(bytes))).map { (index: index, transaction: $0) }
        }
        let context = try consensusContext(
            height: request.height, time: request.time, proposer: request.proposerAddress,
            beacon: ABCIBeacon.value(blockHash: Array(request.hash)))
        let result = try execute(decoded.map(\.transaction), context: context, maxBytes: nil)
        var results = request.txs.map { _ in
            ABCIResults.notIncluded(code: ABCIResults.undecodableCode, log: "not included: not a Proofmint transaction")
        }
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

    /// The block context from CometBFT's request: the next height only, time in milliseconds, a known proposer.
    private func consensusContext(
        height: Int64, time: Google_Protobuf_Timestamp, proposer address: Data, beacon: Hash32
    ) throws -> ConsensusBlock {
        let head = store.head
        guard height > 0, UInt64(height) == head.height + 1 else { throw ABCIRequestError.notNextHeight(requested: height, head: head.height) }
        guard let proposer = ABCIValidators.key(forAddress: Array(address), in: try validatorSet()) else {
            throw ABCIRequestError.unknownProposer(address: Array(address))
        }
        return ConsensusBlock(
            chainId: head.chainId, height: UInt64(height), timestamp: Self.milliseconds(time), proposer: proposer, beacon: beacon)
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
