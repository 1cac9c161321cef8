/// The one table of transaction error codes. Each case declares its number (the raw value), and `entry` gives its
/// stable name, its class and the sentence shown for it; receipts, RPC, the wallet and `docs/PROTOCOL.md` §8.6 all
/// derive from here.
///
/// Numbers and names are pinned: receipts (and so receipt roots and state roots) store the number, and JSON clients
/// match on the name. Never renumber, rename or reuse one (`TransactionErrorCodeTests` pins every pair).
/// The messages name the rule that was broken without the values involved, because a receipt keeps only the code;
/// they are informative and may be reworded. `TransactionError.description` gives the message with the values.
public enum TransactionErrorCode: UInt16, CaseIterable, Sendable {
    case ok = 0
    // Admission: stateless.
    case txTooLarge = 1
    case badSignature = 2
    case wrongChainId = 3
    case zeroAmount = 4
    case attestationRequired = 5
    case attestationUnexpected = 6
    case lockTooLong = 7
    // Admission: against the state.
    case nonceTooLow = 10
    case nonceTooHigh = 11
    case expired = 12
    case feeTooLow = 13
    case cannotPayFee = 14
    case nonceExhausted = 15
    // Admission: compute receipts.
    case receiptBadSignature = 20
    case receiptWrongChain = 21
    case receiptWrongProvider = 22
    case qualityOutOfRange = 23
    case zeroUnits = 24
    case priceBelowMinimum = 25
    case selfDealing = 26
    case emptyWorkload = 27
    case verdictInvalid = 28
    // Admission: governance.
    case invalidProposal = 30
    // Execution.
    case insufficientBalance = 100
    case balanceOverflow = 101
    // Execution: staking.
    case stakeBelowMinimum = 102
    case lockShortened = 103
    case jailed = 104
    case noStake = 105
    case unstakeExceedsStake = 106
    case stakeLocked = 107
    case remainderBelowMinimum = 108
    case tooManyUnbondingEntries = 109
    case nothingMatured = 110
    case stakeHeldForSlash = 111
    case notJailed = 112
    case jailPeriodNotOver = 113
    // Execution: evidence.
    case evidenceWrongChain = 120
    case evidenceHeightMismatch = 121
    case evidenceSameBlock = 122
    case evidenceProducerMismatch = 123
    case evidenceUnknownValidator = 124
    case evidenceBadSignature = 125
    case evidenceAlreadyHandled = 126
    // Execution: compute proofs.
    case jobAlreadyPaid = 130
    case receiptEpochOutOfWindow = 131
    case providerNotStaked = 132
    case consumerCannotPay = 133
    /// Reserved: protocol 1–2's per-epoch provider cap. Version 3 has no cap and never records it.
    case epochFull = 134
    // Execution: governance.
    case depositBelowMinimum = 140
    case proposerPowerTooLow = 141
    case tooManyActiveProposals = 142
    case parameterOutOfBounds = 143
    case parameterChangeTooLarge = 144
    case parametersInvalid = 145
    case upgradeHeightTooSoon = 146
    case unknownProposal = 147
    case votingClosed = 148
    case notEligibleToVote = 149
    /// Reserved: protocol 1's voter cap. Version 2 has no cap and never records it; codes are never reused.
    case proposalFull = 150
    case treasuryInsufficient = 151
    case spendLimitExceeded = 152
    // Execution: validation and challenges (protocol version 3).
    case unknownReceipt = 160
    case notAwaitingVerdict = 161
    case notAssignedValidator = 162
    case alreadyValidator = 163
    case notAValidator = 164
    case validatorStakeTooLow = 165
    case validatorSetFull = 166
    case challengeWindowClosed = 167
    case alreadyChallenged = 168
    case receiptRemoved = 169
    case noOpenChallenge = 170
    case alreadyVoted = 171
    case conflictedVoter = 172
    case providerWorkUnsettled = 173
    // Execution: attestations (protocol version 3).
    case signedAttestationRequired = 180
    case attestationTierMismatch = 181
    case attestationWrongChain = 182
    case attestationWrongProvider = 183
    case attestationBadSignature = 184
    case attestationExpired = 185
    case attestorUnknown = 186
    case attestorRevoked = 187
    case attestationTierAboveMax = 188
    case nothingToReport = 189
    /// A local storage fault: never in a receipt, never a verdict on a transaction.
    case stateUnreadable = 999

    /// Where a code can appear (§8.2): admission errors keep a transaction out of every block, execution errors are
    /// recorded in its receipt.
    public enum Kind: Sendable {
        case success, admission, execution, local
    }

    /// One row of the table: the stable name, the kind and the sentence (nil only for `ok`).
    public struct Entry: Sendable {
        public let name: String
        public let kind: Kind
        public let message: String?
    }

    /// The table itself: the only place a code's name and message are written.
    public var entry: Entry {
        switch self {
        case .ok: Entry(name: "ok", kind: .success, message: nil)
        case .txTooLarge:
            Entry(name: "tx_too_large", kind: .admission, message: "the encoded transaction is larger than the limit (parameter max_tx_bytes)")
        case .badSignature: Entry(name: "bad_signature", kind: .admission, message: "signature does not verify for the sender's public key")
        case .wrongChainId: Entry(name: "wrong_chain_id", kind: .admission, message: "the transaction is for another chain")
        case .zeroAmount: Entry(name: "zero_amount", kind: .admission, message: "amount must be greater than zero")
        case .attestationRequired:
            Entry(name: "attestation_required", kind: .admission, message: "a stake at privacy tier 1 or above needs --attestation: a hash for tier 1, a signed attestation file for tiers 2–4")
        case .attestationUnexpected: Entry(name: "attestation_unexpected", kind: .admission, message: "privacy tier 0 takes no attestation")
        case .lockTooLong:
            Entry(name: "lock_too_long", kind: .admission, message: "the stake lock is longer than the maximum (parameter staking.max_lock_epochs)")
        case .nonceTooLow: Entry(name: "nonce_too_low", kind: .admission, message: "the nonce was already used")
        case .nonceTooHigh: Entry(name: "nonce_too_high", kind: .admission, message: "the nonce is ahead of the account's next nonce")
        case .expired: Entry(name: "expired", kind: .admission, message: "the transaction's expiry height has passed")
        case .feeTooLow: Entry(name: "fee_too_low", kind: .admission, message: "the fee is below the minimum (parameter min_fee)")
        case .cannotPayFee: Entry(name: "cannot_pay_fee", kind: .admission, message: "the sender's balance cannot pay the fee")
        case .nonceExhausted: Entry(name: "nonce_exhausted", kind: .admission, message: "the sender has used every possible nonce")
        case .receiptBadSignature:
            Entry(name: "receipt_bad_signature", kind: .admission, message: "the compute receipt's consumer signature does not verify")
        case .receiptWrongChain: Entry(name: "receipt_wrong_chain", kind: .admission, message: "the compute receipt is for another chain")
        case .receiptWrongProvider:
            Entry(name: "receipt_wrong_provider", kind: .admission, message: "the receipt names another provider: only the provider it names may submit it")
        case .qualityOutOfRange:
            Entry(name: "quality_out_of_range", kind: .admission, message: "the receipt's quality score is out of range: it must be 0–\(ComputeReceipt.maxQualityScore)")
        case .zeroUnits: Entry(name: "zero_units", kind: .admission, message: "the receipt must carry at least one compute unit")
        case .priceBelowMinimum:
            Entry(name: "price_below_minimum", kind: .admission, message: "the receipt's price is below the minimum for its compute units (parameter compute.min_unit_price)")
        case .selfDealing: Entry(name: "self_dealing", kind: .admission, message: "the consumer and the provider are the same account")
        case .emptyWorkload: Entry(name: "empty_workload", kind: .admission, message: "the receipt's workload id is empty")
        case .verdictInvalid:
            Entry(name: "verdict_invalid", kind: .admission,
                  message: "the verdict's quality must be 0–100, and only sla_violation names a slash rate, within staking.slash_sla_min_bps…slash_sla_max_bps")
        case .invalidProposal: Entry(name: "invalid_proposal", kind: .admission, message: "the proposal is malformed")
        case .insufficientBalance: Entry(name: "insufficient_balance", kind: .execution, message: "the sender's balance does not cover the amount")
        case .balanceOverflow:
            Entry(name: "balance_overflow", kind: .execution, message: "an amount would leave the 128-bit range (a balance, a stake or a supply total)")
        case .stakeBelowMinimum:
            Entry(name: "stake_below_minimum", kind: .execution, message: "the stake would be below the minimum stake (parameter staking.min_stake)")
        case .lockShortened:
            Entry(name: "lock_shortened", kind: .execution,
                  message: "the stake is locked, and the requested lock would end before the current one: a lock can only be extended")
        case .jailed: Entry(name: "jailed", kind: .execution, message: "the provider is jailed: it can unstake and withdraw, but not stake")
        case .noStake: Entry(name: "no_stake", kind: .execution, message: "the sender has no active stake")
        case .unstakeExceedsStake: Entry(name: "unstake_exceeds_stake", kind: .execution, message: "the amount to unstake is more than the active stake")
        case .stakeLocked:
            Entry(name: "stake_locked", kind: .execution, message: "the stake is still locked (see locked_until in pm_getStake); it cannot be unstaked yet")
        case .remainderBelowMinimum:
            Entry(name: "remainder_below_minimum", kind: .execution,
                  message: "unstaking would leave less than the minimum stake (parameter staking.min_stake): unstake all of it, or less")
        case .tooManyUnbondingEntries:
            Entry(name: "too_many_unbonding_entries", kind: .execution,
                  message: "the account has the maximum number of unbonding entries; withdraw matured ones first")
        case .nothingMatured:
            Entry(name: "nothing_matured", kind: .execution,
                  message: "no unbonding entry has matured yet (see mature_at in pm_getStake), or nothing is unbonding")
        case .stakeHeldForSlash:
            Entry(name: "stake_held_for_slash", kind: .execution,
                  message: "an open slash proposal names the account: it cannot withdraw until the proposal is decided")
        case .notJailed: Entry(name: "not_jailed", kind: .execution, message: "the sender is not jailed: there is nothing to unjail")
        case .jailPeriodNotOver:
            Entry(name: "jail_period_not_over", kind: .execution,
                  message: "the jail period has not ended (parameter staking.jail_period_blocks, from jailed_at in pm_getStake)")
        case .evidenceWrongChain: Entry(name: "evidence_wrong_chain", kind: .execution, message: "the evidence headers are for another chain")
        case .evidenceHeightMismatch: Entry(name: "evidence_height_mismatch", kind: .execution, message: "the evidence headers are for different heights")
        case .evidenceSameBlock: Entry(name: "evidence_same_block", kind: .execution, message: "the evidence headers are the same block")
        case .evidenceProducerMismatch:
            Entry(name: "evidence_producer_mismatch", kind: .execution, message: "the evidence headers were produced by different keys")
        case .evidenceUnknownValidator:
            Entry(name: "evidence_unknown_validator", kind: .execution, message: "the evidence producer is not in the validator set")
        case .evidenceBadSignature: Entry(name: "evidence_bad_signature", kind: .execution, message: "an evidence header's signature does not verify")
        case .evidenceAlreadyHandled: Entry(name: "evidence_already_handled", kind: .execution, message: "this double signing was already punished")
        case .jobAlreadyPaid: Entry(name: "job_already_paid", kind: .execution, message: "this job id was already paid: a compute receipt counts once")
        case .receiptEpochOutOfWindow:
            Entry(name: "receipt_epoch_out_of_window", kind: .execution,
                  message: "the receipt's epoch is outside the proof window (the running epoch or parameter compute.proof_window_epochs before it)")
        case .providerNotStaked:
            Entry(name: "provider_not_staked", kind: .execution,
                  message: "the provider's active stake is below the minimum stake (parameter staking.min_stake)")
        case .consumerCannotPay: Entry(name: "consumer_cannot_pay", kind: .execution, message: "the consumer's balance does not cover the receipt's price")
        case .epochFull: Entry(name: "epoch_full", kind: .execution, message: "reserved: protocol 1–2's per-epoch provider cap, which version 3 removed")
        case .depositBelowMinimum:
            Entry(name: "deposit_below_minimum", kind: .execution, message: "the deposit is below the minimum (parameter governance.min_deposit)")
        case .proposerPowerTooLow:
            Entry(name: "proposer_power_too_low", kind: .execution,
                  message: "the proposer's voting power is below the minimum (parameter governance.min_proposer_power)")
        case .tooManyActiveProposals:
            Entry(name: "too_many_active_proposals", kind: .execution,
                  message: "the most proposals that may vote or wait at once already do (parameter governance.max_active_proposals)")
        case .parameterOutOfBounds:
            Entry(name: "parameter_out_of_bounds", kind: .execution, message: "a proposed parameter value is outside its bounds (docs/PARAMETERS.md)")
        case .parameterChangeTooLarge:
            Entry(name: "parameter_change_too_large", kind: .execution,
                  message: "a proposed parameter moves further than one step allows (parameter governance.max_change_bps)")
        case .parametersInvalid:
            Entry(name: "parameters_invalid", kind: .execution,
                  message: "the changed parameter set would be inconsistent (for example fee shares not adding up to 10000)")
        case .upgradeHeightTooSoon:
            Entry(name: "upgrade_height_too_soon", kind: .execution, message: "the upgrade height comes before the vote and the timelock end")
        case .unknownProposal: Entry(name: "unknown_proposal", kind: .execution, message: "there is no proposal with that id")
        case .votingClosed: Entry(name: "voting_closed", kind: .execution, message: "the proposal's voting period has ended")
        case .notEligibleToVote:
            Entry(name: "not_eligible_to_vote", kind: .execution,
                  message: "the voter holds less unjailed stake than voting needs (parameter governance.voter_min_stake)")
        case .proposalFull: Entry(name: "proposal_full", kind: .execution, message: "reserved: protocol 1's voter cap, which version 2 removed")
        case .treasuryInsufficient: Entry(name: "treasury_insufficient", kind: .execution, message: "the spend's source module account holds less than the spend")
        case .spendLimitExceeded:
            Entry(name: "spend_limit_exceeded", kind: .execution,
                  message: "the spend would take more from its source than governance.max_spend_bps of the source's balance at its spend window's start")
        case .unknownReceipt: Entry(name: "unknown_receipt", kind: .execution, message: "no accepted receipt has that job id (or it was settled and pruned)")
        case .notAwaitingVerdict: Entry(name: "not_awaiting_verdict", kind: .execution, message: "the receipt is not waiting for a verdict")
        case .notAssignedValidator:
            Entry(name: "not_assigned_validator", kind: .execution, message: "only the validator assigned to the receipt may give its verdict")
        case .alreadyValidator: Entry(name: "already_validator", kind: .execution, message: "the sender is already in the compute validator set")
        case .notAValidator: Entry(name: "not_a_validator", kind: .execution, message: "the sender is not in the compute validator set")
        case .validatorStakeTooLow:
            Entry(name: "validator_stake_too_low", kind: .execution,
                  message: "the sender's unjailed stake is below what a compute validator needs (parameter compute.validator_min_stake)")
        case .validatorSetFull:
            Entry(name: "validator_set_full", kind: .execution,
                  message: "the compute validator set is full (parameter compute.max_validators): joining needs more stake than its smallest member")
        case .challengeWindowClosed:
            Entry(name: "challenge_window_closed", kind: .execution, message: "the receipt's challenge window has closed (parameter compute.challenge_window_blocks)")
        case .alreadyChallenged: Entry(name: "already_challenged", kind: .execution, message: "the receipt has already been challenged: a receipt is challenged once")
        case .receiptRemoved: Entry(name: "receipt_removed", kind: .execution, message: "the receipt no longer stands: a validator failed it or a challenge was upheld")
        case .noOpenChallenge: Entry(name: "no_open_challenge", kind: .execution, message: "the receipt has no open challenge to vote on")
        case .alreadyVoted: Entry(name: "already_voted", kind: .execution, message: "the validator has already voted on this challenge")
        case .conflictedVoter:
            Entry(name: "conflicted_voter", kind: .execution, message: "the receipt's provider and its challenger may not vote on the challenge")
        case .providerWorkUnsettled:
            Entry(name: "provider_work_unsettled", kind: .execution,
                  message: "the account has compute work in epochs not yet settled and less than the minimum stake: withdraw waits until they settle")
        case .signedAttestationRequired:
            Entry(name: "signed_attestation_required", kind: .execution,
                  message: "privacy tiers 2–4 need an attestation signed by a registered attestor (--attestation FILE), not a bare hash")
        case .attestationTierMismatch:
            Entry(name: "attestation_tier_mismatch", kind: .execution,
                  message: "the signed attestation is for another privacy tier than the stake asks for (tier 1 takes a bare hash)")
        case .attestationWrongChain: Entry(name: "attestation_wrong_chain", kind: .execution, message: "the attestation is for another chain")
        case .attestationWrongProvider:
            Entry(name: "attestation_wrong_provider", kind: .execution, message: "the attestation names another provider: only the provider it names may stake with it")
        case .attestationBadSignature:
            Entry(name: "attestation_bad_signature", kind: .execution, message: "the attestation's signature does not verify under the attestor key it names")
        case .attestationExpired:
            Entry(name: "attestation_expired", kind: .execution, message: "the attestation's expires_at height has passed: ask the attestor for a new one")
        case .attestorUnknown:
            Entry(name: "attestor_unknown", kind: .execution, message: "the attestor key is not in the attestor registry (see pm_getAttestors)")
        case .attestorRevoked:
            Entry(name: "attestor_revoked", kind: .execution, message: "the attestor was revoked by governance: its attestations are no longer trusted")
        case .attestationTierAboveMax:
            Entry(name: "attestation_tier_above_max", kind: .execution, message: "the attestation's tier is above the highest tier its attestor may vouch for (max_tier)")
        case .nothingToReport:
            Entry(name: "nothing_to_report", kind: .execution,
                  message: "the provider's stake carries no tier 2–4 attestation by a revoked attestor: there is nothing to report")
        case .stateUnreadable:
            Entry(name: "state_unreadable", kind: .local, message: "the node's database could not be read: a local fault, not a verdict on the transaction")
        }
    }

    /// The stable name, for JSON and logs.
    public var name: String { entry.name }

    /// The rule that was broken, without values (nil for `ok`).
    public var message: String? { entry.message }

    /// The stable name of any code; codes this build does not know are `unknown_<code>` (§8.6).
    public static func name(forCode code: UInt16) -> String {
        Self(rawValue: code)?.name ?? "unknown_\(code)"
    }

    /// The code a stable name stands for, for clients that receive only the name (a proposal's `failure`).
    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    /// The sentence for a receipt's code: nil for success, a generic line for a code this build does not know.
    public static func message(forCode code: UInt16) -> String? {
        guard let known = Self(rawValue: code) else { return "transaction error \(name(forCode: code))" }
        return known.message
    }
}
