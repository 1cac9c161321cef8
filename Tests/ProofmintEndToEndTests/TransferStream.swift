import Foundation
import ProofmintCore
import ProofmintWallet

/// A stream of transfers from several dev accounts to fresh recipients (new state entries and tree nodes every
/// block), one transfer per sender per JSON-RPC batch; it keeps each sender's next nonce and the ids the node took.
final class TransferStream {
    private let keys: [Ed25519.PrivateKey]
    private var nonces: [UInt64]
    private var sequence = 0
    private let label: String
    /// Ids the node accepted that are not yet known to be included.
    private(set) var pending: [String] = []

    init(senderIndices: [Int], label: String) throws {
        keys = try senderIndices.map { try DevAccounts.key(index: $0) }
        nonces = Array(repeating: 0, count: senderIndices.count)
        self.label = label
    }

    /// After a restart the mempool is empty: every sender continues from its nonce on chain.
    func resynchronise(with node: NodeProcess) throws {
        pending = []
        for (index, key) in keys.enumerated() {
            let account = try node.callObject("pm_getAccount", ["address": Address(publicKey: key.publicKey).text])
            guard let nonce = account["nonce"] as? Int else { throw CommandFailure("pm_getAccount has no nonce: \(account)") }
            nonces[index] = UInt64(nonce)
        }
    }

    /// Sends one transfer per sender in one batch; returns the ids accepted. A refused transfer (the mempool's
    /// per-sender limit, a node that is being killed) keeps its nonce for the next round.
    @discardableResult
    func sendRound(to node: NodeProcess) -> [String] {
        let transactions = keys.enumerated().map { index, key in
            sequence += 1
            return Transaction(
                chainId: "proofmint-devnet-1", sender: key.publicKey, nonce: nonces[index], fee: Tokens.one / 1000,
                payload: .transfer(Transfer(recipient: Address(module: "crash-\(label)-\(sequence)"), amount: Tokens.one))
            ).signed(by: key)
        }
        guard let answers = try? node.callBatch("pm_sendTransaction", transactions.map { ["tx": $0.canonicalBytes.hex] }) else { return [] }
        var accepted = [String]()
        for (index, answer) in answers.enumerated() where answer.result != nil {
            nonces[index] += 1
            accepted.append(transactions[index].id.hex)
        }
        pending += accepted
        return accepted
    }

    /// Keeps sending until `deadline`.
    func send(to node: NodeProcess, until deadline: Date) {
        while Date() < deadline { sendRound(to: node) }
    }

    /// Forgets the ids the caller found included (or gave up on).
    func settle(_ ids: Set<String>) { pending.removeAll { ids.contains($0) } }
}
