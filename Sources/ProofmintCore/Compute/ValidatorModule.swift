import ProofmintCrypto

/// The compute validator set: joining and leaving, and the stake-weighted draw that assigns a sampled receipt.
/// A member counts with its stake's amount while it is unjailed and holds at least `compute.validator_min_stake`;
/// otherwise it stays listed but is never drawn and cannot vote.
public enum ValidatorModule {
    static func execute(
        _ request: ValidatorRequest, sender: Address, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        var set = try state.computeValidatorsOrFail()
        guard request.join else {
            guard set.contains(sender) else { throw .notAValidator }
            set.remove(sender)
            state.put(set, at: .computeValidators)
            return [.validatorLeft(validator: sender)]
        }
        guard !set.contains(sender) else { throw .alreadyValidator }
        let rules = context.parameters.compute.verification
        let stake = try eligibleStake(sender, rules: rules, state: state)
        guard stake > 0 else {
            throw .validatorStakeTooLow(minimum: rules.validatorMinStake, staked: try state.stakeOrFail(sender)?.amount ?? 0)
        }
        var evicted: Address?
        if set.members.count >= Int(rules.maxValidators) {
            // The smallest member by counted stake (an ineligible member counts 0), the lowest address on a tie.
            var smallest: (address: Address, stake: Amount)?
            for member in set.members {
                let counted = try eligibleStake(member, rules: rules, state: state)
                if smallest == nil || counted < smallest?.stake ?? 0 { smallest = (member, counted) }
            }
            guard let smallest, stake > smallest.stake else {
                throw .validatorSetFull(size: rules.maxValidators, smallestStake: smallest?.stake ?? 0)
            }
            set.remove(smallest.address)
            evicted = smallest.address
        }
        set.insert(sender)
        state.put(set, at: .computeValidators)
        return [.validatorJoined(validator: sender, evicted: evicted)]
    }

    /// The stake `address` counts with as a compute validator: its amount if unjailed and at least the minimum, else 0.
    static func eligibleStake(_ address: Address, rules: VerificationParameters, state: StateOverlay) throws(TransactionError) -> Amount {
        guard let stake = try state.stakeOrFail(address), !stake.jailed, stake.amount >= rules.validatorMinStake else { return 0 }
        return stake.amount
    }

    /// Σ counted stake of the set: the denominator of challenge votes.
    static func totalStake(rules: VerificationParameters, state: StateOverlay) throws(TransactionError) -> Amount {
        var total: Amount = 0
        for member in try state.computeValidatorsOrFail().members {
            guard let sum = checkedAdd(total, try eligibleStake(member, rules: rules, state: state)) else { throw .balanceOverflow }
            total = sum
        }
        return total
    }

    /// Draws a validator for a receipt, weighted by counted stake, leaving out `excluded` (the provider, the consumer
    /// and a validator that just missed): the first 16 bytes of `seed`, big-endian, modulo the total weight, walked
    /// over the members in address order. Nil if no member can be drawn.
    static func draw(seed: Hash32, excluding excluded: [Address], rules: VerificationParameters, state: StateOverlay) throws(TransactionError) -> Address? {
        var candidates = [(Address, Amount)]()
        var total: Amount = 0
        for member in try state.computeValidatorsOrFail().members where !excluded.contains(member) {
            let stake = try eligibleStake(member, rules: rules, state: state)
            guard stake > 0 else { continue }
            guard let sum = checkedAdd(total, stake) else { throw .balanceOverflow }
            total = sum
            candidates.append((member, stake))
        }
        guard total > 0 else { return nil }
        var point = seed.bytes.prefix(16).reduce(UInt128(0)) { $0 << 8 | UInt128($1) } % total
        for (member, stake) in candidates {
            if point < stake { return member }
            point -= stake
        }
        return nil
    }
}
