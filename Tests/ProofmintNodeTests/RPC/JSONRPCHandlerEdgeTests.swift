import Foundation
import Logging
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// Issue 13's attacks on the JSON-RPC handler (D1: control methods; D11: the strict parser), sent as bodies to the
/// handler of a node that can produce every block (one validator, manual mining).
final class JSONRPCHandlerEdgeTests: XCTestCase {
    private var directory = ""
    private var node: Node!
    private var handler: JSONRPCHandler!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-rpc-edge-\(UUID().uuidString)"
        let chain = try TestChain(validators: ["validator-a"], users: [("alice", 1_000 * Tokens.one)])
        let store = try ChainStore.create(
            at: directory, genesis: chain.genesis, genesisFile: [], options: .init(mapSize: 1 << 30, durability: .none))
        var logger = Logger(label: "proofmint.test.rpc-edge")
        logger.logLevel = .warning
        node = Node(
            store: store, validator: ValidatorKey(name: "validator-a", key: TestKeys.key("validator-a")), mode: .manual,
            emptyBlocks: true, logger: logger)
        handler = JSONRPCHandler(methods: RPCMethods(node: node), metrics: node.metrics)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func send(_ body: String, control: ControlVerdict) async throws -> JSONValue {
        let handled = await handler.handle(Array(body.utf8), control: control)
        return try JSONParser.parse(try XCTUnwrap(handled))
    }

    private func codes(_ reply: JSONValue) -> [Int?] {
        let items: [JSONValue]
        if case let .array(array) = reply { items = array } else { items = [reply] }
        return items.map { $0["error"]?["code"]?.intValue }
    }

    private static func mineBatch(_ blocks: [Int]) -> String {
        "[" + blocks.enumerated().map { #"{"jsonrpc":"2.0","id":\#($0.offset),"method":"pm_mine","params":{"blocks":\#($0.element)}}"# }
            .joined(separator: ",") + "]"
    }

    // MARK: - D1

    func testTheMiningBatchIsRefusedWhenControlIsOff() async throws {
        let reply = try await send(Self.mineBatch(Array(repeating: 1000, count: 100)), control: .disabled)
        XCTAssertEqual(codes(reply), Array(repeating: -32004, count: 100))
        XCTAssertEqual(node.store.head.height, 0)
        let single = try await send(#"{"jsonrpc":"2.0","id":1,"method":"pm_mine"}"#, control: .disabled)
        XCTAssertTrue(single["error"]?["message"]?.stringValue?.contains("--dev-control") ?? false, "\(single)")
    }

    func testControlCallsWithoutTheTokenAreRefused() async throws {
        let token = String(repeating: "7f", count: 32)
        let access = ControlAccess(enabled: true, token: token)
        XCTAssertEqual(access.verdict(authorization: "Bearer \(token)"), .granted)
        XCTAssertEqual(access.verdict(authorization: "bearer  \(token) "), .granted)
        for header in [nil, "", "Bearer", "Bearer \(token)0", "Bearer " + String(token.dropLast()), "Basic \(token)", token] {
            guard case .refused = access.verdict(authorization: header) else { return XCTFail("\(header ?? "nil") was granted") }
        }
        XCTAssertEqual(ControlAccess.disabled.verdict(authorization: "Bearer \(token)"), .disabled)
        XCTAssertEqual(ControlAccess.open.verdict(authorization: nil), .granted)

        let reply = try await send(Self.mineBatch([1, 1]), control: access.verdict(authorization: "Bearer nope"))
        XCTAssertEqual(codes(reply), [-32005, -32005])
        XCTAssertEqual(node.store.head.height, 0)
        // Reads stay open to everyone.
        let status = try await send(#"{"jsonrpc":"2.0","id":1,"method":"pm_status"}"#, control: .disabled)
        XCTAssertNil(status["error"])
    }

    func testOneRequestMinesAtMostAThousandBlocksAcrossItsBatch() async throws {
        let reply = try await send(Self.mineBatch([600, 500, 400, 1]), control: .granted)
        XCTAssertEqual(codes(reply), [nil, -32602, nil, -32602])
        XCTAssertEqual(node.store.head.height, 1000)
        let tooMany = try await send(Self.mineBatch([1001]), control: .granted)
        XCTAssertEqual(codes(tooMany), [-32602])
        XCTAssertEqual(node.store.head.height, 1000)
    }

    func testTokenFilesAreCheckedWhenRead() throws {
        let path = directory + "/token"
        XCTAssertThrowsError(try ControlAccess.readToken(file: path)) { XCTAssertEqual($0 as? ControlTokenError, .unreadable(path: path)) }
        try Data("short\n".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ControlAccess.readToken(file: path)) { error in
            guard case .malformed = error as? ControlTokenError else { return XCTFail("\(error)") }
        }
        try Data((String(repeating: "a", count: 20) + " " + String(repeating: "b", count: 20)).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ControlAccess.readToken(file: path))
        let token = String(repeating: "0123456789abcdef", count: 4)
        try Data("\(token)\n".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try ControlAccess.readToken(file: path), token)
    }

    // MARK: - D11

    func testDuplicateMembersAndTrailingCommasAreParseErrors() async throws {
        // Were the last duplicate to win, this would mine: control is granted here on purpose.
        let duplicate = #"{"jsonrpc":"2.0","id":1,"method":"pm_status","method":"pm_mine"}"#
        let duplicateReply = try await send(duplicate, control: .granted)
        XCTAssertEqual(codes(duplicateReply), [-32700])
        let nested = #"{"jsonrpc":"2.0","id":1,"method":"pm_mine","params":{"blocks":1,"blocks":2}}"#
        let nestedReply = try await send(nested, control: .granted)
        XCTAssertEqual(codes(nestedReply), [-32700])
        let trailingMember = #"{"jsonrpc":"2.0","id":1,"method":"pm_mine",}"#
        let trailingMemberReply = try await send(trailingMember, control: .granted)
        XCTAssertEqual(codes(trailingMemberReply), [-32700])
        let trailingElement = #"[{"jsonrpc":"2.0","id":1,"method":"pm_mine"},]"#
        let trailingElementReply = try await send(trailingElement, control: .granted)
        XCTAssertEqual(codes(trailingElementReply), [-32700])
        XCTAssertEqual(node.store.head.height, 0, "nothing may be mined by a body the parser should refuse")
    }

    // MARK: - D4: per-client limits

    /// A batch of 10 submissions and 3 block reads from one client with a burst of 4 and 2: the first of each are
    /// served, the rest refused with -32007 and how long to wait, and free calls in the same batch still answered.
    func testABatchIsChargedEntryByEntryToItsClient() async throws {
        let limits = ClientRateLimiter.Limits(
            submissions: .init(perSecond: 1, burst: 4), expensiveReads: .init(perSecond: 2, burst: 2), loopbackFactor: 1, maxClients: 10)
        let limited = JSONRPCHandler(methods: handler.methods, metrics: node.metrics, limiter: ClientRateLimiter(limits: limits), clock: { 7 })
        let calls = Array(repeating: #""method":"pm_sendTransaction","params":{"tx":"00"}"#, count: 10)
            + Array(repeating: #""method":"pm_getBlock","params":{"height":0}"#, count: 3) + [#""method":"pm_status""#]
        let body = "[" + calls.enumerated().map { #"{"jsonrpc":"2.0","id":\#($0.offset),\#($0.element)}"# }.joined(separator: ",") + "]"
        let client = RPCClient(key: "203.0.113.5", isLoopback: false)
        let reply = await limited.reply(Array(body.utf8), client: client)
        let parsed = try JSONParser.parse(try XCTUnwrap(reply.body))
        XCTAssertEqual(codes(parsed), Array(repeating: -32602, count: 4) + Array(repeating: -32007, count: 6) + [nil, nil, -32007, nil])
        XCTAssertEqual(reply.retryAfterMs, 1_000)
        guard case let .array(items) = parsed else { return XCTFail("not a batch: \(parsed)") }
        XCTAssertEqual(items[4]["error"]?["data"]?["retry_after_ms"]?.intValue, 1_000)
        XCTAssertEqual(items[12]["error"]?["data"]?["retry_after_ms"]?.intValue, 500)
        XCTAssertEqual(items[12]["error"]?["data"]?["name"]?.stringValue, "rate_limited")
        // Another client is not affected, and without a client (the handler alone) nothing is charged.
        let other = await limited.reply(Array(body.utf8), client: RPCClient(key: "203.0.113.6", isLoopback: false))
        XCTAssertEqual(other.retryAfterMs, 1_000)
        let unlimited = await limited.reply(Array(body.utf8), client: nil)
        XCTAssertNil(unlimited.retryAfterMs)
    }
}
