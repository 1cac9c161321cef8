import Foundation
import ProofmintABCIProto
import ProofmintCore

extension ABCIApplication {
    /// Mempool admission: `StateTransition.checkAdmission` against the committed state, with the nonces of transactions
    /// already admitted since the last commit counted as the node's mempool counts them. RECHECK (after each commit)
    /// runs the same check. A beacon carrier (`ABCIBeaconCarrier`) is refused: it never enters the mempool.
    func checkTx(_ request: Tendermint_Abci_RequestCheckTx) -> Tendermint_Abci_ResponseCheckTx {
        guard !ABCIBeaconCarrier.looksLikeCarrier(Array(request.tx)) else {
            return .with {
                $0.code = ABCIResults.undecodableCode
                $0.log = "a beacon carrier is not a transaction: only a block's proposer adds one, in PrepareProposal"
                $0.codespace = ABCIResults.codespace
            }
        }
        let transaction: SignedTransaction
        do {
            transaction = try SignedTransaction(canonical: Array(request.tx))
        } catch {
            return .with { $0.code = ABCIResults.undecodableCode; $0.log = "not a Proofmint transaction: \(error)"; $0.codespace = ABCIResults.codespace }
        }
        let head = store.head
        let sender = transaction.senderAddress
        do {
            let accountNonce = try withState { snapshot in
                try StateTransition.checkAdmission(
                    transaction, state: snapshot, nextHeight: head.height + 1, chainId: head.chainId, acceptFutureNonce: true)
                return try snapshot.account(sender).nonce
            }
            let expected = nonces.expected(for: sender, accountNonce: accountNonce)
            let nonce = transaction.transaction.nonce
            if nonce < expected { throw TransactionError.nonceTooLow(expected: expected, actual: nonce) }
            if nonce > expected { throw TransactionError.nonceTooHigh(expected: expected, actual: nonce) }
            nonces.admitted(sender, nonce: nonce)
            return .with { $0.code = 0 }
        } catch let error as TransactionError {
            return ABCIResults.failure(error)
        } catch {
            return .with { $0.code = ABCIResults.unavailableCode; $0.log = "\(error)"; $0.codespace = ABCIResults.codespace }
        }
    }
}
