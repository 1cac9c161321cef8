/// Why a state proof from the node was not accepted. Any of these means the node's answer cannot be trusted.
public enum ProofError: Error, Equatable, CustomStringConvertible {
    case missing
    case wrongKey(expected: String, actual: String)
    case undecodableValue(String)
    case inconsistent(String)
    case rootMismatch(String)
    case disagreesWithReport(String)

    public var description: String {
        switch self {
        case .missing: return "the node returned no proof although one was requested (does it support proofs?)"
        case let .wrongKey(expected, actual): return "the proof is for state key \(actual), not \(expected)"
        case let .undecodableValue(reason): return "the proven value is not an account: \(reason)"
        case let .inconsistent(reason): return "the proof is inconsistent: \(reason)"
        case let .rootMismatch(reason): return "PROOF FAILED: \(reason)"
        case let .disagreesWithReport(reason): return "PROOF FAILED: \(reason)"
        }
    }
}
