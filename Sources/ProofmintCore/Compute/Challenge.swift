/// How a challenge ended. Stable codes.
public enum ChallengeOutcome: UInt8, CaseIterable, Sendable {
    case open = 0
    /// Validators found the receipt bad: the provider is slashed, the challenger rewarded and its bond returned.
    case upheld = 1
    /// Validators found the receipt good: the bond goes to the provider, who was made to wait and defend.
    case rejected = 2
    /// Too little validator stake voted by the deadline: nothing was proven either way, the bond is returned.
    case lapsed = 3

    public var name: String {
        switch self {
        case .open: return "open"
        case .upheld: return "upheld"
        case .rejected: return "rejected"
        case .lapsed: return "lapsed"
        }
    }
}

/// A challenge against one receipt (seed 003's `Challenge` with its `Resolution`): the challenger's bond, the
/// stake-weighted votes of the compute validators, and the outcome. Kept inside the receipt's record.
public struct Challenge: Equatable, Sendable {
    public var challenger: Address
    public var bond: Amount
    public var openedAt: UInt64
    /// Votes are accepted up to and including this height; the challenge is decided at its end if still open.
    public var deadline: UInt64
    /// Σ stake of the validators that voted to uphold, and to reject, counted when each voted.
    public var upholdStake: Amount
    public var rejectStake: Amount
    /// The validators that voted, in the order they voted (one vote each; at most `compute.max_validators`).
    public var voters: [Address]
    public var outcome: ChallengeOutcome

    public init(
        challenger: Address, bond: Amount, openedAt: UInt64, deadline: UInt64, upholdStake: Amount, rejectStake: Amount,
        voters: [Address], outcome: ChallengeOutcome
    ) {
        self.challenger = challenger
        self.bond = bond
        self.openedAt = openedAt
        self.deadline = deadline
        self.upholdStake = upholdStake
        self.rejectStake = rejectStake
        self.voters = voters
        self.outcome = outcome
    }
}

extension Challenge: CanonicalCodable {
    static let maxVoters = 1000

    public func encode(to writer: inout CanonicalWriter) {
        writer.fixed(challenger.bytes)
        writer.u128(bond)
        writer.u64(openedAt)
        writer.u64(deadline)
        writer.u128(upholdStake)
        writer.u128(rejectStake)
        writer.u32(UInt32(voters.count))
        for voter in voters { writer.fixed(voter.bytes) }
        writer.u8(outcome.rawValue)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Challenge {
        let challenger = try reader.address()
        let bond = try reader.u128()
        let openedAt = try reader.u64()
        let deadline = try reader.u64()
        let uphold = try reader.u128()
        let reject = try reader.u128()
        let count = Int(try reader.u32())
        guard count <= maxVoters else { throw .lengthTooLarge(field: "challenge voters", length: count, max: maxVoters) }
        var voters = [Address]()
        for _ in 0..<count { voters.append(try reader.address()) }
        return Challenge(
            challenger: challenger, bond: bond, openedAt: openedAt, deadline: deadline, upholdStake: uphold, rejectStake: reject,
            voters: voters, outcome: try reader.tagged(ChallengeOutcome.self, type: "challenge outcome"))
    }
}
