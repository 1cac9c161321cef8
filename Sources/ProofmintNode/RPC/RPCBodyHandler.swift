import ProofmintCore

/// The JSON-RPC request body → response body path without HTTP, control methods off: what a POST reaches once the
/// edge (`RPCEdgeMiddleware`) has let it through. Public so in-process callers that have no HTTP request, the fuzz
/// targets (`ProofmintFuzzTargets`), drive the very handler the server uses.
public struct RPCBodyHandler: Sendable {
    private let handler: JSONRPCHandler

    public init(node: Node) {
        handler = JSONRPCHandler(methods: RPCMethods(node: node), metrics: node.metrics)
    }

    /// The response body, or nil when every request in `body` was a notification.
    public func respond(to body: Bytes) async -> Bytes? {
        await handler.handle(body, control: .disabled)
    }
}
