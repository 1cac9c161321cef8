import Hummingbird
import ProofmintRPC

/// Applies `RPCEdgePolicy` to every route (JSON-RPC, metrics, health): the Host allowlist and the Origin check on
/// every request (the node's own origin, where the explorer page comes from, is not cross-origin), the content type on
/// POST bodies, CORS preflights answered only for configured origins.
struct RPCEdgeMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: RPCEdgePolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // HTTP/1.1's Host becomes the request's authority; a second Host header stays among the fields.
        if let refusal = policy.checkHost(request.head.authority, extraHostHeaders: request.headers.filter { $0.name.canonicalName == "host" }.count) {
            return Self.refuse(refusal)
        }
        // The node's own explorer page calls from its own origin: not a cross-origin request, so no CORS check.
        let origin = request.headers[.origin].flatMap { policy.isSameOrigin($0, authority: request.head.authority) ? nil : $0 }
        if let refusal = policy.checkOrigin(origin) { return Self.refuse(refusal) }
        if request.method == .options {
            // With an origin, reached only when it is allowed: the preflight a browser sends before a JSON POST.
            guard let origin else { return Response(status: .methodNotAllowed) }
            var headers = Self.corsHeaders(origin: origin)
            headers[.accessControlAllowMethods] = "POST, GET, OPTIONS"
            headers[.accessControlAllowHeaders] = "Content-Type, Authorization"
            headers[.accessControlMaxAge] = "600"
            return Response(status: .noContent, headers: headers)
        }
        if request.method == .post, let refusal = policy.checkContentType(request.headers[.contentType]) {
            return Self.refuse(refusal)
        }
        var response = try await next(request, context)
        if let origin { response.headers.append(contentsOf: Self.corsHeaders(origin: origin)) }
        return response
    }

    private static func corsHeaders(origin: String) -> HTTPFields {
        [.accessControlAllowOrigin: origin, .vary: "Origin"]
    }

    private static func refuse(_ refusal: RPCEdgeRefusal) -> Response {
        let body = JSONRPCHandler.encode(JSONRPCHandler.errorResponse(id: .null, refusal.error))
        return RPCServer.json(body, status: HTTPResponse.Status(code: refusal.status))
    }
}
