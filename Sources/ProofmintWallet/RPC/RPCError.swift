/// Why a call to the node failed: it could not be reached, answered nonsense, or refused the request.
public enum RPCError: Error, Equatable, CustomStringConvertible {
    case invalidNodeURL(String, reason: String)
    case unreachable(url: String, reason: String)
    case httpStatus(url: String, status: Int, body: String)
    case malformedResponse(url: String, method: String, reason: String)
    /// The node answered with a JSON-RPC error.
    case remote(method: String, RPCErrorObject)
    /// The control token file (`PROOFMINT_CONTROL_TOKEN_FILE`) could not be read or is empty.
    case controlToken(path: String, reason: String)

    /// The JSON-RPC error, if the node sent one.
    public var remoteError: RPCErrorObject? {
        if case let .remote(_, error) = self { return error }
        return nil
    }

    /// True for the node's "not found" (-32002) answer.
    public var isNotFound: Bool { remoteError?.knownCode == .notFound }

    public var description: String {
        switch self {
        case let .invalidNodeURL(text, reason):
            return "invalid node URL '\(text)': \(reason) (expected something like \(NodeClient.defaultURL))"
        case let .unreachable(url, reason):
            return "cannot reach node at \(url): \(reason) (is proofmintd running? use --node URL or \(NodeClient.environmentVariable))"
        case let .httpStatus(url, status, body):
            let excerpt = body.isEmpty ? "" : ": \(body.prefix(200))"
            return "node at \(url) answered HTTP \(status)\(excerpt)"
        case let .malformedResponse(url, method, reason):
            return "node at \(url) sent an unexpected answer to \(method): \(reason) (is it a Proofmint node of a matching version?)"
        case let .remote(method, error):
            return "node refused \(method): \(error)"
        case let .controlToken(path, reason):
            return "cannot use the control token file \(path): \(reason) (give the file the node reads with --control-token-file)"
        }
    }
}
