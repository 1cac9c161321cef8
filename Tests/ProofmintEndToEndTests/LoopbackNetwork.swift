import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// Several `proofmintd` processes on loopback, each in its own home, on ports chosen before any starts so that
/// every node can be told its peers' URLs (`--follow`). `remove()` kills every process and deletes every home; the
/// tests call it from `tearDown`, so nothing is left running when a test fails.
final class LoopbackNetwork {
    let label: String
    let genesis: String
    private(set) var nodes: [NodeProcess] = []
    private(set) var ports: [Int] = []
    private var directories: [String] = []

    init(label: String, genesis: String = Paths.devnetGenesis) {
        self.label = label
        self.genesis = genesis
    }

    /// Initialises a home (with the INSECURE dev validator key `validator`, or none: a pure follower) and reserves
    /// a port for it; returns the node's index.
    @discardableResult
    func add(validator: Int?) throws -> Int {
        let home = Paths.temporaryDirectory("\(label)-\(nodes.count)")
        directories.append(home)
        try FileManager.default.removeItem(atPath: home)
        try Command.succeed(
            "proofmintd", ["init", "--genesis", genesis, "--home", home] + (validator.map { ["--dev-validator", String($0)] } ?? []))
        nodes.append(NodeProcess(home: home))
        ports.append(try Self.freePort())
        return nodes.count - 1
    }

    func url(_ index: Int) -> String { "http://127.0.0.1:\(ports[index])" }

    /// Starts node `index` on its port, following `peers` (indexes) and `extraPeers` (URLs), with short sync timings.
    func start(_ index: Int, following peers: [Int], extraPeers: [String] = [], _ arguments: [String] = []) throws {
        let follow = (extraPeers + peers.map(url)).flatMap { ["--follow", $0] }
        try nodes[index].start(
            ["--rpc-port", String(ports[index]), "--follow-poll", "2000", "--follow-backoff", "200"] + follow + arguments)
    }

    /// Kills every node and deletes every home.
    func remove() {
        for node in nodes { node.kill() }
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
    }

    func height(_ index: Int) throws -> Int {
        try XCTUnwrap(try nodes[index].callObject("pm_status")["height"] as? Int)
    }

    /// The header of node `index`'s block at `height`.
    func block(_ index: Int, at height: Int) throws -> [String: Any] {
        try nodes[index].callObject("pm_getBlock", ["height": height])
    }

    /// Waits (up to `seconds`) until `condition` holds; fails the test with `message` if it never does.
    func waitUntil(_ message: @autoclosure () -> String, seconds: Double = 60, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? condition()) == true { return }
            usleep(50_000)
        }
        XCTFail("timed out: \(message())")
        throw CommandFailure("timed out: \(message())")
    }

    /// Asserts that every node in `indexes` has the same block hash and state root at every height from 1 to `height`.
    func assertSameChain(_ indexes: [Int], through height: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        for h in 1...max(1, height) {
            let headers = try indexes.map { try block($0, at: h) }
            let roots = Set(headers.map { ($0["header"] as? [String: Any])?["state_root"] as? String ?? "?" })
            let hashes = Set(headers.map { $0["hash"] as? String ?? "?" })
            XCTAssertEqual(roots.count, 1, "state roots at height \(h) differ: \(roots)", file: file, line: line)
            XCTAssertEqual(hashes.count, 1, "blocks at height \(h) differ: \(hashes)", file: file, line: line)
        }
    }

    /// A port nothing listens on now: bound to 0 by the kernel, then released for the node to take.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CommandFailure("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw CommandFailure("could not bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
