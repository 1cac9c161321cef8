/// What a proposal does. Stable tags: never renumber.
public enum ProposalKind: UInt8, CaseIterable, Sendable {
    case parameterChange = 1
    case treasurySpend = 2
    case upgrade = 3
    case slash = 4
    case text = 5
    /// Adds (or updates) or revokes a key of the attestor registry (protocol version 3, §12.8).
    case attestor = 6

    public var name: String {
        switch self {
        case .parameterChange: return "parameter_change"
        case .treasurySpend: return "treasury_spend"
        case .upgrade: return "upgrade"
        case .slash: return "slash"
        case .text: return "text"
        case .attestor: return "attestor"
        }
    }

    /// The kinds with a quorum and voting period of their own in `GovernanceParameters.rules` (tags 1–5, in order).
    public static let withOwnRule: [ProposalKind] = [.parameterChange, .treasurySpend, .upgrade, .slash, .text]

    /// Whose quorum and voting period this kind is decided by. An attestor decides which hardware earns up to 2.0x,
    /// a loss of funds for everyone else if wrong, so it is decided like a slash or a treasury spend (60%, 7 days);
    /// borrowing a rule keeps `Parameters` and its registry unchanged.
    public var ruleKind: ProposalKind { self == .attestor ? .slash : self }
}
