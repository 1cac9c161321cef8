import XCTest

@testable import ProofmintNode

/// Per-client limits (issue 13, D4) with an explicit clock: each client has its own buckets, loopback gets the
/// factor, free calls are never charged, and the map of clients stays bounded.
final class ClientRateLimiterTests: XCTestCase {
    private let remote = RPCClient(key: "203.0.113.7", isLoopback: false)
    private let other = RPCClient(key: "198.51.100.1", isLoopback: false)
    private let loopback = RPCClient(key: "127.0.0.1", isLoopback: true)

    private func limiter(maxClients: Int = 100) -> ClientRateLimiter {
        ClientRateLimiter(
            limits: .init(
                submissions: .init(perSecond: 2, burst: 4), expensiveReads: .init(perSecond: 1, burst: 2), loopbackFactor: 10,
                maxClients: maxClients))
    }

    private func granted(_ limiter: ClientRateLimiter, _ cost: RPCCost, _ client: RPCClient, times: Int, now: UInt64) -> Int {
        (0..<times).filter { _ in limiter.admit(cost, from: client, now: now) == nil }.count
    }

    func testOneClientsFloodDoesNotTouchAnothersBucket() {
        let limiter = limiter()
        XCTAssertEqual(granted(limiter, .submission, remote, times: 10, now: 0), 4)
        XCTAssertEqual(limiter.admit(.submission, from: remote, now: 0), 500)
        XCTAssertEqual(granted(limiter, .submission, other, times: 10, now: 0), 4)
        // Submissions and expensive reads are separate buckets.
        XCTAssertEqual(granted(limiter, .expensiveRead, remote, times: 10, now: 0), 2)
        XCTAssertEqual(limiter.admit(.expensiveRead, from: remote, now: 0), 1_000)
        // Half a second later one submission is back.
        XCTAssertEqual(granted(limiter, .submission, remote, times: 10, now: 500), 1)
    }

    func testFreeCallsAreNeverCharged() {
        let limiter = limiter()
        XCTAssertEqual(granted(limiter, .free, remote, times: 1_000, now: 0), 1_000)
        XCTAssertEqual(limiter.trackedClients, 0)
    }

    func testLoopbackGetsTheFactorButIsStillBounded() {
        let limiter = limiter()
        XCTAssertEqual(granted(limiter, .submission, loopback, times: 100, now: 0), 40)
        XCTAssertEqual(limiter.admit(.submission, from: loopback, now: 0), 50)
        XCTAssertEqual(granted(limiter, .expensiveRead, loopback, times: 100, now: 0), 20)
    }

    func testTheClientMapStaysBoundedAndForgetsTheIdlestFirst() {
        let limiter = limiter(maxClients: 50)
        // 50 clients spend their burst at t = i ms; client 0 is the idlest.
        for index in 0..<50 {
            let client = RPCClient(key: "10.0.0.\(index)", isLoopback: false)
            XCTAssertEqual(granted(limiter, .submission, client, times: 5, now: UInt64(index)), 4)
        }
        XCTAssertEqual(limiter.trackedClients, 50)
        // A spray of new addresses never grows the map past the cap.
        for index in 0..<1_000 {
            XCTAssertNil(limiter.admit(.submission, from: RPCClient(key: "10.1.\(index / 256).\(index % 256)", isLoopback: false), now: 100))
            XCTAssertLessThanOrEqual(limiter.trackedClients, 50)
        }
        // The idlest (client 0) was forgotten first and comes back with a full bucket, as an idle client would have.
        XCTAssertEqual(granted(limiter, .submission, RPCClient(key: "10.0.0.0", isLoopback: false), times: 5, now: 100), 4)
    }

    func testClientsWhoseBucketsRefilledAreForgottenBeforeBusyOnes() {
        let limiter = limiter(maxClients: 2)
        let busy = RPCClient(key: "192.0.2.1", isLoopback: false)
        XCTAssertEqual(granted(limiter, .submission, busy, times: 5, now: 10_000), 4)
        XCTAssertNil(limiter.admit(.submission, from: remote, now: 0))
        // At t = 10,000 `remote` has refilled and carries nothing; `busy` is still empty and must be kept.
        XCTAssertNil(limiter.admit(.submission, from: other, now: 10_000))
        XCTAssertEqual(limiter.trackedClients, 2)
        XCTAssertNotNil(limiter.admit(.submission, from: busy, now: 10_000))
    }
}
