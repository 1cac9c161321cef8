import ProofmintRPC

/// A request the HTTP edge refuses before the JSON-RPC handler sees it: the HTTP status and the JSON-RPC error
/// sent as the body, so JSON-RPC clients read the reason like any other error.
public struct RPCEdgeRefusal: Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    public let error: RPCErrorObject

    public init(status: Int, _ error: RPCErrorObject) {
        self.status = status
        self.error = error
    }

    public var description: String { "HTTP \(status): \(error.message)" }
}
