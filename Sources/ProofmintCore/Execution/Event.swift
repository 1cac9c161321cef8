/// What a transaction did, recorded in its receipt for wallets, indexers and the audit report.
public enum Event: Equatable, Sendable {
    case transfer(from: Address, to: Address, amount: Amount)
    /// A fee and where it went.
    case feePaid(payer: Address, total: Amount, burned: Amount, rewardPool: Amount, treasury: Amount, liquidity: Amount)
    case staked(provider: Address, added: Amount, total: Amount, tier: UInt8, lockedUntil: UInt64)
    case unstaked(provider: Address, amount: Amount, burned: Amount, matureAt: UInt64)
    case withdrawn(provider: Address, amount: Amount)
    case slashed(provider: Address, reason: UInt8, bps: UInt16, fromStake: Amount, fromUnbonding: Amount)
    case jailed(provider: Address)
    /// A jail was lifted by `unjail`; `burned` is the unjail fee (protocol version 2).
    case unjailed(provider: Address, burned: Amount)
    /// A compute receipt was accepted: the consumer paid `price`, of which `protocolFee` went to the fee split and
    /// `validationFee` to the validation account, and the work counts with `weight` (= price × quality bps × tier bps,
    /// since protocol version 3) in `epoch`'s rewards unless validation or a challenge removes it.
    case proofAccepted(
        jobId: Hash32, consumer: Address, provider: Address, epoch: UInt64, units: UInt64, qualityBps: UInt16, tierBps: UInt16,
        weight: UInt128, price: Amount, protocolFee: Amount, validationFee: Amount)
    /// A proposal was opened with `deposit` locked; votes are accepted up to `votingEndHeight`.
    case proposed(id: UInt64, proposer: Address, kind: UInt8, deposit: Amount, votingEndHeight: UInt64)
    case voted(id: UInt64, voter: Address, option: UInt8)
    /// Joined the compute validator set, pushing out `evicted` if the set was full (protocol version 3).
    case validatorJoined(validator: Address, evicted: Address?)
    case validatorLeft(validator: Address)
    /// The assigned validator's verdict; a pass sets the receipt's quality multiplier to `qualityBps`; `reward` was
    /// paid from the validation account.
    case verdictGiven(jobId: Hash32, validator: Address, verdict: UInt8, qualityBps: UInt16, reward: Amount)
    case challenged(jobId: Hash32, challenger: Address, bond: Amount)
    case challengeVoted(jobId: Hash32, validator: Address, uphold: Bool, stake: Amount)
    /// A challenge was decided by its votes (in a `resolve`, or at its deadline, where it is recorded in the receipt
    /// record only): `challengerReward` came out of the provider's slash.
    case challengeDecided(jobId: Hash32, outcome: UInt8, challengerReward: Amount)
    /// `reporter` showed that `provider`'s attestation was signed by `attestor`, since revoked: the provider was
    /// slashed (the `slashed` event before this one) and its tier fell to open (protocol version 3).
    case attestationReported(provider: Address, reporter: Address, attestor: Ed25519.PublicKey)

    static let transferTag: UInt8 = 1
    static let feePaidTag: UInt8 = 2
    static let stakedTag: UInt8 = 3
    static let unstakedTag: UInt8 = 4
    static let withdrawnTag: UInt8 = 5
    static let slashedTag: UInt8 = 6
    static let jailedTag: UInt8 = 7
    static let proofAcceptedTag: UInt8 = 8
    static let proposedTag: UInt8 = 9
    static let votedTag: UInt8 = 10
    /// 20, not 11: the tags after 10 are left to governance's events.
    static let unjailedTag: UInt8 = 20
    /// 30–49: compute verification (protocol version 3).
    static let validatorJoinedTag: UInt8 = 30
    static let validatorLeftTag: UInt8 = 31
    static let verdictGivenTag: UInt8 = 32
    static let challengedTag: UInt8 = 33
    static let challengeVotedTag: UInt8 = 34
    static let challengeDecidedTag: UInt8 = 35
    /// 50: tags 30–49 belong to Proof of Compute's version 3 events.
    static let attestationReportedTag: UInt8 = 50
}

extension Event: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        switch self {
        case let .transfer(from, to, amount):
            writer.u8(Self.transferTag)
            writer.fixed(from.bytes)
            writer.fixed(to.bytes)
            writer.u128(amount)
        case let .feePaid(payer, total, burned, pool, treasury, liquidity):
            writer.u8(Self.feePaidTag)
            writer.fixed(payer.bytes)
            writer.u128(total)
            writer.u128(burned)
            writer.u128(pool)
            writer.u128(treasury)
            writer.u128(liquidity)
        case let .staked(provider, added, total, tier, lockedUntil):
            writer.u8(Self.stakedTag)
            writer.fixed(provider.bytes)
            writer.u128(added)
            writer.u128(total)
            writer.u8(tier)
            writer.u64(lockedUntil)
        case let .unstaked(provider, amount, burned, matureAt):
            writer.u8(Self.unstakedTag)
            writer.fixed(provider.bytes)
            writer.u128(amount)
            writer.u128(burned)
            writer.u64(matureAt)
        case let .withdrawn(provider, amount):
            writer.u8(Self.withdrawnTag)
            writer.fixed(provider.bytes)
            writer.u128(amount)
        case let .slashed(provider, reason, bps, fromStake, fromUnbonding):
            writer.u8(Self.slashedTag)
            writer.fixed(provider.bytes)
            writer.u8(reason)
            writer.u16(bps)
            writer.u128(fromStake)
            writer.u128(fromUnbonding)
        case let .jailed(provider):
            writer.u8(Self.jailedTag)
            writer.fixed(provider.bytes)
        case let .proofAccepted(jobId, consumer, provider, epoch, units, qualityBps, tierBps, weight, price, protocolFee, validationFee):
            writer.u8(Self.proofAcceptedTag)
            writer.hash(jobId)
            writer.fixed(consumer.bytes)
            writer.fixed(provider.bytes)
            writer.u64(epoch)
            writer.u64(units)
            writer.u16(qualityBps)
            writer.u16(tierBps)
            writer.u128(weight)
            writer.u128(price)
            writer.u128(protocolFee)
            writer.u128(validationFee)
        case let .proposed(id, proposer, kind, deposit, votingEndHeight):
            writer.u8(Self.proposedTag)
            writer.u64(id)
            writer.fixed(proposer.bytes)
            writer.u8(kind)
            writer.u128(deposit)
            writer.u64(votingEndHeight)
        case let .voted(id, voter, option):
            writer.u8(Self.votedTag)
            writer.u64(id)
            writer.fixed(voter.bytes)
            writer.u8(option)
        case let .unjailed(provider, burned):
            writer.u8(Self.unjailedTag)
            writer.fixed(provider.bytes)
            writer.u128(burned)
        case let .validatorJoined(validator, evicted):
            writer.u8(Self.validatorJoinedTag)
            writer.fixed(validator.bytes)
            writer.optional(evicted) { $0.fixed($1.bytes) }
        case let .validatorLeft(validator):
            writer.u8(Self.validatorLeftTag)
            writer.fixed(validator.bytes)
        case let .verdictGiven(jobId, validator, verdict, qualityBps, reward):
            writer.u8(Self.verdictGivenTag)
            writer.hash(jobId)
            writer.fixed(validator.bytes)
            writer.u8(verdict)
            writer.u16(qualityBps)
            writer.u128(reward)
        case let .challenged(jobId, challenger, bond):
            writer.u8(Self.challengedTag)
            writer.hash(jobId)
            writer.fixed(challenger.bytes)
            writer.u128(bond)
        case let .challengeVoted(jobId, validator, uphold, stake):
            writer.u8(Self.challengeVotedTag)
            writer.hash(jobId)
            writer.fixed(validator.bytes)
            writer.bool(uphold)
            writer.u128(stake)
        case let .challengeDecided(jobId, outcome, challengerReward):
            writer.u8(Self.challengeDecidedTag)
            writer.hash(jobId)
            writer.u8(outcome)
            writer.u128(challengerReward)
        case let .attestationReported(provider, reporter, attestor):
            writer.u8(Self.attestationReportedTag)
            writer.fixed(provider.bytes)
            writer.fixed(reporter.bytes)
            writer.fixed(attestor.bytes)
        }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Event {
        let at = reader.offset
        switch try reader.u8() {
        case transferTag:
            return .transfer(from: try reader.address(), to: try reader.address(), amount: try reader.u128())
        case feePaidTag:
            return .feePaid(
                payer: try reader.address(), total: try reader.u128(), burned: try reader.u128(),
                rewardPool: try reader.u128(), treasury: try reader.u128(), liquidity: try reader.u128())
        case stakedTag:
            return .staked(
                provider: try reader.address(), added: try reader.u128(), total: try reader.u128(), tier: try reader.u8(),
                lockedUntil: try reader.u64())
        case unstakedTag:
            return .unstaked(provider: try reader.address(), amount: try reader.u128(), burned: try reader.u128(), matureAt: try reader.u64())
        case withdrawnTag:
            return .withdrawn(provider: try reader.address(), amount: try reader.u128())
        case slashedTag:
            return .slashed(
                provider: try reader.address(), reason: try reader.u8(), bps: try reader.u16(), fromStake: try reader.u128(),
                fromUnbonding: try reader.u128())
        case jailedTag:
            return .jailed(provider: try reader.address())
        case proofAcceptedTag:
            return .proofAccepted(
                jobId: try reader.hash(), consumer: try reader.address(), provider: try reader.address(), epoch: try reader.u64(),
                units: try reader.u64(), qualityBps: try reader.u16(), tierBps: try reader.u16(), weight: try reader.u128(),
                price: try reader.u128(), protocolFee: try reader.u128(), validationFee: try reader.u128())
        case proposedTag:
            return .proposed(
                id: try reader.u64(), proposer: try reader.address(), kind: try reader.u8(), deposit: try reader.u128(),
                votingEndHeight: try reader.u64())
        case votedTag:
            return .voted(id: try reader.u64(), voter: try reader.address(), option: try reader.u8())
        case unjailedTag:
            return .unjailed(provider: try reader.address(), burned: try reader.u128())
        case validatorJoinedTag:
            return .validatorJoined(
                validator: try reader.address(), evicted: try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.address() })
        case validatorLeftTag:
            return .validatorLeft(validator: try reader.address())
        case verdictGivenTag:
            return .verdictGiven(
                jobId: try reader.hash(), validator: try reader.address(), verdict: try reader.u8(), qualityBps: try reader.u16(),
                reward: try reader.u128())
        case challengedTag:
            return .challenged(jobId: try reader.hash(), challenger: try reader.address(), bond: try reader.u128())
        case challengeVotedTag:
            return .challengeVoted(jobId: try reader.hash(), validator: try reader.address(), uphold: try reader.bool(), stake: try reader.u128())
        case challengeDecidedTag:
            return .challengeDecided(jobId: try reader.hash(), outcome: try reader.u8(), challengerReward: try reader.u128())
        case attestationReportedTag:
            return .attestationReported(provider: try reader.address(), reporter: try reader.address(), attestor: try reader.publicKey())
        case let tag:
            throw .unknownTag(type: "event", tag: tag, offset: at)
        }
    }
}
