/// When the node produces blocks, as a devnet user knows them from anvil.
public enum MiningMode: Sendable, Equatable, CustomStringConvertible {
    /// A block every interval (milliseconds).
    case interval(milliseconds: UInt64)
    /// A block as soon as transactions arrive.
    case instant
    /// Only when `pm_mine` is called.
    case manual

    public var description: String {
        switch self {
        case let .interval(ms): return "interval(\(ms)ms)"
        case .instant: return "instant"
        case .manual: return "manual"
        }
    }
}
