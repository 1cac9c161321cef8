import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// Issue 13's attacks on the RPC edge (D1, D2), sent to a real `proofmintd start` over real HTTP.
final class RPCEdgeEndToEndTests: XCTestCase {
    var home = ""
    var node: NodeProcess!

    override func setUpWithError() throws {
        home = Paths.temporaryDirectory("rpc-edge")
        // Not a devnet: the edge's limits are those of a real chain (a devnet may mine 1,000,000 blocks a request).
        let genesis = try Paths.devnetGenesis(writingTo: home + "-genesis.json", parameters: [:], devnet: false)
        try Command.succeed("proofmintd", ["init", "--genesis", genesis, "--home", home, "--dev-validator", "0"])
        node = NodeProcess(home: home)
    }

    override func tearDownWithError() throws {
        node?.kill()
        try? FileManager.default.removeItem(atPath: home)
        try? FileManager.default.removeItem(atPath: home + "-genesis.json")
    }

    private var port: Int { Int(node.url.split(separator: ":").last ?? "") ?? 0 }

    /// 100 × `pm_mine {"blocks":1000}` in one batch: the D1 attack.
    private static let mineBatch = "[" + (1...100).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"pm_mine","params":{"blocks":1000}}"# }
        .joined(separator: ",") + "]"

    private func height() throws -> Int { try XCTUnwrap(node.callObject("pm_status")["height"] as? Int) }

    private func errorCodes(_ body: String) throws -> [Int?] {
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]], body)
        return items.map { ($0["error"] as? [String: Any])?["code"] as? Int }
    }

    /// D1: a node started without --dev-control (interval mode, a validator key) refuses every pm_mine of the batch.
    func testMiningBatchIsRefusedWithoutDevControl() throws {
        try node.start(["--mining", "interval", "--block-time", "60000"], devControl: false)
        let before = try height()
        let reply = try RawHTTP.send(
            port: port, headers: [("Host", "127.0.0.1:\(port)"), ("Content-Type", "application/json")], body: Self.mineBatch)
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(try errorCodes(reply.body), Array(repeating: -32004, count: 100), reply.body)
        XCTAssertEqual(try height(), before, "no block may be produced")
    }

    /// D1 with --dev-control and a token: without the token nothing is mined; with it, one request mines at most
    /// 1,000 blocks however its batch is split.
    func testControlTokenAndPerRequestBlockBudget() throws {
        let tokenFile = home + "/control.token"
        let token = String(repeating: "ab", count: 32)
        try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: tokenFile))
        try node.start(["--mining", "manual", "--durability", "none", "--control-token-file", tokenFile])
        let base = [("Host", "localhost:\(port)"), ("Content-Type", "application/json")]

        let anonymous = try RawHTTP.send(port: port, headers: base, body: Self.mineBatch)
        XCTAssertEqual(try errorCodes(anonymous.body), Array(repeating: -32005, count: 100), anonymous.body)
        let wrong = try RawHTTP.send(port: port, headers: base + [("Authorization", "Bearer " + String(repeating: "cd", count: 32))], body: Self.mineBatch)
        XCTAssertEqual(try errorCodes(wrong.body), Array(repeating: -32005, count: 100), wrong.body)
        XCTAssertEqual(try height(), 0)

        let small = "[" + (1...3).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"pm_mine","params":{"blocks":400}}"# }.joined(separator: ",") + "]"
        let authorised = try RawHTTP.send(port: port, headers: base + [("Authorization", "Bearer \(token)")], body: small)
        XCTAssertEqual(try errorCodes(authorised.body), [nil, nil, -32602], authorised.body)
        XCTAssertEqual(try height(), 800, "two calls of 400 fit the 1,000-block budget, the third does not")
    }

    /// The wallet's client sends what the edge asks for: JSON, its URL's Host, and the token when it has one.
    func testTheWalletClientPassesTheEdge() async throws {
        let tokenFile = home + "/control.token"
        let token = String(repeating: "5a", count: 32)
        try Data(token.utf8).write(to: URL(fileURLWithPath: tokenFile))
        try node.start(["--mining", "manual", "--control-token-file", tokenFile])
        let url = try XCTUnwrap(URL(string: node.url))
        let anonymous = NodeClient(url: url)
        _ = try await anonymous.status()
        do {
            _ = try await anonymous.raw("pm_mine")
            XCTFail("pm_mine without the token was served")
        } catch {
            XCTAssertEqual(error.remoteError?.code, -32005, "\(error)")
        }
        let mined = try await NodeClient(url: url, controlToken: token).raw("pm_mine", params: .object([("blocks", .int(2))]))
        XCTAssertEqual(mined["first_height"], .int(1))
        XCTAssertEqual(mined["last_height"], .int(2))
    }

    /// D2: a forged Host (DNS rebinding), a text/plain body (a cross-site "simple" request) and a foreign Origin are
    /// refused before the handler; configured hosts and origins are served.
    func testHostContentTypeAndOriginGuards() throws {
        try node.start(["--mining", "manual", "--rpc-allowed-hosts", "node.lan", "--rpc-cors-origins", "http://app.example"])
        let status = #"{"jsonrpc":"2.0","id":1,"method":"pm_status"}"#
        let json = ("Content-Type", "application/json")

        let rebound = try RawHTTP.send(port: port, headers: [("Host", "attacker.example:\(port)"), json], body: status)
        XCTAssertEqual(rebound.status, 403, rebound.body)
        XCTAssertTrue(rebound.body.contains("--rpc-allowed-hosts"), rebound.body)
        XCTAssertEqual(try RawHTTP.send(port: port, method: "GET", path: "/metrics", headers: [("Host", "attacker.example")]).status, 403)

        let plain = try RawHTTP.send(port: port, headers: [("Host", "127.0.0.1:\(port)"), ("Content-Type", "text/plain")], body: status)
        XCTAssertEqual(plain.status, 415, plain.body)
        let form = try RawHTTP.send(
            port: port, headers: [("Host", "127.0.0.1"), ("Content-Type", "application/x-www-form-urlencoded")], body: status)
        XCTAssertEqual(form.status, 415, form.body)

        let foreign = try RawHTTP.send(port: port, headers: [("Host", "localhost"), json, ("Origin", "http://attacker.example")], body: status)
        XCTAssertEqual(foreign.status, 403, foreign.body)
        let preflight = try RawHTTP.send(
            port: port, method: "OPTIONS", headers: [("Host", "localhost"), ("Origin", "http://attacker.example"),
            ("Access-Control-Request-Method", "POST")])
        XCTAssertEqual(preflight.status, 403)
        XCTAssertNil(preflight.header("Access-Control-Allow-Origin"))

        let configuredHost = try RawHTTP.send(port: port, headers: [("Host", "NODE.lan:\(port)"), json], body: status)
        XCTAssertEqual(configuredHost.status, 200, configuredHost.body)
        let allowedPreflight = try RawHTTP.send(
            port: port, method: "OPTIONS", headers: [("Host", "localhost"), ("Origin", "http://app.example"),
            ("Access-Control-Request-Method", "POST")])
        XCTAssertEqual(allowedPreflight.status, 204)
        XCTAssertEqual(allowedPreflight.header("Access-Control-Allow-Origin"), "http://app.example")
        let allowed = try RawHTTP.send(port: port, headers: [("Host", "[::1]:\(port)"), json, ("Origin", "http://app.example")], body: status)
        XCTAssertEqual(allowed.status, 200, allowed.body)
        XCTAssertEqual(allowed.header("Access-Control-Allow-Origin"), "http://app.example")
    }
}

/// Issue 13's D4, in part: a cap on open connections, and half-sent requests no longer hold them for good.
final class RPCConnectionLimitEndToEndTests: XCTestCase {
    private let statusRequest = RawHTTP.request(
        headers: [("Host", "localhost"), ("Content-Type", "application/json")], body: #"{"jsonrpc":"2.0","id":1,"method":"pm_status"}"#)

    /// With its 4 slots held by half-sent headers, the node leaves a fifth client unanswered until one of them goes;
    /// then it answers it. Shown by cause and effect, not by how long anything took.
    func testAFifthClientWaitsForASlot() throws {
        let node = try startNode("rpc-cap", ["--rpc-max-connections", "4", "--rpc-idle-timeout", "120"])
        defer { node.kill() }
        var slow = try (0..<4).map { _ in try RawHTTP.open(port: node.port, sending: "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Le") }
        defer { slow.forEach { close($0) } }
        let waiting = try RawHTTP.open(port: node.port, sending: statusRequest)
        defer { close(waiting) }
        XCTAssertFalse(RawHTTP.hasInput(waiting, within: 2), "a fifth connection was served while 4 slots were held")
        close(slow.removeLast())
        let reply = try RawHTTP.readReply(waiting)
        XCTAssertEqual(reply.status, 200, reply.body)
    }

    /// Half-sent requests are closed by the idle timeout, which frees their slots for a new client.
    func testHalfSentRequestsAreClosedAndFreeTheirSlots() throws {
        let node = try startNode("rpc-slots", ["--rpc-max-connections", "4", "--rpc-idle-timeout", "1"])
        defer { node.kill() }
        let slow = try (0..<4).map { _ in try RawHTTP.open(port: node.port, sending: "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Le") }
        defer { slow.forEach { close($0) } }
        for descriptor in slow { XCTAssertTrue(RawHTTP.closedByPeer(descriptor), "a half-sent request stayed open") }
        let waiting = try RawHTTP.open(port: node.port, sending: statusRequest)
        defer { close(waiting) }
        XCTAssertEqual(try RawHTTP.readReply(waiting).status, 200)
    }

    private func startNode(_ name: String, _ flags: [String]) throws -> NodeProcess {
        let home = Paths.temporaryDirectory(name)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: home) }
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        let node = NodeProcess(home: home)
        try node.start(["--mining", "manual"] + flags)
        return node
    }
}
