/// Why a scenario could not run (not whether the attack succeeded: that is its report).
public enum ScenarioError: Error, CustomStringConvertible {
    case unknownScenario(String)
    case chain(String)
    case invalidScale(String)

    public var description: String {
        switch self {
        case let .unknownScenario(name):
            return "unknown scenario '\(name)'; scenarios: \(AttackScenarios.all.map(\.name).joined(separator: ", "))"
        case let .chain(detail): return "the scenario's chain failed: \(detail)"
        case let .invalidScale(detail): return detail
        }
    }
}
