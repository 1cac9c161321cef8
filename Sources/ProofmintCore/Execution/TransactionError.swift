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
    /// A stake at privacy tier ≥ 1 must carry an attestation hash; tier 0 must not.
    case attestationRequired(tier: UInt8)
    case attestationUnexpected
    case lockTooLong(maxEpochs: UInt32, actual: UInt32)
    // Admission: compute receipts (stateless).
    case receiptBadSignature
    case receiptWrongChain(expected: String, actual: String)
    case receiptWrongProvider
    case qualityOutOfRange(score: UInt8)
    case zeroUnits
    case priceBelowMinimum(minimum: Amount, actual: Amount)
    case selfDealing
    case emptyWorkload
    // Admission: governance (stateless).
    case invalidProposal(reason: String)
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
    // Execution: staking.
    case stakeBelowMinimum(minimum: Amount, total: Amount)
    case lockShortened(lockedUntil: UInt64, requested: UInt64)
    case jailed
    case noStake
    case unstakeExceedsStake(staked: Amount, requested: Amount)
    case stakeLocked(until: UInt64, height: UInt64)
    case remainderBelowMinimum(minimum: Amount, remaining: Amount)
    case tooManyUnbondingEntries(max: UInt16)
    case nothingMatured(nextMaturity: UInt64?)
    // Execution: evidence.
    case evidenceWrongChain
    case evidenceHeightMismatch(first: UInt64, second: UInt64)
    case evidenceSameBlock
    case evidenceProducerMismatch
    case evidenceUnknownValidator
    case evidenceBadSignature
    case evidenceAlreadyHandled
    // Execution: compute proofs.
    case jobAlreadyPaid(epoch: UInt64)
    case receiptEpochOutOfWindow(receipt: UInt64, current: UInt64, window: UInt64)
    case providerNotStaked(minimum: Amount, staked: Amount)
    case consumerCannotPay(balance: Amount, price: Amount)
    case epochFull(maxProviders: Int)
    // Execution: governance.
    case depositBelowMinimum(minimum: Amount, actual: Amount)
    case proposerPowerTooLow(required: UInt128, actual: UInt128)
    case tooManyActiveProposals(max: UInt32)
    case parameterOutOfBounds(name: String, minimum: UInt128, maximum: UInt128, requested: UInt128)
    case parameterChangeTooLarge(name: String, current: UInt128, requested: UInt128, maxStep: UInt128)
    case parametersInvalid(reason: String)
    case upgradeHeightTooSoon(earliest: UInt64)
    case unknownProposal(id: UInt64)
    case votingClosed(id: UInt64)
    case notEligibleToVote(minimumStake: Amount, staked: Amount)
    case proposalFull(max: Int)
    case treasuryInsufficient(balance: Amount, amount: Amount)
    /// The parent state could not be read. Never in a receipt: the executor turns it into a block error.
    case stateUnreadable(StateReadError)

    public var code: UInt16 {
        switch self {
        case .tooLarge: return 1
        case .badSignature: return 2
        case .wrongChainId: return 3
        case .zeroAmount: return 4
        case .attestationRequired: return 5
        case .attestationUnexpected: return 6
        case .lockTooLong: return 7
        case .receiptBadSignature: return 20
        case .receiptWrongChain: return 21
        case .receiptWrongProvider: return 22
        case .qualityOutOfRange: return 23
        case .zeroUnits: return 24
        case .priceBelowMinimum: return 25
        case .selfDealing: return 26
        case .emptyWorkload: return 27
        case .invalidProposal: return 30
        case .nonceTooLow: return 10
        case .nonceTooHigh: return 11
        case .expired: return 12
        case .feeTooLow: return 13
        case .cannotPayFee: return 14
        case .nonceExhausted: return 15
        case .insufficientBalance: return 100
        case .balanceOverflow: return 101
        case .stakeBelowMinimum: return 102
        case .lockShortened: return 103
        case .jailed: return 104
        case .noStake: return 105
        case .unstakeExceedsStake: return 106
        case .stakeLocked: return 107
        case .remainderBelowMinimum: return 108
        case .tooManyUnbondingEntries: return 109
        case .nothingMatured: return 110
        case .evidenceWrongChain: return 120
        case .evidenceHeightMismatch: return 121
        case .evidenceSameBlock: return 122
        case .evidenceProducerMismatch: return 123
        case .evidenceUnknownValidator: return 124
        case .evidenceBadSignature: return 125
        case .evidenceAlreadyHandled: return 126
        case .jobAlreadyPaid: return 130
        case .receiptEpochOutOfWindow: return 131
        case .providerNotStaked: return 132
        case .consumerCannotPay: return 133
        case .epochFull: return 134
        case .depositBelowMinimum: return 140
        case .proposerPowerTooLow: return 141
        case .tooManyActiveProposals: return 142
        case .parameterOutOfBounds: return 143
        case .parameterChangeTooLarge: return 144
        case .parametersInvalid: return 145
        case .upgradeHeightTooSoon: return 146
        case .unknownProposal: return 147
        case .votingClosed: return 148
        case .notEligibleToVote: return 149
        case .proposalFull: return 150
        case .treasuryInsufficient: return 151
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
        case 5: return "attestation_required"
        case 6: return "attestation_unexpected"
        case 7: return "lock_too_long"
        case 20: return "receipt_bad_signature"
        case 21: return "receipt_wrong_chain"
        case 22: return "receipt_wrong_provider"
        case 23: return "quality_out_of_range"
        case 24: return "zero_units"
        case 25: return "price_below_minimum"
        case 26: return "self_dealing"
        case 27: return "empty_workload"
        case 30: return "invalid_proposal"
        case 10: return "nonce_too_low"
        case 11: return "nonce_too_high"
        case 12: return "expired"
        case 13: return "fee_too_low"
        case 14: return "cannot_pay_fee"
        case 15: return "nonce_exhausted"
        case 100: return "insufficient_balance"
        case 101: return "balance_overflow"
        case 102: return "stake_below_minimum"
        case 103: return "lock_shortened"
        case 104: return "jailed"
        case 105: return "no_stake"
        case 106: return "unstake_exceeds_stake"
        case 107: return "stake_locked"
        case 108: return "remainder_below_minimum"
        case 109: return "too_many_unbonding_entries"
        case 110: return "nothing_matured"
        case 120: return "evidence_wrong_chain"
        case 121: return "evidence_height_mismatch"
        case 122: return "evidence_same_block"
        case 123: return "evidence_producer_mismatch"
        case 124: return "evidence_unknown_validator"
        case 125: return "evidence_bad_signature"
        case 126: return "evidence_already_handled"
        case 130: return "job_already_paid"
        case 131: return "receipt_epoch_out_of_window"
        case 132: return "provider_not_staked"
        case 133: return "consumer_cannot_pay"
        case 134: return "epoch_full"
        case 140: return "deposit_below_minimum"
        case 141: return "proposer_power_too_low"
        case 142: return "too_many_active_proposals"
        case 143: return "parameter_out_of_bounds"
        case 144: return "parameter_change_too_large"
        case 145: return "parameters_invalid"
        case 146: return "upgrade_height_too_soon"
        case 147: return "unknown_proposal"
        case 148: return "voting_closed"
        case 149: return "not_eligible_to_vote"
        case 150: return "proposal_full"
        case 151: return "treasury_insufficient"
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
        case let .attestationRequired(tier): return "privacy tier \(tier) needs an attestation hash (--attestation)"
        case .attestationUnexpected: return "privacy tier 0 takes no attestation hash"
        case let .lockTooLong(max, actual): return "a lock of \(actual) epochs is longer than the maximum \(max)"
        case let .nonceTooLow(expected, actual): return "nonce \(actual) was already used; the account's next nonce is \(expected)"
        case let .nonceTooHigh(expected, actual): return "nonce \(actual) is ahead of the account's next nonce \(expected)"
        case let .expired(expiry, height): return "transaction expired at height \(expiry); the chain is at \(height)"
        case let .feeTooLow(minimum, actual): return "fee \(Tokens.format(actual)) AI is below the minimum \(Tokens.format(minimum)) AI"
        case let .cannotPayFee(balance, fee): return "balance \(Tokens.format(balance)) AI cannot pay the fee \(Tokens.format(fee)) AI"
        case let .insufficientBalance(balance, needed): return "balance \(Tokens.format(balance)) AI is less than the \(Tokens.format(needed)) AI needed"
        case .balanceOverflow: return "an amount would leave the 128-bit range (a balance, a stake or a supply total)"
        case .nonceExhausted: return "the sender has used every possible nonce"
        case let .stakeBelowMinimum(minimum, total):
            return "a stake of \(Tokens.format(total)) AI is below the minimum \(Tokens.format(minimum)) AI"
        case let .lockShortened(until, requested):
            return "the stake is locked until height \(until); a lock ending at \(requested) would shorten it"
        case .jailed: return "the provider is jailed: it can unstake and withdraw, but not stake"
        case .noStake: return "the sender has no stake"
        case let .unstakeExceedsStake(staked, requested):
            return "cannot unstake \(Tokens.format(requested)) AI: only \(Tokens.format(staked)) AI is staked"
        case let .stakeLocked(until, height): return "the stake is locked until height \(until); the chain is at \(height)"
        case let .remainderBelowMinimum(minimum, remaining):
            return "unstaking would leave \(Tokens.format(remaining)) AI, below the minimum \(Tokens.format(minimum)) AI: unstake all of it or less"
        case let .tooManyUnbondingEntries(max): return "the account already has \(max) unbonding entries; withdraw matured ones first"
        case let .nothingMatured(next):
            return next.map { "nothing has matured yet; the next entry matures at height \($0)" } ?? "the account has nothing unbonding"
        case .evidenceWrongChain: return "the evidence headers are for another chain"
        case let .evidenceHeightMismatch(first, second): return "the evidence headers are for heights \(first) and \(second), not one height"
        case .evidenceSameBlock: return "the evidence headers are the same block"
        case .evidenceProducerMismatch: return "the evidence headers were produced by different keys"
        case .evidenceUnknownValidator: return "the evidence producer is not in the validator set"
        case .evidenceBadSignature: return "an evidence header's signature does not verify"
        case .evidenceAlreadyHandled: return "this double signing was already punished"
        case .receiptBadSignature: return "the compute receipt's consumer signature does not verify"
        case let .receiptWrongChain(expected, actual): return "the receipt is for chain '\(actual)', this chain is '\(expected)'"
        case .receiptWrongProvider: return "the receipt names another provider: only the provider it names may submit it"
        case let .qualityOutOfRange(score): return "quality score \(score) is out of range: it must be 0–\(ComputeReceipt.maxQualityScore)"
        case .zeroUnits: return "the receipt must carry at least one compute unit"
        case let .priceBelowMinimum(minimum, actual):
            return "price \(Tokens.format(actual)) AI is below the minimum \(Tokens.format(minimum)) AI for its compute units"
        case .selfDealing: return "the consumer and the provider are the same account"
        case .emptyWorkload: return "the receipt's workload id is empty"
        case let .jobAlreadyPaid(epoch): return "this job id was already paid (in epoch \(epoch))"
        case let .receiptEpochOutOfWindow(receipt, current, window):
            return "the receipt is for epoch \(receipt); in epoch \(current) only receipts of the last \(window) epoch(s) and this one are accepted"
        case let .providerNotStaked(minimum, staked):
            return "the provider's active stake \(Tokens.format(staked)) AI is below the minimum \(Tokens.format(minimum)) AI"
        case let .consumerCannotPay(balance, price):
            return "the consumer's balance \(Tokens.format(balance)) AI cannot pay the price \(Tokens.format(price)) AI"
        case let .epochFull(max): return "this epoch already has \(max) providers with accepted work; submit in the next epoch"
        case let .invalidProposal(reason): return "the proposal is malformed: \(reason)"
        case let .depositBelowMinimum(minimum, actual):
            return "a deposit of \(Tokens.format(actual)) AI is below the minimum \(Tokens.format(minimum)) AI"
        case let .proposerPowerTooLow(required, actual): return "the proposer's voting power \(actual) is below the \(required) needed to propose"
        case let .tooManyActiveProposals(max): return "\(max) proposals are already voting or waiting; try again when one ends"
        case let .parameterOutOfBounds(name, minimum, maximum, requested):
            return "\(name) = \(requested) is outside its bounds \(minimum)…\(maximum)"
        case let .parameterChangeTooLarge(name, current, requested, step):
            return "\(name) may move by at most \(step) from \(current) in one proposal; \(requested) is too far"
        case let .parametersInvalid(reason): return "the changed parameters would be invalid: \(reason)"
        case let .upgradeHeightTooSoon(earliest): return "the upgrade height must be at least \(earliest) (after the vote and the timelock)"
        case let .unknownProposal(id): return "there is no proposal \(id)"
        case let .votingClosed(id): return "voting on proposal \(id) has ended"
        case let .notEligibleToVote(minimum, staked):
            return "voting needs at least \(Tokens.format(minimum)) AI of unjailed stake; the voter has \(Tokens.format(staked)) AI"
        case let .proposalFull(max): return "the proposal already has \(max) voters"
        case let .treasuryInsufficient(balance, amount):
            return "the treasury holds \(Tokens.format(balance)) AI, less than the \(Tokens.format(amount)) AI to spend"
        case let .stateUnreadable(error): return "state unreadable: \(error)"
        }
    }
}
