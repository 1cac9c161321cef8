import ProofmintCrypto

/// Where a receipt stands in validation. Stable codes: they are stored and shown by queries.
public enum ValidationStatus: UInt8, CaseIterable, Sendable {
    /// Accepted; the randomness mix of block `accepted_at + sample_delay_blocks` will decide whether it is sampled.
    case pendingSample = 1
    /// Not drawn for validation: it stands at the unverified quality cap.
    case notSampled = 2
    /// Drawn, and waiting for the assigned validator's verdict until `deadline`.
    case assigned = 3
    /// A validator confirmed it: it counts at the lower of the consumer's and the validator's quality scores.
    case passed = 4
    /// A validator found it bad: the provider was slashed and the receipt's weight removed.
    case failed = 5
    /// Every assigned validator missed its window (or none could be assigned): it stands at the unverified cap.
    case unverified = 6

    public var name: String {
        switch self {
        case .pendingSample: return "pending_sample"
        case .notSampled: return "not_sampled"
        case .assigned: return "assigned"
        case .passed: return "passed"
        case .failed: return "failed"
        case .unverified: return "unverified"
        }
    }
}

/// An accepted compute receipt and everything that happens to it until its epoch settles:
/// `0x24 ‖ job id` → this record (protocol version 3; it replaces version 1's job markers under `0x0C`). It also
/// guards the job id against a second payment until it is pruned, which happens only once its receipt epoch is
/// outside the proof window, so the epoch check refuses the job id from then on.
public struct ReceiptRecord: Equatable, Sendable {
    public var provider: Address
    public var consumer: Address
    /// The epoch whose rewards the receipt counts in (the epoch it was accepted in).
    public var epoch: UInt64
    /// The epoch the consumer signed (the proof window allows one before the current).
    public var receiptEpoch: UInt64
    public var acceptedAt: UInt64
    /// The price the consumer paid: the receipt's value.
    public var value: Amount
    public var units: UInt64
    /// The consumer's quality score (0–100) as signed.
    public var score: UInt8
    /// The quality multiplier counted now: the unverified cap, or the validator's confirmation.
    public var qualityBps: UInt16
    public var tierBps: UInt16
    /// `value × quality bps × tier bps` while the receipt stands; 0 once removed.
    public var weight: UInt128
    public var modelHash: Hash32
    public var inputHash: Hash32
    public var outputHash: Hash32
    public var validation: ValidationStatus
    /// The assigned validator (while `assigned`), or the one that gave the verdict.
    public var validator: Address?
    /// The height the current validation step ends: the sampling height while `pendingSample`, the verdict deadline
    /// while `assigned`; 0 otherwise.
    public var deadline: UInt64
    /// Validators that missed their window on this receipt so far.
    public var missed: UInt8
    public var verdict: Verdict?
    /// The last height a challenge may be opened (fixed at acceptance, so a later parameter change cannot reopen it).
    public var challengeUntil: UInt64
    public var challenge: Challenge?

    /// Still counting for rewards: neither failed by a validator nor removed by an upheld challenge.
    public var isStanding: Bool { validation != .failed && challenge?.outcome != .upheld }

    public init(
        provider: Address, consumer: Address, epoch: UInt64, receiptEpoch: UInt64, acceptedAt: UInt64, value: Amount, units: UInt64,
        score: UInt8, qualityBps: UInt16, tierBps: UInt16, weight: UInt128, modelHash: Hash32, inputHash: Hash32, outputHash: Hash32,
        validation: ValidationStatus, validator: Address?, deadline: UInt64, missed: UInt8, verdict: Verdict?, challengeUntil: UInt64,
        challenge: Challenge?
    ) {
        self.provider = provider
        self.consumer = consumer
        self.epoch = epoch
        self.receiptEpoch = receiptEpoch
        self.acceptedAt = acceptedAt
        self.value = value
        self.units = units
        self.score = score
        self.qualityBps = qualityBps
        self.tierBps = tierBps
        self.weight = weight
        self.modelHash = modelHash
        self.inputHash = inputHash
        self.outputHash = outputHash
        self.validation = validation
        self.validator = validator
        self.deadline = deadline
        self.missed = missed
        self.verdict = verdict
        self.challengeUntil = challengeUntil
        self.challenge = challenge
    }
}

extension ReceiptRecord: CanonicalCodable {
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.fixed(provider.bytes)
        writer.fixed(consumer.bytes)
        writer.u64(epoch)
        writer.u64(receiptEpoch)
        writer.u64(acceptedAt)
        writer.u128(value)
        writer.u64(units)
        writer.u8(score)
        writer.u16(qualityBps)
        writer.u16(tierBps)
        writer.u128(weight)
        for hash in [modelHash, inputHash, outputHash] { writer.hash(hash) }
        writer.u8(validation.rawValue)
        writer.optional(validator) { $0.fixed($1.bytes) }
        writer.u64(deadline)
        writer.u8(missed)
        writer.optional(verdict) { $0.u8($1.rawValue) }
        writer.u64(challengeUntil)
        writer.optional(challenge) { $0.encode($1) }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ReceiptRecord {
        try reader.expectVersion(Self.version, of: "receipt record")
        let provider = try reader.address()
        let consumer = try reader.address()
        let epoch = try reader.u64()
        let receiptEpoch = try reader.u64()
        let acceptedAt = try reader.u64()
        let value = try reader.u128()
        let units = try reader.u64()
        let score = try reader.u8()
        let qualityBps = try reader.u16()
        let tierBps = try reader.u16()
        let weight = try reader.u128()
        let modelHash = try reader.hash()
        let inputHash = try reader.hash()
        let outputHash = try reader.hash()
        let validation = try reader.tagged(ValidationStatus.self, type: "validation status")
        let validator = try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.address() }
        let deadline = try reader.u64()
        let missed = try reader.u8()
        let verdict = try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.tagged(Verdict.self, type: "verdict") }
        return ReceiptRecord(
            provider: provider, consumer: consumer, epoch: epoch, receiptEpoch: receiptEpoch, acceptedAt: acceptedAt, value: value,
            units: units, score: score, qualityBps: qualityBps, tierBps: tierBps, weight: weight, modelHash: modelHash,
            inputHash: inputHash, outputHash: outputHash, validation: validation, validator: validator, deadline: deadline,
            missed: missed, verdict: verdict, challengeUntil: try reader.u64(),
            challenge: try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.decode(Challenge.self) })
    }
}

extension CanonicalReader {
    /// A one-byte code of a closed enum; an unknown code is a decoding error naming the type and offset.
    mutating func tagged<T: RawRepresentable>(_ type: T.Type, type name: String) throws(CodecError) -> T where T.RawValue == UInt8 {
        let offset = self.offset
        let raw = try u8()
        guard let value = T(rawValue: raw) else { throw .unknownTag(type: name, tag: raw, offset: offset) }
        return value
    }
}
