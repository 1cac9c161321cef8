/// A proposal and everything that happened to it: `0x0E ‖ u64 id` → this record. Kept after it ends, so executed,
/// rejected and failed proposals stay queryable.
public struct GovernanceProposal: Equatable, Sendable {
    public enum Status: UInt8, Sendable, CaseIterable {
        case voting = 1
        /// Passed; waits for `executeHeight`.
        case passed = 2
        case executed = 3
        /// Quorum missed or the threshold not reached; the deposit was burned.
        case rejected = 4
        /// Passed, but its effect was impossible at execution (for example a spend above the treasury).
        case executionFailed = 5

        public var name: String {
            switch self {
            case .voting: return "voting"
            case .passed: return "passed"
            case .executed: return "executed"
            case .rejected: return "rejected"
            case .executionFailed: return "execution_failed"
            }
        }
    }

    public var id: UInt64
    public var proposer: Address
    public var content: ProposalContent
    public var deposit: Amount
    public var submitHeight: UInt64
    /// Votes are accepted up to and including this height; the tally runs at its end.
    public var votingEndHeight: UInt64
    public var status: Status
    /// How many accounts have voted: the voters themselves are index records, `0x11 ‖ id ‖ u32 n` for n below this,
    /// in the order of their first vote (no cap: the tally reads each once, at the end of the period).
    public var voterCount: UInt32
    public var tally: Tally?
    /// Set by a passing tally.
    public var executeHeight: UInt64?
    /// The transaction error code that stopped execution (status `executionFailed`), else 0.
    public var failureCode: UInt16

    /// Voting or waiting for execution: counted in `GovernanceState.openProposals`, and (a slash) holding its target.
    public var isOpen: Bool { status == .voting || status == .passed }

    public init(
        id: UInt64, proposer: Address, content: ProposalContent, deposit: Amount, submitHeight: UInt64, votingEndHeight: UInt64,
        status: Status, voterCount: UInt32, tally: Tally?, executeHeight: UInt64?, failureCode: UInt16
    ) {
        self.id = id
        self.proposer = proposer
        self.content = content
        self.deposit = deposit
        self.submitHeight = submitHeight
        self.votingEndHeight = votingEndHeight
        self.status = status
        self.voterCount = voterCount
        self.tally = tally
        self.executeHeight = executeHeight
        self.failureCode = failureCode
    }
}

/// A tally (version 2): quadratic power per option, the same votes weighed by linear unjailed stake, and the stake
/// that took part against the total (the quorum, in linear stake). Passing needs both majorities, so a small
/// holder's voice counts (quadratic) but splitting a stake into many accounts gains nothing (linear).
public struct Tally: Equatable, Sendable {
    /// Quadratic power, `isqrt(balance) + 2·isqrt(stake)` summed per option.
    public var yes: UInt128
    public var no: UInt128
    public var abstain: UInt128
    /// Unjailed stake summed per option.
    public var yesStake: Amount
    public var noStake: Amount
    public var abstainStake: Amount
    /// Σ unjailed stake of the voters whose vote counted (yes + no + abstain stake).
    public var participationStake: Amount
    /// Σ unjailed stake over all stakes at the tally (GovernanceState.totalStake).
    public var totalStake: Amount
    public var quorumReached: Bool
    public var passed: Bool

    public init(
        yes: UInt128, no: UInt128, abstain: UInt128, yesStake: Amount, noStake: Amount, abstainStake: Amount,
        participationStake: Amount, totalStake: Amount, quorumReached: Bool, passed: Bool
    ) {
        self.yes = yes
        self.no = no
        self.abstain = abstain
        self.yesStake = yesStake
        self.noStake = noStake
        self.abstainStake = abstainStake
        self.participationStake = participationStake
        self.totalStake = totalStake
        self.quorumReached = quorumReached
        self.passed = passed
    }
}

extension GovernanceProposal: CanonicalCodable {
    static let version: UInt8 = 2

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u64(id)
        writer.fixed(proposer.bytes)
        writer.encode(content)
        writer.u128(deposit)
        writer.u64(submitHeight)
        writer.u64(votingEndHeight)
        writer.u8(status.rawValue)
        writer.u32(voterCount)
        writer.optional(tally) { $0.encode($1) }
        writer.optional(executeHeight) { $0.u64($1) }
        writer.u16(failureCode)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> GovernanceProposal {
        try reader.expectVersion(Self.version, of: "proposal")
        let id = try reader.u64()
        let proposer = try reader.address()
        let content = try reader.decode(ProposalContent.self)
        let deposit = try reader.u128()
        let submit = try reader.u64()
        let end = try reader.u64()
        let statusAt = reader.offset
        let statusByte = try reader.u8()
        guard let status = Status(rawValue: statusByte) else { throw .unknownTag(type: "proposal status", tag: statusByte, offset: statusAt) }
        let voterCount = try reader.u32()
        return GovernanceProposal(
            id: id, proposer: proposer, content: content, deposit: deposit, submitHeight: submit, votingEndHeight: end, status: status,
            voterCount: voterCount, tally: try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.decode(Tally.self) },
            executeHeight: try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.u64() }, failureCode: try reader.u16())
    }
}

extension Tally: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        for value in [yes, no, abstain, yesStake, noStake, abstainStake, participationStake, totalStake] { writer.u128(value) }
        writer.bool(quorumReached)
        writer.bool(passed)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Tally {
        Tally(
            yes: try reader.u128(), no: try reader.u128(), abstain: try reader.u128(), yesStake: try reader.u128(),
            noStake: try reader.u128(), abstainStake: try reader.u128(), participationStake: try reader.u128(),
            totalStake: try reader.u128(), quorumReached: try reader.bool(), passed: try reader.bool())
    }
}
