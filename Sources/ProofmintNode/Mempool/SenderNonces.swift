import ProofmintCore

/// Each sender's account nonce after a run of blocks, read off the blocks' transactions instead of the state.
///
/// A block includes a transaction only at its sender's account nonce, and including it advances that nonce by one
/// whatever the transaction's outcome (`BlockExecution.admit`); nothing else moves a nonce. So after the run a sender's
/// nonce is one past its last included transaction's, and a sender the run does not include kept its nonce. The
/// mempool is tidied after every block and picks each block's candidates with these, instead of reading every
/// sender's account twice a block (issue 14, point 3: those reads were 5% of a loaded node's CPU, on its actor).
struct SenderNonces: Sendable {
    private var next: [Address: UInt64] = [:]

    /// Nobody's nonce moved.
    static let none = SenderNonces(after: [])

    init(after blocks: some Sequence<Block>) {
        for block in blocks {
            for transaction in block.transactions {
                // An included transaction's nonce is below UInt64.max (admission refuses `nonceExhausted`); the
                // callers pass only blocks that were built or committed.
                next[transaction.senderAddress] = transaction.transaction.nonce &+ 1
            }
        }
    }

    /// The sender's nonce after the run, or nil if the run does not include it.
    subscript(sender: Address) -> UInt64? { next[sender] }

    /// The senders the run includes, in no particular order.
    var senders: Dictionary<Address, UInt64>.Keys { next.keys }

    var isEmpty: Bool { next.isEmpty }
}
