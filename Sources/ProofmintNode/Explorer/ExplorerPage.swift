import Hummingbird
import NIOCore

/// The explorer's routes: `GET /` and `GET /explorer` answer the page (`ExplorerHTML`), which then reads the chain
/// through the node's own JSON-RPC (`POST /`, same origin, so the edge's CORS rule does not apply to it). On by default;
/// `proofmintd start --no-explorer` leaves them out.
enum ExplorerPage {
    /// The paths the page is served at.
    static let paths = ["/", "/explorer"]

    /// Only the node itself: the page's inline style and script, and fetches to its own origin. No frames may embed it.
    static let contentSecurityPolicy =
        "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    static func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        let body = ByteBuffer(string: ExplorerHTML.page)
        for path in paths {
            router.get(RouterPath(stringLiteral: path)) { _, _ -> Response in
                Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
            }
        }
    }

    static var headers: HTTPFields {
        [
            .contentType: "text/html; charset=utf-8", .contentSecurityPolicy: contentSecurityPolicy, .xContentTypeOptions: "nosniff",
            .cacheControl: "no-cache",
        ]
    }
}
