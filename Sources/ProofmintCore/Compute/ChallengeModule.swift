import ProofmintCrypto

/// Challenges (seed 003's `Challenge` and `Resolution`): within `compute.challenge_window_blocks` of a receipt,
/// anyone but its provider may bond `compute.challenge_bond` against it; the compute validators vote with their
/// stake until `compute.resolution_window_blocks` later.
///
/// A challenge is decided as soon as one side holds more than half of the set's counted stake, or at its deadline:
/// upheld if at least `compute.resolution_quorum_bps` of that stake voted and uphold outweighs reject, rejected if the
/// quorum voted otherwise, lapsed without the quorum.
public enum ChallengeModule {
    static func open(
        _ request: ChallengeRequest, challenger: Address, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        let rules = context.parameters.compute.verification
        guard var record = try state.receiptOrFail(request.jobId) else { throw .unknownReceipt(job: request.jobId) }
        guard challenger != record.provider else { throw .conflictedVoter }
        guard record.challenge == nil else { throw .alreadyChallenged }
        guard record.isStanding else { throw .receiptRemoved }
        guard context.height <= record.challengeUntil else {
            throw .challengeWindowClosed(until: record.challengeUntil, height: context.height)
        }
        let bond = rules.challengeBond
        let balance = try state.accountOrFail(challenger).balance
        guard balance >= bond else { throw .insufficientBalance(balance: balance, needed: bond) }

        try state.debit(challenger, bond)
        try state.credit(ModuleAccount.challenges.address, bond)
        let deadline = context.height.saturatingAdd(rules.resolutionWindowBlocks)
        record.challenge = Challenge(
            challenger: challenger, bond: bond, openedAt: context.height, deadline: deadline, upholdStake: 0, rejectStake: 0,
            voters: [], outcome: .open)
        state.put(record, at: .receipt(request.jobId))
        try state.scheduleComputeDue(request.jobId, at: deadline)
        try ProofModule.holdEpochOpen(record, until: deadline, state: &state)
        return [.challenged(jobId: request.jobId, challenger: challenger, bond: bond)]
    }

    static func vote(
        _ request: ResolveRequest, validator: Address, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        let rules = context.parameters.compute.verification
        guard var record = try state.receiptOrFail(request.jobId) else { throw .unknownReceipt(job: request.jobId) }
        guard var challenge = record.challenge, challenge.outcome == .open, context.height <= challenge.deadline else {
            throw .noOpenChallenge
        }
        guard try state.computeValidatorsOrFail().contains(validator) else { throw .notAValidator }
        guard validator != record.provider, validator != challenge.challenger else { throw .conflictedVoter }
        guard !challenge.voters.contains(validator) else { throw .alreadyVoted }
        let stake = try ValidatorModule.eligibleStake(validator, rules: rules, state: state)
        guard stake > 0 else {
            throw .validatorStakeTooLow(minimum: rules.validatorMinStake, staked: try state.stakeOrFail(validator)?.amount ?? 0)
        }
        guard let uphold = checkedAdd(challenge.upholdStake, request.uphold ? stake : 0),
              let reject = checkedAdd(challenge.rejectStake, request.uphold ? 0 : stake)
        else { throw .balanceOverflow }
        challenge.upholdStake = uphold
        challenge.rejectStake = reject
        challenge.voters.append(validator)
        record.challenge = challenge
        var events: [Event] = [.challengeVoted(jobId: request.jobId, validator: validator, uphold: request.uphold, stake: stake)]
        let total = try ValidatorModule.totalStake(rules: rules, state: state)
        // More than half upholds; at least half rejects (uphold can then no longer pass half).
        if total > 0, uphold > total / 2 {
            events += try decide(&record, job: request.jobId, outcome: .upheld, context: context, state: &state)
        } else if total > 0, reject >= total - total / 2 {
            events += try decide(&record, job: request.jobId, outcome: .rejected, context: context, state: &state)
        }
        state.put(record, at: .receipt(request.jobId))
        return events
    }

    /// End of block at an open challenge's deadline: decided by the votes it has.
    static func expire(_ record: inout ReceiptRecord, job: Hash32, context: BlockContext, state: inout StateOverlay) throws(TransactionError) {
        guard let challenge = record.challenge, challenge.outcome == .open else { return }
        let rules = context.parameters.compute.verification
        let total = try ValidatorModule.totalStake(rules: rules, state: state)
        guard let voted = checkedAdd(challenge.upholdStake, challenge.rejectStake) else { throw .balanceOverflow }
        let quorum = FeeSplit.portion(total, rules.resolutionQuorumBps)
        let outcome: ChallengeOutcome
        if total == 0 || voted < quorum || voted == 0 {
            outcome = .lapsed
        } else {
            outcome = challenge.upholdStake > challenge.rejectStake ? .upheld : .rejected
        }
        _ = try decide(&record, job: job, outcome: outcome, context: context, state: &state)
    }

    /// Carries out an outcome. Upheld: the receipt's weight and value are removed, the provider is slashed
    /// `staking.slash_malicious_bps` (and jailed), the challenger gets its bond back and `compute.challenger_reward_bps`
    /// of the slash (the rest stays burned), and a validator that had passed the receipt is slashed
    /// `compute.false_pass_slash_bps`. Rejected: the bond goes to the provider. Lapsed: the bond goes back.
    private static func decide(
        _ record: inout ReceiptRecord, job: Hash32, outcome: ChallengeOutcome, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        guard var challenge = record.challenge else { return [] }
        let rules = context.parameters.compute.verification
        challenge.outcome = outcome
        var events = [Event]()
        var reward: Amount = 0
        switch outcome {
        case .upheld:
            // A receipt a failing verdict already removed (and punished) is not punished again: the bond comes back.
            var slash = [Event]()
            if record.validation != .failed {
                try ProofModule.reweigh(&record, to: 0, removing: true, state: &state)
                slash = try StakingModule.slash(
                    record.provider, bps: context.parameters.staking.slashMaliciousBps, reason: .malicious, height: context.height,
                    state: &state)
            }
            reward = FeeSplit.portion(slashedAmount(slash), rules.challengerRewardBps)
            try release(bond: challenge.bond, to: challenge.challenger, state: &state)
            if reward > 0 {
                try state.credit(challenge.challenger, reward)
                try state.updateTotals { totals in
                    guard let burned = checkedSubtract(totals.burned, reward) else { return false }
                    totals.burned = burned
                    return true
                }
            }
            events += slash
            if record.validation == .passed, let validator = record.validator {
                events += try StakingModule.slash(validator, bps: rules.falsePassSlashBps, reason: .falseVerdict, height: context.height, state: &state)
            }
        case .rejected: try release(bond: challenge.bond, to: record.provider, state: &state)
        case .lapsed, .open: try release(bond: challenge.bond, to: challenge.challenger, state: &state)
        }
        record.challenge = challenge
        return [.challengeDecided(jobId: job, outcome: outcome.rawValue, challengerReward: reward)] + events
    }

    private static func release(bond: Amount, to address: Address, state: inout StateOverlay) throws(TransactionError) {
        guard bond > 0 else { return }
        try state.debit(ModuleAccount.challenges.address, bond)
        try state.credit(address, bond)
    }

    private static func slashedAmount(_ events: [Event]) -> Amount {
        events.reduce(0) { sum, event in
            // Bounded by the supply, so the sum cannot wrap; saturating all the same rather than trap.
            if case let .slashed(_, _, _, fromStake, fromUnbonding) = event {
                return checkedAdd(sum, checkedAdd(fromStake, fromUnbonding) ?? .max) ?? .max
            }
            return sum
        }
    }
}
