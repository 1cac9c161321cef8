import ProofmintCore

/// The errors every server of the contract answers with, worded once.
extension RPCErrorObject {
    public static func parse(_ detail: String) -> Self { Self(.parseError, "parse error: \(detail)") }
    public static func invalidRequest(_ detail: String) -> Self { Self(.invalidRequest, "invalid request: \(detail)") }
    public static func methodNotFound(_ method: String) -> Self { Self(.methodNotFound, "method not found: \(method)") }
    public static func invalidParams(_ detail: String) -> Self { Self(.invalidParams, "invalid params: \(detail)") }
    public static func internalError(_ detail: String) -> Self { Self(.internalError, "internal error: \(detail)") }
    public static func notFound(_ detail: String) -> Self { Self(.notFound, detail) }
    public static func miningUnavailable(_ detail: String) -> Self { Self(.miningUnavailable, detail) }
    public static func controlDisabled(_ method: String) -> Self {
        Self(.controlDisabled, "\(method) is a devnet control method and this node was started without --dev-control (`make devnet` turns it on)")
    }
    public static func unauthorized(_ method: String, _ reason: String) -> Self {
        Self(.unauthorized, "\(method) needs the control token: \(reason); send `Authorization: Bearer <token>` with the content of the node's --control-token-file")
    }
    public static func notADevnet(_ detail: String) -> Self { Self(.notADevnet, detail) }
    /// `index` ("account history", "supply history") is one of the explorer's indexes, which this node does not keep.
    public static func notIndexed(_ index: String) -> Self {
        Self(.notIndexed, "this node keeps no \(index): its home was made with --no-explorer-indexes; ask a node that keeps the explorer's indexes")
    }
    /// `data.message` is the storage failure alone, for a client that shows the reason apart from the advice.
    public static func storageUnavailable(_ message: String, reason: String) -> Self {
        Self(.storageUnavailable, message, data: RPCErrorData(name: RPCErrorCode.storageUnavailable.name, message: reason))
    }
    /// A per-client limit of the node's edge (`kind`: "submissions" or "expensive reads") refused the call.
    public static func rateLimited(_ method: String, kind: String, retryAfterMs: UInt64) -> Self {
        let message = "\(method): this client has used its \(kind) for now; retry after \(retryAfterMs) ms"
        return Self(.rateLimited, message, data: RPCErrorData(name: RPCErrorCode.rateLimited.name, message: message, retryAfterMs: retryAfterMs))
    }

    /// A bad parameter, named as the caller wrote it (`'address' is missing`).
    public static func invalidParams(_ shape: JSONShapeError) -> Self {
        let path = shape.path.hasPrefix("params.") ? String(shape.path.dropFirst("params.".count)) : shape.path
        return invalidParams(JSONShapeError(path: path, problem: shape.problem).description)
    }
}
