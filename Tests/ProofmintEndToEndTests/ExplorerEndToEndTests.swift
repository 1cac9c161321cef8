import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// The explorer page and its methods from a real `proofmintd start` over real HTTP: `GET /` and `GET /explorer` serve
/// the page with its CSP next to `/health`, `/metrics` and JSON-RPC; the page's same-origin calls pass the edge; a wallet
/// transfer shows in `pm_getAccountHistory` and its fee's burn in `pm_getSupplyHistory`. (The page itself, in a
/// browser: `make test-browser`.)
final class ExplorerEndToEndTests: XCTestCase {
    private var devnet: WalletDevnet?

    override func tearDownWithError() throws {
        devnet?.remove()
    }

    private func port(_ node: NodeProcess) -> Int { Int(node.url.split(separator: ":").last ?? "") ?? 0 }

    private func get(_ node: NodeProcess, _ path: String) throws -> RawHTTP.Reply {
        try RawHTTP.send(port: port(node), method: "GET", path: path, headers: [("Host", "127.0.0.1:\(port(node))")])
    }

    func testThePageIsServedBesideHealthMetricsAndJSONRPC() throws {
        let devnet = try WalletDevnet(label: "explorer-page", devKeys: 1)
        self.devnet = devnet
        let node = devnet.node
        for path in ["/", "/explorer"] {
            let page = try get(node, path)
            XCTAssertEqual(page.status, 200, path)
            XCTAssertEqual(page.header("Content-Type"), "text/html; charset=utf-8", path)
            let csp = try XCTUnwrap(page.header("Content-Security-Policy"), path)
            XCTAssertTrue(csp.hasPrefix("default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"), csp)
            XCTAssertTrue(page.body.contains("<title>Proofmint explorer</title>"), path)
            XCTAssertTrue(page.body.contains("pm_getSupplyHistory"), "the page reads the node's own methods")
            XCTAssertFalse(page.body.contains("src=\"http"), "nothing is loaded from elsewhere")
        }
        XCTAssertEqual(try get(node, "/health").body, "ok")
        XCTAssertTrue(try get(node, "/metrics").body.contains("proofmint_"))
        XCTAssertNotNil(try node.callObject("pm_status")["height"], "POST / is still JSON-RPC")
        let rebound = try RawHTTP.send(port: port(node), method: "GET", path: "/", headers: [("Host", "attacker.example")])
        XCTAssertEqual(rebound.status, 403, "the Host allowlist guards the page too")
    }

    func testThePagesOwnOriginPassesTheEdgeAndOthersDoNot() throws {
        let devnet = try WalletDevnet(label: "explorer-origin", devKeys: 1)
        self.devnet = devnet
        let port = port(devnet.node)
        let body = #"{"jsonrpc":"2.0","id":1,"method":"pm_status"}"#
        for host in ["127.0.0.1", "localhost"] {
            let own = try RawHTTP.send(
                port: port, headers: [("Host", "\(host):\(port)"), ("Origin", "http://\(host):\(port)"), ("Content-Type", "application/json")],
                body: body)
            XCTAssertEqual(own.status, 200, own.body)
            XCTAssertTrue(own.body.contains("\"result\""), own.body)
            XCTAssertNil(own.header("Access-Control-Allow-Origin"), "a same-origin answer needs no CORS header")
        }
        let foreign = try RawHTTP.send(
            port: port, headers: [("Host", "127.0.0.1:\(port)"), ("Origin", "http://127.0.0.1:1"), ("Content-Type", "application/json")],
            body: body)
        XCTAssertEqual(foreign.status, 403, foreign.body)
    }

    func testNoExplorerLeavesThePageOut() throws {
        let devnet = try WalletDevnet(label: "explorer-off", nodeArguments: ["--mining", "instant", "--no-explorer"], devKeys: 1)
        self.devnet = devnet
        XCTAssertEqual(try get(devnet.node, "/").status, 404)
        XCTAssertEqual(try get(devnet.node, "/explorer").status, 404)
        XCTAssertEqual(try get(devnet.node, "/health").body, "ok")
    }

    func testAWalletTransferShowsInBothHistories() throws {
        let devnet = try WalletDevnet(label: "explorer-history", devKeys: 2)
        self.devnet = devnet
        let node = devnet.node
        let dev0 = try DevAccounts.address(index: 0).text, dev1 = try DevAccounts.address(index: 1).text
        let sent = try devnet.wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "2AI", "--json"]).json()
        let id = try XCTUnwrap(sent["id"] as? String)
        let height = try XCTUnwrap(sent["height"] as? Int)
        for address in [dev0, dev1] {
            let history = try node.callObject("pm_getAccountHistory", ["address": address])
            let entries = try XCTUnwrap(history["entries"] as? [[String: Any]], "\(history)")
            XCTAssertEqual(entries.map { $0["id"] as? String }, [id], address)
            XCTAssertEqual(entries.first?["height"] as? Int, height)
            XCTAssertEqual(entries.first?["index"] as? Int, 0)
        }
        let dev2 = try DevAccounts.address(index: 2).text
        XCTAssertEqual((try node.callObject("pm_getAccountHistory", ["address": dev2])["entries"] as? [Any])?.count, 0)

        let samples = try XCTUnwrap(try node.callObject("pm_getSupplyHistory", ["from_height": height - 1, "to_height": height])["samples"] as? [[String: Any]])
        XCTAssertEqual(samples.map { $0["height"] as? Int }, [height - 1, height])
        let burned = samples.compactMap { ($0["burned"] as? String).flatMap { Amount($0) } }
        XCTAssertEqual(burned.count, 2)
        XCTAssertEqual(burned[1] - burned[0], Tokens.one / 1000 * 4 / 10, "40% of the 0.001 AI fee burned in that block")
        let supply = try node.callObject("pm_getSupply")
        let latest = try XCTUnwrap(try node.callObject("pm_getSupplyHistory", ["points": 1])["samples"] as? [[String: Any]])
        XCTAssertEqual(latest.first?["circulating"] as? String, supply["circulating"] as? String)
    }

    /// `proofmintd init --no-explorer-indexes`: a wallet transfer still goes through and is found by id, `pm_status`
    /// says the indexes are off, both history methods answer -32009 with the reason, a fast-mined run (whose blocks then
    /// carry no supply figures) commits, and `inspect --verify` passes.
    func testAHomeInitialisedWithoutTheIndexesServesAllButTheHistories() throws {
        let devnet = try WalletDevnet(label: "explorer-noindex", initArguments: ["--no-explorer-indexes"], devKeys: 2)
        self.devnet = devnet
        let node = devnet.node
        let sent = try devnet.wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "2AI", "--json"]).json()
        let id = try XCTUnwrap(sent["id"] as? String)
        XCTAssertEqual(try node.callObject("pm_getTransaction", ["id": id])["status"] as? String, "included")
        XCTAssertEqual(try node.callObject("pm_status")["explorer_indexes"] as? Bool, false)
        let dev0 = try DevAccounts.address(index: 0).text
        for (method, params) in [("pm_getAccountHistory", ["address": dev0]), ("pm_getSupplyHistory", [:])] as [(String, [String: Any])] {
            XCTAssertThrowsError(try node.call(method, params), method) { error in
                let failure = error as? RPCFailure
                XCTAssertEqual(failure?.code, -32009, "\(error)")
                XCTAssertTrue(failure?.message.contains("--no-explorer-indexes") ?? false, "\(error)")
            }
        }
        let height = try XCTUnwrap(try node.callObject("pm_status")["height"] as? Int)
        _ = try node.call("pm_mine", ["blocks": 300])
        XCTAssertEqual(try node.callObject("pm_status")["height"] as? Int, height + 300)
        let verify = try Command.succeed("proofmintd", ["inspect", "--home", devnet.home, "--verify", "--json"]).json()
        XCTAssertEqual(verify["consistent"] as? Bool, true, "\(verify)")
    }
}
