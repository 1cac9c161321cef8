import Foundation
import Logging
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// `pm_getSupplyHistory` and `pm_getAccountHistory` through the JSON-RPC handler of a node that commits real blocks
/// to a real LMDB store.
final class ExplorerQueriesTests: XCTestCase {
    private var directory = ""
    private var chain: TestChain!
    private var node: Node!
    private var handler: JSONRPCHandler!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-explorer-rpc-\(UUID().uuidString)"
        chain = try TestChain(validators: ["validator-a"], users: [("alice", 1_000 * Tokens.one), ("bob", 1_000 * Tokens.one)])
        try startNode(explorerIndexes: true)
    }

    /// A node on a new store in `directory` (which must not hold one), with or without the explorer's indexes.
    private func startNode(explorerIndexes: Bool) throws {
        var options = ChainStore.Options(mapSize: 1 << 30, durability: .none)
        options.explorerIndexes = explorerIndexes
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [], options: options)
        var logger = Logger(label: "proofmint.test.explorer")
        logger.logLevel = .warning
        node = Node(
            store: store, validator: ValidatorKey(name: "validator-a", key: TestKeys.key("validator-a")), mode: .manual,
            emptyBlocks: true, logger: logger)
        handler = JSONRPCHandler(methods: RPCMethods(node: node), metrics: node.metrics)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func call(_ method: String, _ params: String) async throws -> JSONValue {
        let body = #"{"jsonrpc":"2.0","id":1,"method":"\#(method)","params":\#(params)}"#
        let handled = await handler.handle(Array(body.utf8), control: .disabled)
        return try JSONParser.parse(try XCTUnwrap(handled))
    }

    /// Alice sends bob `count` transfers, one block each.
    private func transfers(_ count: Int) async throws -> [Hash32] {
        var ids = [Hash32]()
        for nonce in 0..<UInt64(count) {
            let transfer = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("bob"), amount: Tokens.one, nonce: nonce)
            ids.append(try await node.submit(transfer.canonicalBytes))
            _ = try await node.mine(count: 1)
        }
        return ids
    }

    func testAccountHistoryAnswersNewestFirstAndPages() async throws {
        let ids = try await transfers(4)
        let bob = TestKeys.address("bob").text
        let whole = try await call("pm_getAccountHistory", #"{"address":"\#(bob)"}"#)
        let entries = try XCTUnwrap(whole["result"]?["entries"]?.arrayValue, "\(whole)")
        XCTAssertEqual(entries.compactMap { $0["id"]?.stringValue }, ids.reversed().map(\.description))
        XCTAssertEqual(entries.compactMap { $0["height"]?.intValue }, [4, 3, 2, 1])
        XCTAssertEqual(whole["result"]?["next"], .null)

        let page = try await call("pm_getAccountHistory", #"{"address":"\#(bob)","limit":2}"#)
        XCTAssertEqual(page["result"]?["entries"]?.arrayValue?.compactMap { $0["height"]?.intValue }, [4, 3])
        XCTAssertEqual(page["result"]?["next"]?.intValue, 3)
        let rest = try await call("pm_getAccountHistory", #"{"address":"\#(bob)","limit":2,"before":3}"#)
        XCTAssertEqual(rest["result"]?["entries"]?.arrayValue?.compactMap { $0["height"]?.intValue }, [2, 1])
        XCTAssertEqual(rest["result"]?["next"], .null)
    }

    func testSupplyHistoryAnswersTheBurnOfEachBlock() async throws {
        _ = try await transfers(3)
        let reply = try await call("pm_getSupplyHistory", #"{"points":10}"#)
        let samples = try XCTUnwrap(reply["result"]?["samples"]?.arrayValue, "\(reply)")
        XCTAssertEqual(samples.compactMap { $0["height"]?.intValue }, [0, 1, 2, 3])
        let burned = samples.compactMap { $0["burned"]?.stringValue.flatMap { Amount($0) } }
        let burnPerFee = chain.parameters.minFee * Amount(chain.parameters.feeSplit.burnBps) / 10_000
        XCTAssertEqual(burned, [0, burnPerFee, 2 * burnPerFee, 3 * burnPerFee])
        let supply = try await call("pm_getSupply", "{}")
        XCTAssertEqual(samples.last?["circulating"], supply["result"]?["circulating"], "the last sample is pm_getSupply's answer")

        let ranged = try await call("pm_getSupplyHistory", #"{"from_height":2,"to_height":99,"points":5}"#)
        XCTAssertEqual(ranged["result"]?["samples"]?.arrayValue?.compactMap { $0["height"]?.intValue }, [2, 3])
    }

    func testBadParamsAreRefusedWithWhatToChange() async throws {
        let bob = TestKeys.address("bob").text
        for (method, params, names) in [
            ("pm_getSupplyHistory", #"{"points":0}"#, "'points'"), ("pm_getSupplyHistory", #"{"points":1001}"#, "'points'"),
            ("pm_getSupplyHistory", #"{"from_height":5,"to_height":2}"#, "'from_height'"),
            ("pm_getAccountHistory", #"{"address":"\#(bob)","limit":0}"#, "'limit'"), ("pm_getAccountHistory", "{}", "'address'"),
        ] {
            let reply = try await call(method, params)
            XCTAssertEqual(reply["error"]?["code"]?.intValue, -32602, "\(method) \(params)")
            XCTAssertTrue(reply["error"]?["message"]?.stringValue?.contains(names) ?? false, "\(reply)")
        }
    }

    /// A node whose home was made with `--no-explorer-indexes` says so in `pm_status` and answers both reads with
    /// -32009 and the reason, while its blocks, transactions and receipts are served as before.
    func testANodeWithoutTheIndexesAnswersNotIndexed() async throws {
        let kept = try await call("pm_status", "{}")
        XCTAssertEqual(kept["result"]?["explorer_indexes"], .bool(true))
        try FileManager.default.removeItem(atPath: directory)
        directory += "-without"
        try startNode(explorerIndexes: false)
        let ids = try await transfers(2)
        let status = try await call("pm_status", "{}")
        XCTAssertEqual(status["result"]?["explorer_indexes"], .bool(false))
        let bob = TestKeys.address("bob").text
        for (method, params, index) in [
            ("pm_getAccountHistory", #"{"address":"\#(bob)"}"#, "account history"), ("pm_getSupplyHistory", "{}", "supply history"),
        ] {
            let reply = try await call(method, params)
            XCTAssertEqual(reply["error"]?["code"]?.intValue, -32009, "\(method): \(reply)")
            let message = reply["error"]?["message"]?.stringValue ?? ""
            XCTAssertTrue(message.contains(index) && message.contains("--no-explorer-indexes"), message)
        }
        let found = try await call("pm_getTransaction", #"{"id":"\#(ids[1].hex)"}"#)
        XCTAssertEqual(found["result"]?["height"]?.intValue, 2, "the transaction index is kept: \(found)")
    }
}
