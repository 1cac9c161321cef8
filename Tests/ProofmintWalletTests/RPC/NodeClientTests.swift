import Foundation
import ProofmintTestSupport
import XCTest
@testable import ProofmintWallet

final class NodeClientTests: XCTestCase {
    private func signedTransfer(nonce: UInt64 = 0) throws -> SignedTransaction {
        TransferRequest(chainId: "proofmint-devnet", recipient: try DevAccounts.address(index: 1), amount: Tokens.one, nonce: nonce)
            .signed(by: try DevAccounts.key(index: 0))
    }

    /// The `pm_getTransaction` answer for `transaction`: pending, or included at height 9 with a receipt of `code`.
    private static func status(_ transaction: SignedTransaction, included: Bool, code: UInt16 = 0) -> TransactionStatus {
        guard included else { return .pending(transaction) }
        return .included(
            transaction, height: 9, index: 0, blockHash: Hash32.digest([0xdd]),
            receipt: Receipt(transactionId: transaction.id, code: code, feeCharged: 1000, events: []))
    }

    func testStatusAndSendFollowTheContract() throws {
        let transaction = try signedTransfer()
        let server = try CannedRPCServer { method, params in
            switch method {
            case "pm_status":
                return CannedRPCServer.result(NodeStatus(
                    chainId: "proofmint-devnet", genesisHash: Hash32.digest([0xaa]), height: 5, headHash: Hash32.digest([0xbb]),
                    stateRoot: Hash32.digest([0xcc]), timestamp: 1_700_000_000_000, mempoolSize: 0, miningMode: "instant", validator: nil))
            case "pm_sendTransaction":
                // The wallet must send exactly the canonical signed bytes.
                guard let sent = try? SendTransactionParams(json: params, path: "params"),
                      let decoded = try? SignedTransaction(canonical: sent.tx.bytes)
                else { return CannedRPCServer.error(.invalidParams, "bad tx") }
                return CannedRPCServer.result(SendTransactionResult(id: decoded.id))
            default:
                return CannedRPCServer.error(.methodNotFound, "method not found")
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
                .transactionRejected, "transaction rejected",
                data: RPCErrorData(code: 10, name: "nonce_too_low", message: "nonce 0 was already used; the account's next nonce is 3"))
        }
        defer { server.stop() }
        let transaction = try signedTransfer()
        do {
            _ = try await NodeClient(url: server.url).send(transaction)
            XCTFail("expected a rejection")
        } catch {
            XCTAssertEqual(error.remoteError?.code, -32000)
            XCTAssertEqual(error.remoteError?.knownCode, .transactionRejected)
            XCTAssertEqual(error.remoteError?.data?.name, "nonce_too_low")
            XCTAssertEqual(error.remoteError?.data?.code, 10)
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
        let address = try DevAccounts.address(index: 0)
        // A well-formed account answer with one member broken.
        let account = AccountState(
            address: address, balance: Tokens.one, nonce: 0, pendingNonce: 0, height: 1, stateRoot: Hash32.digest([1]), proof: nil)
        let badAccount = account.json.replacing(["address"], with: .string("pm1nope"))
        let server = try CannedRPCServer { method, _ in
            switch method {
            case "pm_status": return (413, #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"request too large"}}"#)
            case "pm_getBlock": return (502, "<html>bad gateway</html>")
            case "pm_getAccount": return CannedRPCServer.result(badAccount)
            case "pm_getStake": return CannedRPCServer.error(RPCErrorObject(code: -32602, message: "invalid params: 'address' is missing"))
            case "pm_getProviders": return (200, #"{"jsonrpc":"2.0","id":1,"error":{"code":"x","message":"?"}}"#)
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
        do {
            _ = try await client.account(address)
            XCTFail("expected an error")
        } catch {
            guard case let .malformedResponse(_, method, reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(method, "pm_getAccount")
            XCTAssertTrue(reason.contains("result.address"), reason)
        }
        do {
            _ = try await client.stake(address)
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.remoteError?.knownCode, .invalidParams)
            XCTAssertNil(error.remoteError?.data)
            XCTAssertFalse(error.isNotFound)
            XCTAssertTrue("\(error)".contains("node refused pm_getStake: error -32602: invalid params: 'address' is missing"), "\(error)")
        }
        do {
            _ = try await client.providers()
            XCTFail("expected an error")
        } catch {
            // An error object that is not one is named like any other malformed answer.
            guard case let .malformedResponse(_, method, reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(method, "pm_getProviders")
            XCTAssertTrue(reason.contains("error.code"), reason)
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
            case 0: return CannedRPCServer.error(.notFound, "not found")
            case 1: return CannedRPCServer.result(Self.status(transaction, included: false))
            default: return CannedRPCServer.result(Self.status(transaction, included: true, code: 100))
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
        XCTAssertEqual(status.receipt?.failureText, "insufficient_balance (code 100): the sender's balance does not cover the amount")
        XCTAssertEqual(status.transaction, TransactionView(transaction))
    }

    func testWaitingTimesOut() async throws {
        let transaction = try signedTransfer()
        let server = try CannedRPCServer { _, _ in CannedRPCServer.result(Self.status(transaction, included: false)) }
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
        let server = try CannedRPCServer { _, _ in CannedRPCServer.error(.internalError, "database unreadable") }
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
