/// Why a transaction was refused or failed. `code` is stable: receipts (and so state roots) contain it.
///
/// Admission errors (codes 1–99) keep a transaction out of a block altogether: a block that contains one is invalid.
/// Execution errors (codes 100+) are recorded in a receipt; the fee is charged and the nonce advances.
public enum TransactionError: Error, Equatable, Sendable, CustomStringConvertible {
    // Admission: stateless.
    case tooLarge(size: Int, max: Int)
    case badSignature
    case wrongChainId(expected: String, actual: String)
    case zeroAmount
    // Admission: against the state.
    case nonceTooLow(expected: UInt64, actual: UInt64)
    case nonceTooHigh(expected: UInt64, actual: UInt64)
    case expired(expiry: UInt64, height: UInt64)
    case feeTooLow(minimum: Amount, actual: Amount)
    case cannotPayFee(balance: Amount, fee: Amount)
    /// The account has used every nonce a u64 can hold.
    case nonceExhausted
    // Execution.
    case insufficientBalance(balance: Amount, needed: Amount)
    case balanceOverflow
    /// The parent state could not be read. Never in a receipt: the executor turns it into a block error.
    case stateUnreadable(StateReadError)

    public var code: UInt16 {
        switch self {
        case .tooLarge: return 1
        case .badSignature: return 2
        case .wrongChainId: return 3
        case .zeroAmount: return 4
        case .nonceTooLow: return 10
        case .nonceTooHigh: return 11
        case .expired: return 12
        case .feeTooLow: return 13
        case .cannotPayFee: return 14
        case .nonceExhausted: return 15
        case .insufficientBalance: return 100
        case .balanceOverflow: return 101
        case .stateUnreadable: return 999
        }
    }

    /// True for errors that keep the transaction out of any block.
    public var isAdmissionError: Bool { code < 100 }

    /// A short stable name, for JSON and logs.
    public var name: String { Self.name(forCode: code) }

    public static func name(forCode code: UInt16) -> String {
        switch code {
        case 0: return "ok"
        case 1: return "tx_too_large"
        case 2: return "bad_signature"
        case 3: return "wrong_chain_id"
        case 4: return "zero_amount"
        case 10: return "nonce_too_low"
        case 11: return "nonce_too_high"
        case 12: return "expired"
        case 13: return "fee_too_low"
        case 14: return "cannot_pay_fee"
        case 15: return "nonce_exhausted"
        case 100: return "insufficient_balance"
        case 101: return "balance_overflow"
        case 999: return "state_unreadable"
        default: return "unknown_\(code)"
        }
    }

    public var description: String {
        switch self {
        case let .tooLarge(size, max): return "transaction is \(size) bytes, the limit is \(max)"
        case .badSignature: return "signature does not verify for the sender's public key"
        case let .wrongChainId(expected, actual): return "transaction is for chain '\(actual)', this chain is '\(expected)'"
        case .zeroAmount: return "amount must be greater than zero"
        case let .nonceTooLow(expected, actual): return "nonce \(actual) was already used; the account's next nonce is \(expected)"
        case let .nonceTooHigh(expected, actual): return "nonce \(actual) is ahead of the account's next nonce \(expected)"
        case let .expired(expiry, height): return "transaction expired at height \(expiry); the chain is at \(height)"
        case let .feeTooLow(minimum, actual): return "fee \(Tokens.format(actual)) AI is below the minimum \(Tokens.format(minimum)) AI"
        case let .cannotPayFee(balance, fee): return "balance \(Tokens.format(balance)) AI cannot pay the fee \(Tokens.format(fee)) AI"
        case let .insufficientBalance(balance, needed): return "balance \(Tokens.format(balance)) AI is less than the \(Tokens.format(needed)) AI needed"
        case .balanceOverflow: return "the recipient's balance would overflow"
        case .nonceExhausted: return "the sender has used every possible nonce"
        case let .stateUnreadable(error): return "state unreadable: \(error)"
        }
    }
}
