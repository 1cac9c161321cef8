/// Join (`join = true`) or leave the compute validator set (protocol version 3).
public struct ValidatorRequest: Equatable, Sendable {
    public var join: Bool
    public init(join: Bool) { self.join = join }
}

/// The assigned validator's verdict on a sampled receipt (protocol version 3).
public struct VerdictRequest: Equatable, Sendable {
    public var jobId: Hash32
    public var verdict: Verdict
    /// The quality the validator measured (0–100); a pass counts the lower of this and the consumer's score.
    public var quality: UInt8
    /// For `sla_violation` only: the slash rate, within `staking.slash_sla_min_bps ... slash_sla_max_bps`; 0 otherwise.
    public var slashBps: UInt16

    public init(jobId: Hash32, verdict: Verdict, quality: UInt8, slashBps: UInt16) {
        self.jobId = jobId
        self.verdict = verdict
        self.quality = quality
        self.slashBps = slashBps
    }
}

/// Challenge a receipt, bonding `compute.challenge_bond` (protocol version 3).
public struct ChallengeRequest: Equatable, Sendable {
    public var jobId: Hash32
    public init(jobId: Hash32) { self.jobId = jobId }
}

/// A compute validator's vote on an open challenge (protocol version 3).
public struct ResolveRequest: Equatable, Sendable {
    public var jobId: Hash32
    public var uphold: Bool

    public init(jobId: Hash32, uphold: Bool) {
        self.jobId = jobId
        self.uphold = uphold
    }
}

extension ValidatorRequest: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) { writer.bool(join) }
    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ValidatorRequest {
        ValidatorRequest(join: try reader.bool())
    }
}

extension VerdictRequest: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.hash(jobId)
        writer.u8(verdict.rawValue)
        writer.u8(quality)
        writer.u16(slashBps)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> VerdictRequest {
        VerdictRequest(
            jobId: try reader.hash(), verdict: try reader.tagged(Verdict.self, type: "verdict"), quality: try reader.u8(),
            slashBps: try reader.u16())
    }
}

extension ChallengeRequest: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) { writer.hash(jobId) }
    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ChallengeRequest {
        ChallengeRequest(jobId: try reader.hash())
    }
}

extension ResolveRequest: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.hash(jobId)
        writer.bool(uphold)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ResolveRequest {
        ResolveRequest(jobId: try reader.hash(), uphold: try reader.bool())
    }
}
