import ProofmintRPC
import XCTest

@testable import ProofmintNode

/// Issue 13's D2 at the HTTP edge: a forged Host (DNS rebinding), a body a web page can send without a CORS
/// preflight, and a foreign Origin are refused with the documented HTTP status.
final class RPCEdgePolicyTests: XCTestCase {
    func testTheHostAllowlistAcceptsLoopbackAndTheBoundAddressOnly() {
        let policy = RPCEdgePolicy(boundHost: "127.0.0.1")
        for host in ["localhost", "localhost:8645", "LOCALHOST.", "127.0.0.1:8645", "[::1]:8645", "[::1]"] {
            XCTAssertNil(policy.checkHost(host), host)
        }
        for host in ["attacker.example", "attacker.example:8645", "127.0.0.1.attacker.example", "10.0.0.5:8645", "localhost.evil"] {
            XCTAssertEqual(policy.checkHost(host)?.status, 403, host)
        }
        XCTAssertEqual(policy.checkHost(nil)?.status, 403)
        XCTAssertEqual(policy.checkHost("localhost", extraHostHeaders: 1)?.status, 400)
        XCTAssertTrue(policy.checkHost("attacker.example")?.error.message.contains("--rpc-allowed-hosts") ?? false)
        XCTAssertEqual(policy.checkHost("attacker.example")?.error.code, -32600)
    }

    func testTheAllowlistIsConfigurable() {
        let bound = RPCEdgePolicy(boundHost: "10.0.0.5", extraHosts: ["Node.LAN"])
        XCTAssertNil(bound.checkHost("10.0.0.5:8645"))
        XCTAssertNil(bound.checkHost("node.lan:8645"))
        XCTAssertNotNil(bound.checkHost("other.lan"))
        let wildcard = RPCEdgePolicy(boundHost: "0.0.0.0")
        XCTAssertNotNil(wildcard.checkHost("0.0.0.0:8645"), "a wildcard bind does not name a host")
        XCTAssertNil(RPCEdgePolicy(boundHost: "0.0.0.0", extraHosts: ["*"]).checkHost("anything.example"))
    }

    func testOnlyJSONBodiesAreAccepted() {
        let policy = RPCEdgePolicy(boundHost: "127.0.0.1")
        for type in ["application/json", "Application/JSON", "application/json; charset=utf-8"] {
            XCTAssertNil(policy.checkContentType(type), type)
        }
        for type in [nil, "", "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data",
            "application/jsonp", "application/json-seq"] as [String?] {
            XCTAssertEqual(policy.checkContentType(type)?.status, 415, type ?? "nil")
        }
    }

    func testCORSIsOffUnlessOriginsAreConfigured() {
        let closed = RPCEdgePolicy(boundHost: "127.0.0.1")
        XCTAssertNil(closed.checkOrigin(nil), "clients that are not browsers send no Origin")
        XCTAssertEqual(closed.checkOrigin("http://attacker.example")?.status, 403)
        XCTAssertEqual(closed.checkOrigin("null")?.status, 403)
        let open = RPCEdgePolicy(boundHost: "127.0.0.1", corsOrigins: ["http://app.example"])
        XCTAssertNil(open.checkOrigin("http://APP.example"))
        XCTAssertEqual(open.checkOrigin("http://app.example.attacker.example")?.status, 403)
        XCTAssertNil(RPCEdgePolicy(boundHost: "127.0.0.1", corsOrigins: ["*"]).checkOrigin("http://any.example"))
    }

    func testTheNodesOwnOriginIsNotCrossOrigin() {
        let policy = RPCEdgePolicy(boundHost: "127.0.0.1")
        XCTAssertTrue(policy.isSameOrigin("http://127.0.0.1:8645", authority: "127.0.0.1:8645"))
        XCTAssertTrue(policy.isSameOrigin("http://LOCALHOST:8645", authority: "localhost:8645"))
        XCTAssertFalse(policy.isSameOrigin("http://127.0.0.1:9999", authority: "127.0.0.1:8645"), "another port is another origin")
        XCTAssertFalse(policy.isSameOrigin("https://127.0.0.1:8645", authority: "127.0.0.1:8645"), "the node serves plain HTTP")
        XCTAssertFalse(policy.isSameOrigin("http://attacker.example:8645", authority: "127.0.0.1:8645"))
        XCTAssertFalse(policy.isSameOrigin("http://127.0.0.1:8645", authority: nil))
        // A rebinding page sends its own name as Host and Origin: same-origin only if the allowlist names it.
        XCTAssertFalse(policy.isSameOrigin("http://rebind.example:8645", authority: "rebind.example:8645"))
        let any = RPCEdgePolicy(allowedHosts: ["*"])
        XCTAssertFalse(any.isSameOrigin("http://rebind.example:8645", authority: "rebind.example:8645"), "a * allowlist names no host")
        let named = RPCEdgePolicy(boundHost: "0.0.0.0", extraHosts: ["node.lan"])
        XCTAssertTrue(named.isSameOrigin("http://node.lan:8645", authority: "node.lan:8645"))
    }
}
