import ProofmintRPC

/// Whether one HTTP request may call control methods: decided from its headers by `ControlAccess`, checked by the
/// handler for each control call in the body (so a batch cannot smuggle one past the check).
public enum ControlVerdict: Sendable, Equatable {
    case granted
    /// The node was not started with `--dev-control`.
    case disabled
    /// A token is configured and the request did not carry it; the reason says what was wrong.
    case refused(String)

    /// The error a control call gets, nil when it may run.
    func error(for method: RPCMethod) -> RPCErrorObject? {
        switch self {
        case .granted: return nil
        case .disabled: return .controlDisabled(method.rawValue)
        case let .refused(reason): return .unauthorized(method.rawValue, reason)
        }
    }
}
