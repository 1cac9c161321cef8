import ProofmintCore

/// One event of a receipt: `type`, then that type's fields (the other types' fields are left out).
public struct EventView: RPCNamedObject {
    public static let rpcName = "Event"

    /// `transfer`, `fee_paid`, `staked`, `unstaked`, `withdrawn`, `slashed`, `jailed`, `unjailed`, `proof_accepted`, `proposed`, `voted`,
    /// `validator_joined`, `validator_left`, `verdict_given`, `challenged`, `challenge_voted`, `challenge_decided`,
    /// `attestation_reported`.
    public var type: String
    @Omittable public var from: Address?
    @Omittable public var to: Address?
    @Omittable public var amount: Amount?
    @Omittable public var payer: Address?
    @Omittable public var total: Amount?
    @Omittable public var burned: Amount?
    @Omittable public var rewardPool: Amount?
    @Omittable public var treasury: Amount?
    @Omittable public var liquidity: Amount?
    @Omittable public var provider: Address?
    @Omittable public var added: Amount?
    @Omittable public var tier: UInt64?
    @Omittable public var lockedUntil: UInt64?
    @Omittable public var matureAt: UInt64?
    @Omittable public var reason: String?
    @Omittable public var bps: UInt64?
    @Omittable public var fromStake: Amount?
    @Omittable public var fromUnbonding: Amount?
    @Omittable public var jobId: Hash32?
    @Omittable public var consumer: Address?
    @Omittable public var epoch: UInt64?
    @Omittable public var units: UInt128?
    @Omittable public var qualityBps: UInt64?
    @Omittable public var tierBps: UInt64?
    @Omittable public var weight: UInt128?
    @Omittable public var price: Amount?
    @Omittable public var protocolFee: Amount?
    @Omittable public var validationFee: Amount?
    @Omittable public var validator: Address?
    @Omittable public var evicted: Address?
    @Omittable public var verdict: String?
    @Omittable public var reward: Amount?
    @Omittable public var challenger: Address?
    @Omittable public var bond: Amount?
    @Omittable public var uphold: Bool?
    @Omittable public var stake: Amount?
    @Omittable public var outcome: String?
    @Omittable public var challengerReward: Amount?
    @Omittable public var proposalId: UInt64?
    @Omittable public var proposer: Address?
    @Omittable public var kind: String?
    @Omittable public var deposit: Amount?
    @Omittable public var votingEndHeight: UInt64?
    @Omittable public var voter: Address?
    @Omittable public var option: String?
    @Omittable public var reporter: Address?
    @Omittable public var attestor: Hex?

    public init(type: String) { self.type = type }

    public init(_ event: Event) {
        switch event {
        case let .transfer(from, to, amount):
            self.init(type: "transfer")
            (self.from, self.to, self.amount) = (from, to, amount)
        case let .feePaid(payer, total, burned, pool, treasury, liquidity):
            self.init(type: "fee_paid")
            (self.payer, self.total, self.burned, rewardPool, self.treasury, self.liquidity) = (payer, total, burned, pool, treasury, liquidity)
        case let .staked(provider, added, total, tier, lockedUntil):
            self.init(type: "staked")
            (self.provider, self.added, self.total, self.tier, self.lockedUntil) = (provider, added, total, UInt64(tier), lockedUntil)
        case let .unstaked(provider, amount, burned, matureAt):
            self.init(type: "unstaked")
            (self.provider, self.amount, self.burned, self.matureAt) = (provider, amount, burned, matureAt)
        case let .withdrawn(provider, amount):
            self.init(type: "withdrawn")
            (self.provider, self.amount) = (provider, amount)
        case let .slashed(provider, reason, bps, fromStake, fromUnbonding):
            self.init(type: "slashed")
            self.provider = provider
            self.reason = SlashReason(rawValue: reason)?.name ?? "unknown_\(reason)"
            (self.bps, self.fromStake, self.fromUnbonding) = (UInt64(bps), fromStake, fromUnbonding)
        case let .jailed(provider):
            self.init(type: "jailed")
            self.provider = provider
        case let .unjailed(provider, burned):
            self.init(type: "unjailed")
            (self.provider, self.burned) = (provider, burned)
        case let .proofAccepted(jobId, consumer, provider, epoch, units, qualityBps, tierBps, weight, price, protocolFee, validationFee):
            self.init(type: "proof_accepted")
            (self.jobId, self.consumer, self.provider, self.epoch, self.units) = (jobId, consumer, provider, epoch, UInt128(units))
            (self.qualityBps, self.tierBps, self.weight) = (UInt64(qualityBps), UInt64(tierBps), weight)
            (self.price, self.protocolFee, self.validationFee) = (price, protocolFee, validationFee)
        case let .validatorJoined(validator, evicted):
            self.init(type: "validator_joined")
            (self.validator, self.evicted) = (validator, evicted)
        case let .validatorLeft(validator):
            self.init(type: "validator_left")
            self.validator = validator
        case let .verdictGiven(jobId, validator, verdict, qualityBps, reward):
            self.init(type: "verdict_given")
            (self.jobId, self.validator, self.qualityBps, self.reward) = (jobId, validator, UInt64(qualityBps), reward)
            self.verdict = Verdict(rawValue: verdict)?.name ?? "unknown_\(verdict)"
        case let .challenged(jobId, challenger, bond):
            self.init(type: "challenged")
            (self.jobId, self.challenger, self.bond) = (jobId, challenger, bond)
        case let .challengeVoted(jobId, validator, uphold, stake):
            self.init(type: "challenge_voted")
            (self.jobId, self.validator, self.uphold, self.stake) = (jobId, validator, uphold, stake)
        case let .challengeDecided(jobId, outcome, challengerReward):
            self.init(type: "challenge_decided")
            (self.jobId, self.challengerReward) = (jobId, challengerReward)
            self.outcome = ChallengeOutcome(rawValue: outcome)?.name ?? "unknown_\(outcome)"
        case let .proposed(id, proposer, kind, deposit, votingEndHeight):
            self.init(type: "proposed")
            (proposalId, self.proposer, self.deposit, self.votingEndHeight) = (id, proposer, deposit, votingEndHeight)
            self.kind = ProposalKind(rawValue: kind)?.name ?? "unknown_\(kind)"
        case let .voted(id, voter, option):
            self.init(type: "voted")
            (proposalId, self.voter) = (id, voter)
            self.option = VoteOption(rawValue: option)?.name ?? "unknown_\(option)"
        case let .attestationReported(provider, reporter, attestor):
            self.init(type: "attestation_reported")
            (self.provider, self.reporter, self.attestor) = (provider, reporter, Hex(attestor.bytes))
        }
    }
}
