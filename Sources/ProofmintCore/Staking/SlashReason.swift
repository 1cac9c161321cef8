/// Why stake is slashed (seed 000's conditions). Stable codes: they appear in `slashed` events.
public enum SlashReason: UInt8, CaseIterable, Sendable {
    /// SLA violation: a rate within [slash_sla_min_bps, slash_sla_max_bps], chosen by governance.
    case slaViolation = 1
    case attestationFailure = 2
    case malicious = 3
    /// Two different blocks signed at one height, proved on chain by an `evidence` transaction.
    case doubleSign = 4
    /// A compute validator let its validation window pass without a verdict (protocol version 3).
    case missedValidation = 5
    /// A compute validator passed a receipt that an upheld challenge then found bad (protocol version 3).
    case falseVerdict = 6

    public var name: String {
        switch self {
        case .slaViolation: return "sla_violation"
        case .attestationFailure: return "attestation_failure"
        case .malicious: return "malicious"
        case .doubleSign: return "double_sign"
        case .missedValidation: return "missed_validation"
        case .falseVerdict: return "false_verdict"
        }
    }

    /// Malicious behaviour and double signing also jail the provider.
    public var jails: Bool { self == .malicious || self == .doubleSign }
}
