import Foundation
import XCTest
@testable import ProofmintWallet

final class NodeClientTests: XCTestCase {
    private func signedTransfer(nonce: UInt64 = 0) throws -> SignedTransaction {
        TransferRequest(chainId: "proofmint-devnet", recipient: try DevAccounts.address(index: 1), amount: Tokens.one, nonce: nonce)
            .signed(by: try DevAccounts.key(index: 0))
    }

    private static func status(_ id: Hash32, included: Bool, code: Int = 0) -> JSONValue {
        .object([
            ("id", .string(id.hex)),
            ("status", .string(included ? "included" : "pending")),
            ("height", included ? .uint(9) : .null),
            ("index", included ? .uint(0) : .null),
            ("block_hash", included ? .string(String(repeating: "d", count: 64)) : .null),
            ("transaction", .object([])),
            ("raw", .string("")),
            ("receipt", included
                ? .object([("transaction_id", .string(id.hex)), ("code", .int(code)),
                           ("status", .string(code == 0 ? "ok" : "insufficient_balance")), ("fee_charged", .string("1000")),
                           ("events", .array([]))])
                : .null),
        ])
    }

    func testStatusAndSendFollowTheContract() throws {
        let transaction = try signedTransfer()
        let server = try CannedRPCServer { method, params in
            switch method {
            case "pm_status":
                return CannedRPCServer.result(.object([
                    ("chain_id", .string("proofmint-devnet")), ("genesis_hash", .string("aa")), ("height", .uint(5)),
                    ("head_hash", .string("bb")), ("state_root", .string("cc")), ("timestamp", .uint(1_700_000_000_000)),
                    ("mempool_size", .uint(0)), ("mining_mode", .string("instant")), ("validator", .null),
                ]))
            case "pm_sendTransaction":
                // The wallet must send exactly the canonical signed bytes.
                guard let hex = params["tx"]?.stringValue, let raw = Bytes(hex: hex), let decoded = try? SignedTransaction(canonical: raw)
                else { return CannedRPCServer.error(code: -32602, message: "bad tx") }
                return CannedRPCServer.result(.object([("id", .string(decoded.id.hex))]))
            default:
                return CannedRPCServer.error(code: -32601, message: "method not found")
            }
        }
        defer { server.stop() }
        let client = NodeClient(url: server.url)
        let expectation = expectation(description: "calls")
        Task {
            let status = try await client.status()
            XCTAssertEqual(status.chainId, "proofmint-devnet")
            XCTAssertEqual(status.height, 5)
            XCTAssertNil(status.validator)
            let id = try await client.send(transaction)
            XCTAssertEqual(id, transaction.id)
            expectation.fulfill()
        }
        wait(for: [expectation], timeout: 20)
        XCTAssertEqual(server.methods, ["pm_status", "pm_sendTransaction"])
    }

    func testRejectedTransactionShowsTheTransactionError() async throws {
        let server = try CannedRPCServer { _, _ in
            CannedRPCServer.error(
                code: -32000, message: "transaction rejected",
                data: .object([("code", .int(10)), ("name", .string("nonce_too_low")),
                               ("message", .string("nonce 0 was already used; the account's next nonce is 3"))]))
        }
        defer { server.stop() }
        let transaction = try signedTransfer()
        do {
            _ = try await NodeClient(url: server.url).send(transaction)
            XCTFail("expected a rejection")
        } catch {
            XCTAssertEqual(error.remoteError?.code, -32000)
            XCTAssertEqual(error.remoteError?.transactionErrorName, "nonce_too_low")
            XCTAssertEqual(error.remoteError?.transactionErrorCode, 10)
            let message = "\(error)"
            XCTAssertTrue(message.contains("-32000") && message.contains("nonce_too_low") && message.contains("next nonce is 3"), message)
        }
    }

    func testUnreachableNodeIsNamed() async throws {
        // Bind a port, then free it: nothing listens there any more.
        let server = try CannedRPCServer { _, _ in CannedRPCServer.result(.null) }
        let url = server.url
        server.stop()
        do {
            _ = try await NodeClient(url: url, requestTimeout: 5).status()
            XCTFail("expected a connection failure")
        } catch {
            guard case let .unreachable(reported, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(reported, url.absoluteString)
            XCTAssertTrue("\(error)".hasPrefix("cannot reach node at \(url.absoluteString): "), "\(error)")
        }
    }

    func testHTTPErrorsAndMalformedAnswers() async throws {
        let server = try CannedRPCServer { method, _ in
            switch method {
            case "pm_status": return (413, #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"request too large"}}"#)
            case "pm_getBlock": return (502, "<html>bad gateway</html>")
            case "pm_getAccount": return CannedRPCServer.result(.object([("address", .string("pm1nope"))]))
            default: return (200, "not json")
            }
        }
        defer { server.stop() }
        let client = NodeClient(url: server.url)
        do {
            _ = try await client.status()
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.remoteError?.code, -32600)
        }
        do {
            _ = try await client.block(.latest)
            XCTFail("expected an error")
        } catch {
            guard case .httpStatus(_, 502, _) = error else { return XCTFail("\(error)") }
        }
        let address = try DevAccounts.address(index: 0)
        do {
            _ = try await client.account(address)
            XCTFail("expected an error")
        } catch {
            guard case let .malformedResponse(_, method, reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(method, "pm_getAccount")
            XCTAssertTrue(reason.contains("result.address"), reason)
        }
        do {
            _ = try await client.transaction(Hash32.digest([1]))
            XCTFail("expected an error")
        } catch {
            guard case .malformedResponse = error else { return XCTFail("\(error)") }
        }
    }

    func testWaitingReturnsTheReceiptOnceIncluded() async throws {
        let transaction = try signedTransfer()
        let counter = Counter()
        let server = try CannedRPCServer { _, _ in
            // Unknown first (not indexed yet), then pending, then included.
            switch counter.next() {
            case 0: return CannedRPCServer.error(code: -32002, message: "not found")
            case 1: return CannedRPCServer.result(Self.status(transaction.id, included: false))
            default: return CannedRPCServer.result(Self.status(transaction.id, included: true, code: 100))
            }
        }
        defer { server.stop() }
        let watcher = InclusionWatcher(client: NodeClient(url: server.url), timeout: .seconds(20), pollInterval: .milliseconds(10))
        let status = try await watcher.wait(for: transaction.id)
        XCTAssertTrue(status.isIncluded)
        XCTAssertEqual(status.height, 9)
        XCTAssertEqual(status.receipt?.code, 100)
        XCTAssertEqual(status.receipt?.status, "insufficient_balance")
        XCTAssertEqual(status.receipt?.succeeded, false)
        XCTAssertEqual(status.receipt?.feeCharged, 1000)
    }

    func testWaitingTimesOut() async throws {
        let transaction = try signedTransfer()
        let server = try CannedRPCServer { _, _ in CannedRPCServer.result(Self.status(transaction.id, included: false)) }
        defer { server.stop() }
        let watcher = InclusionWatcher(client: NodeClient(url: server.url), timeout: .milliseconds(300), pollInterval: .milliseconds(20))
        do {
            _ = try await watcher.wait(for: transaction.id)
            XCTFail("expected a timeout")
        } catch {
            XCTAssertEqual(error, .timedOut(id: transaction.id, seconds: 0.3, lastStatus: "pending"))
            XCTAssertTrue("\(error)".contains("query tx \(transaction.id)"))
        }
    }

    func testOtherErrorsEndTheWait() async throws {
        let server = try CannedRPCServer { _, _ in CannedRPCServer.error(code: -32603, message: "database unreadable") }
        defer { server.stop() }
        let watcher = InclusionWatcher(client: NodeClient(url: server.url), timeout: .seconds(20), pollInterval: .milliseconds(10))
        do {
            _ = try await watcher.wait(for: Hash32.digest([1]))
            XCTFail("expected an error")
        } catch {
            guard case let .rpc(inner) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(inner.remoteError?.code, -32603)
        }
    }

    func testNodeURLParsing() throws {
        XCTAssertEqual(try NodeClient.parseURL("http://127.0.0.1:8645").absoluteString, "http://127.0.0.1:8645")
        XCTAssertEqual(try NodeClient.parseURL("localhost:9").absoluteString, "http://localhost:9")
        for bad in ["", "ftp://host", "http://"] {
            XCTAssertThrowsError(try NodeClient.parseURL(bad), bad) { error in
                guard case .invalidNodeURL? = error as? RPCError else { return XCTFail("\(error)") }
            }
        }
    }
}

/// A thread-safe call counter for canned servers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}
