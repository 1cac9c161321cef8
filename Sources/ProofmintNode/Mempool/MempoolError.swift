import ProofmintCore

/// Why the mempool refused a transaction.
public enum MempoolError: Error, Equatable, CustomStringConvertible {
    /// The transaction itself is not admissible (bad signature, stale nonce, low fee, …).
    case rejected(TransactionError)
    /// The bytes are not a canonical signed transaction.
    case malformed(String)
    case duplicate(Hash32)
    /// A pending transaction with the same sender and nonce pays at least as much.
    case replacementUnderpriced(nonce: UInt64, pendingFee: Amount)
    case senderLimit(max: Int)
    /// The nonce is too far ahead of the account's next nonce.
    case nonceGap(expected: UInt64, actual: UInt64, maxAhead: UInt64)
    /// The pool is full and nothing it may evict pays less per byte than this transaction.
    case full(maxBytes: Int)
    /// The sender already has `max` transactions waiting behind a nonce gap; `nextNonce` is the missing one.
    case gappedSenderLimit(max: Int, nextNonce: UInt64)
    /// The pool already holds `max` transactions waiting behind nonce gaps, none cheaper per byte than this one.
    case gappedLimit(max: Int)

    /// A stable name for JSON-RPC `data` (the transaction error's own name for `.rejected`).
    public var name: String {
        switch self {
        case let .rejected(error): return error.name
        case .malformed: return "malformed"
        case .duplicate: return "duplicate"
        case .replacementUnderpriced: return "replacement_underpriced"
        case .senderLimit: return "sender_limit"
        case .nonceGap: return "nonce_gap"
        case .full: return "mempool_full"
        case .gappedSenderLimit: return "gapped_sender_limit"
        case .gappedLimit: return "gapped_limit"
        }
    }

    public var description: String {
        switch self {
        case let .rejected(error): return error.description
        case let .malformed(detail): return "malformed transaction: \(detail)"
        case let .duplicate(id): return "transaction \(id) is already pending"
        case let .replacementUnderpriced(nonce, fee):
            return "a transaction with nonce \(nonce) is already pending with fee \(Tokens.format(fee)) AI; a replacement must pay at least 10% more"
        case let .senderLimit(max): return "sender already has \(max) pending transactions"
        case let .nonceGap(expected, actual, maxAhead):
            return "nonce \(actual) is more than \(maxAhead) ahead of the account's next nonce on chain, \(expected) (the highest accepted is \(expected &+ maxAhead))"
        case let .full(maxBytes):
            return "mempool is full (\(maxBytes) bytes) and holds nothing cheaper per byte to evict: raise the fee or try again after the next block"
        case let .gappedSenderLimit(max, nextNonce):
            return "sender already has \(max) transactions waiting behind a nonce gap: send nonce \(nextNonce) first"
        case let .gappedLimit(max):
            return "mempool already holds \(max) transactions waiting behind nonce gaps: send the missing nonces first, or pay more per byte"
        }
    }
}
