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
    /// A compute receipt was accepted: the consumer paid `price`, of which `protocolFee` went to the fee split, and
    /// the work counts with `weight` (= units × quality bps × tier bps) in `epoch`'s rewards.
    case proofAccepted(
        jobId: Hash32, consumer: Address, provider: Address, epoch: UInt64, units: UInt64, qualityBps: UInt16, tierBps: UInt16,
        weight: UInt128, price: Amount, protocolFee: Amount)
    /// A proposal was opened with `deposit` locked; votes are accepted up to `votingEndHeight`.
    case proposed(id: UInt64, proposer: Address, kind: UInt8, deposit: Amount, votingEndHeight: UInt64)
    case voted(id: UInt64, voter: Address, option: UInt8)
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
            for amount in [total, burned, pool, treasury, liquidity] { writer.u128(amount) }
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
        case let .proofAccepted(jobId, consumer, provider, epoch, units, qualityBps, tierBps, weight, price, protocolFee):
            writer.u8(Self.proofAcceptedTag)
            writer.fixed(jobId.bytes)
            writer.fixed(consumer.bytes)
            writer.fixed(provider.bytes)
            writer.u64(epoch)
            writer.u64(units)
            writer.u16(qualityBps)
            writer.u16(tierBps)
            writer.u128(weight)
            writer.u128(price)
            writer.u128(protocolFee)
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
                price: try reader.u128(), protocolFee: try reader.u128())
        case proposedTag:
            return .proposed(
                id: try reader.u64(), proposer: try reader.address(), kind: try reader.u8(), deposit: try reader.u128(),
                votingEndHeight: try reader.u64())
        case votedTag:
            return .voted(id: try reader.u64(), voter: try reader.address(), option: try reader.u8())
        case unjailedTag:
            return .unjailed(provider: try reader.address(), burned: try reader.u128())
        case attestationReportedTag:
            return .attestationReported(provider: try reader.address(), reporter: try reader.address(), attestor: try reader.publicKey())
        case let tag:
            throw .unknownTag(type: "event", tag: tag, offset: at)
        }
    }
}
