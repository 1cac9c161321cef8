/// What a proposal does. Stable tags: never renumber.
public enum ProposalKind: UInt8, CaseIterable, Sendable {
    case parameterChange = 1
    case treasurySpend = 2
    case upgrade = 3
    case slash = 4
    case text = 5

    public var name: String {
        switch self {
        case .parameterChange: return "parameter_change"
        case .treasurySpend: return "treasury_spend"
        case .upgrade: return "upgrade"
        case .slash: return "slash"
        case .text: return "text"
        }
    }
}
