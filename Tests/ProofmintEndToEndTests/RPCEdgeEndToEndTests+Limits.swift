import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// Issue 13's D4, the rest: a request that trickles in is cut by the request deadline, and one client's flood of
/// submissions or expensive reads is refused with HTTP 429 and -32007, against a real node over real HTTP (the
/// edge tests' initialised home and node).
extension RPCEdgeEndToEndTests {
    /// Slowloris: the head at once, then the body one byte every 0.2 s. Each byte is a body part that resets the
    /// 3 s idle timeout, so without a deadline the connection is held until the 200-odd bytes have crawled in (and
    /// is then answered, which fails the test); the 1 s request deadline cuts it long before, and the node still
    /// serves everyone else.
    func testARequestTricklingInIsCutByTheRequestDeadline() throws {
        try node.start(["--mining", "manual", "--rpc-idle-timeout", "3", "--rpc-request-timeout", "1"])
        let body = #"{"jsonrpc":"2.0","id":1,"method":"pm_getAccount","params":{"address":"\#(String(repeating: "x", count: 200))"}}"#
        let head = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        let sent = try RawHTTP.trickle(port: node.port, head: head, trickled: body, every: 0.2)
        let cutAt = try XCTUnwrap(sent, "the node let a trickling request arrive whole")
        XCTAssertLessThan(cutAt, body.utf8.count)
        XCTAssertNotNil(try node.callObject("pm_status")["height"])
    }

    /// A batch of 20 valid transfers from one client with a burst of 5: 5 enter the mempool, 15 are refused with
    /// -32007 and a wait, the answer is HTTP 429 with Retry-After; block reads past their burst likewise, while
    /// free calls are still answered.
    func testAFloodOfSubmissionsAndBlockReadsIsRefusedWith429() throws {
        try node.start([
            "--mining", "manual", "--rpc-submit-rate", "1", "--rpc-submit-burst", "5", "--rpc-read-rate", "1", "--rpc-read-burst", "3",
            "--rpc-loopback-factor", "1",
        ])
        let key = try DevAccounts.key(index: 2)
        let transfers = (0..<20).map { nonce in
            let transaction = Transaction(
                chainId: "proofmint-devnet-1", sender: key.publicKey, nonce: UInt64(nonce), fee: Tokens.one / 1000,
                payload: .transfer(Transfer(recipient: Address(module: "flood-\(nonce)"), amount: Tokens.one))
            ).signed(by: key)
            return #"{"jsonrpc":"2.0","id":\#(nonce),"method":"pm_sendTransaction","params":{"tx":"\#(transaction.canonicalBytes.hex)"}}"#
        }
        let flood = try post("[" + transfers.joined(separator: ",") + "]")
        XCTAssertEqual(flood.status, 429)
        XCTAssertEqual(flood.header("Retry-After"), "1")
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(flood.body.utf8)) as? [[String: Any]])
        let errors = items.map { $0["error"] as? [String: Any] }
        XCTAssertEqual(errors.map { $0?["code"] as? Int }, Array(repeating: nil, count: 5) + Array(repeating: -32007, count: 15))
        let data = try XCTUnwrap(errors[5]?["data"] as? [String: Any])
        XCTAssertEqual(data["name"] as? String, "rate_limited")
        XCTAssertGreaterThan(try XCTUnwrap(data["retry_after_ms"] as? Int), 0)
        XCTAssertEqual(try node.callObject("pm_status")["mempool_size"] as? Int, 5, "a refused submission must not enter the mempool")

        let reads = (0..<5).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"pm_getBlock","params":{"height":0}}"# }
            + [#"{"jsonrpc":"2.0","id":9,"method":"pm_status"}"#]
        let readFlood = try post("[" + reads.joined(separator: ",") + "]")
        XCTAssertEqual(readFlood.status, 429)
        let readItems = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(readFlood.body.utf8)) as? [[String: Any]])
        XCTAssertEqual(readItems.map { ($0["error"] as? [String: Any])?["code"] as? Int }, [nil, nil, nil, -32007, -32007, nil])
    }

    private func post(_ body: String) throws -> RawHTTP.Reply {
        try RawHTTP.send(port: node.port, headers: [("Host", "localhost"), ("Content-Type", "application/json")], body: body)
    }
}
