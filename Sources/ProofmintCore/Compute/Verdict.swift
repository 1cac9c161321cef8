/// A validator's finding on a sampled receipt (seed 000's slashing conditions). Stable codes.
public enum Verdict: UInt8, CaseIterable, Sendable {
    /// The work is as the receipt says: the receipt stands at the validator's quality score.
    case pass = 1
    /// Done, but below the agreed service level: slashed at a rate between `staking.slash_sla_min_bps` and
    /// `slash_sla_max_bps` that the verdict names.
    case slaViolation = 2
    /// Not run in the attested environment: slashed `staking.slash_attestation_bps`.
    case attestationFailure = 3
    /// Not done, or the output is fabricated: slashed `staking.slash_malicious_bps` and jailed.
    case malicious = 4

    public var name: String {
        switch self {
        case .pass: return "pass"
        case .slaViolation: return "sla_violation"
        case .attestationFailure: return "attestation_failure"
        case .malicious: return "malicious"
        }
    }

    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    /// The slash reason a failing verdict records; nil for a pass.
    var slashReason: SlashReason? {
        switch self {
        case .pass: return nil
        case .slaViolation: return .slaViolation
        case .attestationFailure: return .attestationFailure
        case .malicious: return .malicious
        }
    }
}
