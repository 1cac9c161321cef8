/// A query the application cannot answer: returned in `ResponseQuery.code` and `log` (queries never stop CometBFT).
enum ABCIQueryError: Error, CustomStringConvertible {
    case unknownPath(String)
    case badArgument(String)
    case heightUnavailable(requested: Int64, head: UInt64)
    case stateUnreadable(String)

    /// The codes docs/DEPLOYMENT.md lists.
    var code: UInt32 {
        switch self {
        case .unknownPath: 1
        case .badArgument: 2
        case .heightUnavailable: 3
        case .stateUnreadable: 4
        }
    }

    var description: String {
        switch self {
        case let .unknownPath(path): "unknown query path \"\(path)\": use /account/<address> or /state/<hex state key>"
        case let .badArgument(detail): detail
        case let .heightUnavailable(requested, head):
            "only the last committed state (height \(head)) is kept; height \(requested) is not (give 0 or \(head))"
        case let .stateUnreadable(detail): "the state could not be read: \(detail)"
        }
    }
}
