/// A `--control-token-file` that cannot serve as the control token.
public enum ControlTokenError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String)
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path):
            return "cannot read the control token file \(path): create it, e.g. `openssl rand -hex 32 > \(path)`"
        case let .malformed(path, reason):
            return "the control token file \(path) is not usable: \(reason); write a fresh one with `openssl rand -hex 32 > \(path)`"
        }
    }
}
