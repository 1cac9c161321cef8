import ProofmintCore

/// An accepted compute receipt as the chain keeps it until its epoch settles and the record is pruned: where its
/// validation stands, who checks it by when, what it weighs, and its challenge. Clients need this view to act in time:
/// an assigned validator must send its verdict by `deadline`, a challenger must open a challenge by `challenge_until`.
public struct ReceiptRecordView: RPCNamedObject {
    public static let rpcName = "ReceiptRecord"

    public var jobId: Hash32
    public var provider: Address
    public var consumer: Address
    /// The epoch whose rewards the receipt counts in (the epoch it was accepted in).
    public var epoch: UInt64
    /// The epoch the consumer signed.
    public var receiptEpoch: UInt64
    public var acceptedAt: UInt64
    /// The price the consumer paid: the receipt's value.
    public var price: Amount
    public var units: UInt128
    /// The consumer's quality score as signed (0–100).
    public var quality: UInt64
    public var qualityBps: UInt64
    public var tierBps: UInt64
    public var weight: UInt128
    public var modelHash: Hash32
    public var inputHash: Hash32
    public var outputHash: Hash32
    /// `pending_sample`, `not_sampled`, `assigned`, `passed`, `failed` or `unverified`.
    public var status: String
    public var validator: Address?
    /// The sampling height while `pending_sample`, the verdict deadline while `assigned`, else 0.
    public var deadline: UInt64
    public var missed: UInt64
    public var verdict: String?
    public var challengeUntil: UInt64
    public var challenge: ChallengeView?
    /// Neither failed by a validator nor removed by an upheld challenge.
    public var standing: Bool

    public init(job: Hash32, _ record: ReceiptRecord) {
        jobId = job
        provider = record.provider
        consumer = record.consumer
        epoch = record.epoch
        receiptEpoch = record.receiptEpoch
        acceptedAt = record.acceptedAt
        price = record.value
        units = UInt128(record.units)
        quality = UInt64(record.score)
        qualityBps = UInt64(record.qualityBps)
        tierBps = UInt64(record.tierBps)
        weight = record.weight
        modelHash = record.modelHash
        inputHash = record.inputHash
        outputHash = record.outputHash
        status = record.validation.name
        validator = record.validator
        deadline = record.deadline
        missed = UInt64(record.missed)
        verdict = record.verdict?.name
        challengeUntil = record.challengeUntil
        challenge = record.challenge.map(ChallengeView.init)
        standing = record.isStanding
    }
}

/// A challenge against a receipt: the bond, the stake-weighted votes so far and the outcome.
public struct ChallengeView: RPCNamedObject {
    public static let rpcName = "Challenge"

    public var challenger: Address
    public var bond: Amount
    public var openedAt: UInt64
    /// Votes are accepted up to and including this height.
    public var deadline: UInt64
    public var upholdStake: Amount
    public var rejectStake: Amount
    /// The validators that voted, in the order they voted (`voters` is a count elsewhere in the contract).
    public var votedBy: [Address]
    /// `open`, `upheld`, `rejected` or `lapsed`.
    public var outcome: String

    public init(_ challenge: Challenge) {
        challenger = challenge.challenger
        bond = challenge.bond
        openedAt = challenge.openedAt
        deadline = challenge.deadline
        upholdStake = challenge.upholdStake
        rejectStake = challenge.rejectStake
        votedBy = challenge.voters
        outcome = challenge.outcome.name
    }
}
