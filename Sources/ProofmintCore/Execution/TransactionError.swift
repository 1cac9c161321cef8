/// Why a transaction was refused or failed, with the values involved. Its number, name and value-free message come
/// from `TransactionErrorCode`, the one table of codes; `code` is stable: receipts (and so state roots) contain it.
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
    /// A verdict whose quality or slash rate is out of range (protocol version 3).
    case verdictInvalid(reason: String)
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
    case stakeHeldForSlash(proposals: UInt32)
    case notJailed
    case jailPeriodNotOver(until: UInt64, height: UInt64)
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
    // Execution: validation and challenges (protocol version 3).
    case unknownReceipt(job: Hash32)
    case notAwaitingVerdict(status: String)
    case notAssignedValidator
    case alreadyValidator
    case notAValidator
    case validatorStakeTooLow(minimum: Amount, staked: Amount)
    case validatorSetFull(size: UInt32, smallestStake: Amount)
    case challengeWindowClosed(until: UInt64, height: UInt64)
    case alreadyChallenged
    case receiptRemoved
    case noOpenChallenge
    case alreadyVoted
    case conflictedVoter
    case providerWorkUnsettled(epochs: UInt32)
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
    case treasuryInsufficient(balance: Amount, amount: Amount)
    case spendLimitExceeded(source: String, limit: Amount, spent: Amount, requested: Amount)
    // Attestations (protocol version 3, §9.10).
    case signedAttestationRequired(tier: UInt8)
    case attestationTierMismatch(requested: UInt8, attested: UInt8?)
    case attestationWrongChain(expected: String, actual: String)
    case attestationWrongProvider(provider: Address, sender: Address)
    case attestationBadSignature
    case attestationExpired(expiresAt: UInt64, height: UInt64)
    case attestorUnknown(key: String)
    case attestorRevoked(key: String, revokedAt: UInt64)
    case attestationTierAboveMax(tier: UInt8, maxTier: UInt8)
    case nothingToReport(provider: Address, reason: String)
    /// The parent state could not be read. Never in a receipt: the executor turns it into a block error.
    case stateUnreadable(StateReadError)

    /// The table row of this error: the one place a `TransactionError` meets its pinned number.
    public var errorCode: TransactionErrorCode {
        switch self {
        case .tooLarge: .txTooLarge
        case .badSignature: .badSignature
        case .wrongChainId: .wrongChainId
        case .zeroAmount: .zeroAmount
        case .attestationRequired: .attestationRequired
        case .attestationUnexpected: .attestationUnexpected
        case .lockTooLong: .lockTooLong
        case .receiptBadSignature: .receiptBadSignature
        case .receiptWrongChain: .receiptWrongChain
        case .receiptWrongProvider: .receiptWrongProvider
        case .qualityOutOfRange: .qualityOutOfRange
        case .zeroUnits: .zeroUnits
        case .priceBelowMinimum: .priceBelowMinimum
        case .selfDealing: .selfDealing
        case .emptyWorkload: .emptyWorkload
        case .verdictInvalid: .verdictInvalid
        case .invalidProposal: .invalidProposal
        case .nonceTooLow: .nonceTooLow
        case .nonceTooHigh: .nonceTooHigh
        case .expired: .expired
        case .feeTooLow: .feeTooLow
        case .cannotPayFee: .cannotPayFee
        case .nonceExhausted: .nonceExhausted
        case .insufficientBalance: .insufficientBalance
        case .balanceOverflow: .balanceOverflow
        case .stakeBelowMinimum: .stakeBelowMinimum
        case .lockShortened: .lockShortened
        case .jailed: .jailed
        case .noStake: .noStake
        case .unstakeExceedsStake: .unstakeExceedsStake
        case .stakeLocked: .stakeLocked
        case .remainderBelowMinimum: .remainderBelowMinimum
        case .tooManyUnbondingEntries: .tooManyUnbondingEntries
        case .nothingMatured: .nothingMatured
        case .stakeHeldForSlash: .stakeHeldForSlash
        case .notJailed: .notJailed
        case .jailPeriodNotOver: .jailPeriodNotOver
        case .evidenceWrongChain: .evidenceWrongChain
        case .evidenceHeightMismatch: .evidenceHeightMismatch
        case .evidenceSameBlock: .evidenceSameBlock
        case .evidenceProducerMismatch: .evidenceProducerMismatch
        case .evidenceUnknownValidator: .evidenceUnknownValidator
        case .evidenceBadSignature: .evidenceBadSignature
        case .evidenceAlreadyHandled: .evidenceAlreadyHandled
        case .jobAlreadyPaid: .jobAlreadyPaid
        case .receiptEpochOutOfWindow: .receiptEpochOutOfWindow
        case .providerNotStaked: .providerNotStaked
        case .consumerCannotPay: .consumerCannotPay
        case .unknownReceipt: .unknownReceipt
        case .notAwaitingVerdict: .notAwaitingVerdict
        case .notAssignedValidator: .notAssignedValidator
        case .alreadyValidator: .alreadyValidator
        case .notAValidator: .notAValidator
        case .validatorStakeTooLow: .validatorStakeTooLow
        case .validatorSetFull: .validatorSetFull
        case .challengeWindowClosed: .challengeWindowClosed
        case .alreadyChallenged: .alreadyChallenged
        case .receiptRemoved: .receiptRemoved
        case .noOpenChallenge: .noOpenChallenge
        case .alreadyVoted: .alreadyVoted
        case .conflictedVoter: .conflictedVoter
        case .providerWorkUnsettled: .providerWorkUnsettled
        case .depositBelowMinimum: .depositBelowMinimum
        case .proposerPowerTooLow: .proposerPowerTooLow
        case .tooManyActiveProposals: .tooManyActiveProposals
        case .parameterOutOfBounds: .parameterOutOfBounds
        case .parameterChangeTooLarge: .parameterChangeTooLarge
        case .parametersInvalid: .parametersInvalid
        case .upgradeHeightTooSoon: .upgradeHeightTooSoon
        case .unknownProposal: .unknownProposal
        case .votingClosed: .votingClosed
        case .notEligibleToVote: .notEligibleToVote
        case .treasuryInsufficient: .treasuryInsufficient
        case .spendLimitExceeded: .spendLimitExceeded
        case .signedAttestationRequired: .signedAttestationRequired
        case .attestationTierMismatch: .attestationTierMismatch
        case .attestationWrongChain: .attestationWrongChain
        case .attestationWrongProvider: .attestationWrongProvider
        case .attestationBadSignature: .attestationBadSignature
        case .attestationExpired: .attestationExpired
        case .attestorUnknown: .attestorUnknown
        case .attestorRevoked: .attestorRevoked
        case .attestationTierAboveMax: .attestationTierAboveMax
        case .nothingToReport: .nothingToReport
        case .stateUnreadable: .stateUnreadable
        }
    }

    /// The pinned number (§8.6).
    public var code: UInt16 { errorCode.rawValue }

    /// True for errors that keep the transaction out of any block.
    public var isAdmissionError: Bool { code < 100 }

    /// A short stable name, for JSON and logs.
    public var name: String { errorCode.name }

    /// The stable name of any code (`unknown_<code>` for one this build does not know).
    public static func name(forCode code: UInt16) -> String { TransactionErrorCode.name(forCode: code) }

    /// The message with the values involved. An error without values reads as its table message.
    public var description: String {
        switch self {
        case .badSignature, .zeroAmount, .attestationUnexpected, .receiptBadSignature, .receiptWrongProvider, .zeroUnits, .selfDealing,
             .emptyWorkload, .nonceExhausted, .balanceOverflow, .jailed, .notJailed, .noStake, .evidenceWrongChain, .evidenceSameBlock,
             .evidenceProducerMismatch, .evidenceUnknownValidator, .evidenceBadSignature, .evidenceAlreadyHandled, .notAssignedValidator,
             .alreadyValidator, .notAValidator, .alreadyChallenged, .receiptRemoved, .noOpenChallenge, .alreadyVoted, .conflictedVoter,
             .attestationBadSignature:
            return errorCode.message ?? errorCode.name
        case let .tooLarge(size, max): return "transaction is \(size) bytes, the limit is \(max)"
        case let .wrongChainId(expected, actual): return "transaction is for chain '\(actual)', this chain is '\(expected)'"
        case let .attestationRequired(tier):
            return tier >= 2
                ? "privacy tier \(tier) needs an attestation signed by a registered attestor (--attestation FILE, made by `proofmint attest`)"
                : "privacy tier \(tier) needs an attestation hash (--attestation HEX64)"
        case let .lockTooLong(max, actual): return "a lock of \(actual) epochs is longer than the maximum \(max)"
        case let .nonceTooLow(expected, actual): return "nonce \(actual) was already used; the account's next nonce is \(expected)"
        case let .nonceTooHigh(expected, actual): return "nonce \(actual) is ahead of the account's next nonce \(expected)"
        case let .expired(expiry, height): return "transaction expired at height \(expiry); the chain is at \(height)"
        case let .feeTooLow(minimum, actual): return "fee \(Tokens.format(actual)) AI is below the minimum \(Tokens.format(minimum)) AI"
        case let .cannotPayFee(balance, fee): return "balance \(Tokens.format(balance)) AI cannot pay the fee \(Tokens.format(fee)) AI"
        case let .insufficientBalance(balance, needed): return "balance \(Tokens.format(balance)) AI is less than the \(Tokens.format(needed)) AI needed"
        case let .stakeBelowMinimum(minimum, total):
            return "a stake of \(Tokens.format(total)) AI is below the minimum \(Tokens.format(minimum)) AI"
        case let .lockShortened(until, requested):
            return "the stake is locked until height \(until); a lock ending at \(requested) would shorten it"
        case let .unstakeExceedsStake(staked, requested):
            return "cannot unstake \(Tokens.format(requested)) AI: only \(Tokens.format(staked)) AI is staked"
        case let .stakeLocked(until, height): return "the stake is locked until height \(until); the chain is at \(height)"
        case let .remainderBelowMinimum(minimum, remaining):
            return "unstaking would leave \(Tokens.format(remaining)) AI, below the minimum \(Tokens.format(minimum)) AI: unstake all of it or less"
        case let .tooManyUnbondingEntries(max): return "the account already has \(max) unbonding entries; withdraw matured ones first"
        case let .stakeHeldForSlash(proposals):
            return "\(proposals) open slash proposal(s) name the account: withdraw waits until they are decided"
        case let .nothingMatured(next):
            return next.map { "nothing has matured yet; the next entry matures at height \($0)" } ?? "the account has nothing unbonding"
        case let .jailPeriodNotOver(until, height): return "the jail period ends at height \(until); the chain is at \(height)"
        case let .evidenceHeightMismatch(first, second): return "the evidence headers are for heights \(first) and \(second), not one height"
        case let .receiptWrongChain(expected, actual): return "the receipt is for chain '\(actual)', this chain is '\(expected)'"
        case let .qualityOutOfRange(score): return "quality score \(score) is out of range: it must be 0–\(ComputeReceipt.maxQualityScore)"
        case let .priceBelowMinimum(minimum, actual):
            return "price \(Tokens.format(actual)) AI is below the minimum \(Tokens.format(minimum)) AI for its compute units"
        case let .jobAlreadyPaid(epoch): return "this job id was already paid (in epoch \(epoch))"
        case let .receiptEpochOutOfWindow(receipt, current, window):
            return "the receipt is for epoch \(receipt); in epoch \(current) only receipts of the last \(window) epoch(s) and this one are accepted"
        case let .providerNotStaked(minimum, staked):
            return "the provider's active stake \(Tokens.format(staked)) AI is below the minimum \(Tokens.format(minimum)) AI"
        case let .consumerCannotPay(balance, price):
            return "the consumer's balance \(Tokens.format(balance)) AI cannot pay the price \(Tokens.format(price)) AI"
        case let .verdictInvalid(reason): return "the verdict is malformed: \(reason)"
        case let .unknownReceipt(job): return "no accepted receipt has job id \(job.hex) (or it was settled and pruned)"
        case let .notAwaitingVerdict(status): return "the receipt is \(status), not waiting for a verdict"
        case let .validatorStakeTooLow(minimum, staked):
            return "a compute validator needs \(Tokens.format(minimum)) AI of unjailed stake; the sender has \(Tokens.format(staked)) AI"
        case let .validatorSetFull(size, smallest):
            return "the compute validator set is full (\(size) members): joining needs more stake than its smallest member's \(Tokens.format(smallest)) AI"
        case let .challengeWindowClosed(until, height): return "the receipt could be challenged until height \(until); the chain is at \(height)"
        case let .providerWorkUnsettled(epochs):
            return "the account has compute work in \(epochs) epoch(s) not yet settled and less than the minimum stake: withdraw waits until they settle (or stake up to the minimum)"
        case let .invalidProposal(reason): return "the proposal is malformed: \(reason)"
        case let .depositBelowMinimum(minimum, actual):
            return "a deposit of \(Tokens.format(actual)) AI is below the minimum \(Tokens.format(minimum)) AI"
        case let .proposerPowerTooLow(required, actual): return "the proposer's voting power \(actual) is below the \(required) needed to propose"
        case let .tooManyActiveProposals(max): return "\(max) proposals are already voting or waiting; try again when one ends"
        case let .parameterOutOfBounds(name, minimum, maximum, requested):
            return "\(name) = \(requested) is outside its bounds \(minimum)…\(maximum)"
        case let .parameterChangeTooLarge(name, current, requested, step):
            return "\(name) may move by at most \(step) from \(current) (its value at the start of its change window) until the window ends; \(requested) is too far"
        case let .parametersInvalid(reason): return "the changed parameters would be invalid: \(reason)"
        case let .upgradeHeightTooSoon(earliest): return "the upgrade height must be at least \(earliest) (after the vote and the timelock)"
        case let .unknownProposal(id): return "there is no proposal \(id)"
        case let .votingClosed(id): return "voting on proposal \(id) has ended"
        case let .notEligibleToVote(minimum, staked):
            return "voting needs at least \(Tokens.format(minimum)) AI of unjailed stake; the voter has \(Tokens.format(staked)) AI"
        case let .treasuryInsufficient(balance, amount):
            return "the source module account holds \(Tokens.format(balance)) AI, less than the \(Tokens.format(amount)) AI to spend"
        case let .spendLimitExceeded(source, limit, spent, requested):
            return "governance may pay at most \(Tokens.format(limit)) AI from \(source) in its current spend window (governance.max_spend_bps of its balance at the window's start); \(Tokens.format(spent)) AI is spent, \(Tokens.format(requested)) AI more is too much"
        case let .signedAttestationRequired(tier):
            return "privacy tier \(tier) needs an attestation signed by a registered attestor (--attestation FILE, made by `proofmint attest`), not a bare hash"
        case let .attestationTierMismatch(requested, attested):
            if let attested { return "the stake asks for tier \(requested) but the attestation is for tier \(attested)" }
            return "tier \(requested) takes a bare attestation hash, not a signed attestation"
        case let .attestationWrongChain(expected, actual): return "the attestation is for chain '\(actual)', this chain is '\(expected)'"
        case let .attestationWrongProvider(provider, sender):
            return "the attestation names provider \(provider), not the sender \(sender): only the provider it names may stake with it"
        case let .attestationExpired(expiresAt, height):
            return "the attestation expired at height \(expiresAt); the chain is at \(height): ask the attestor for a new one"
        case let .attestorUnknown(key): return "attestor \(key) is not in the attestor registry (see pm_getAttestors)"
        case let .attestorRevoked(key, revokedAt): return "attestor \(key) was revoked at height \(revokedAt): its attestations are no longer trusted"
        case let .attestationTierAboveMax(tier, maxTier):
            return "the attestation is for tier \(tier), above the attestor's max_tier \(maxTier)"
        case let .nothingToReport(provider, reason): return "nothing to report against \(provider): \(reason)"
        case let .stateUnreadable(error): return "state unreadable: \(error)"
        }
    }
}
