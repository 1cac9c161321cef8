import XCTest

@testable import ProofmintNode

/// Who a request is charged to: the IPv4 address, or the IPv6 /64; loopback recognised in both families.
final class RPCClientTests: XCTestCase {
    func testIPv4AddressesAreTheirOwnKey() throws {
        let client = try XCTUnwrap(RPCClient(ipAddress: "203.0.113.9"))
        XCTAssertEqual(client.key, "203.0.113.9")
        XCTAssertFalse(client.isLoopback)
        XCTAssertEqual(RPCClient(ipAddress: "127.0.0.1")?.isLoopback, true)
        XCTAssertEqual(RPCClient(ipAddress: "127.8.9.10")?.isLoopback, true)
    }

    func testIPv6ClientsAreTheirSlash64() throws {
        let first = try XCTUnwrap(RPCClient(ipAddress: "2001:db8:1:2:aaaa::1"))
        let second = try XCTUnwrap(RPCClient(ipAddress: "2001:db8:1:2:bbbb:cccc:dddd:eeee"))
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.key, "2001:0db8:0001:0002::/64")
        XCTAssertNotEqual(first, RPCClient(ipAddress: "2001:db8:1:3::1"))
        XCTAssertEqual(RPCClient(ipAddress: "::1")?.isLoopback, true)
        XCTAssertEqual(RPCClient(ipAddress: "::2")?.isLoopback, false)
    }

    func testIPv4SeenThroughADualStackSocketIsTheIPv4Client() {
        XCTAssertEqual(RPCClient(ipAddress: "::ffff:127.0.0.1"), RPCClient(ipAddress: "127.0.0.1"))
        XCTAssertEqual(RPCClient(ipAddress: "::ffff:198.51.100.4")?.key, "198.51.100.4")
    }

    func testNotAnAddressIsNoClient() {
        XCTAssertNil(RPCClient(ipAddress: "localhost"))
        XCTAssertNil(RPCClient(address: nil))
    }

    func testCostsOfTheMethods() {
        XCTAssertEqual(RPCCost(method: "pm_sendTransaction"), .submission)
        XCTAssertEqual(RPCCost(method: "pm_getBlock"), .expensiveRead)
        XCTAssertEqual(RPCCost(method: "pm_previewProposal"), .expensiveRead)
        XCTAssertEqual(RPCCost(method: "pm_status"), .free)
        XCTAssertEqual(RPCCost(method: "pm_noSuchMethod"), .free)
    }
}
