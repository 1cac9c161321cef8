import ProofmintCore

/// The next nonce CometBFT's mempool can take from each sender, as the node's mempool counts it: the account's nonce
/// plus the transactions from it already admitted since the last commit. CometBFT rechecks what is left in its mempool
/// after every commit (`CheckTx` with type RECHECK, in order), so `reset` at commit and the rechecks rebuild it.
struct PendingNonces {
    private var next: [Address: UInt64] = [:]

    func expected(for sender: Address, accountNonce: UInt64) -> UInt64 { Swift.max(next[sender] ?? accountNonce, accountNonce) }

    mutating func admitted(_ sender: Address, nonce: UInt64) { next[sender] = nonce &+ 1 }

    mutating func reset() { next = [:] }
}
