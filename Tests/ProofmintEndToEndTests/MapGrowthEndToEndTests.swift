import Foundation
import XCTest

/// Map growth past the initial size, end to end (issue 13, point 3): a node started with a 64 KiB map and one with the
/// default 1 GiB map are given the same transactions and mine the same blocks; the small one doubles its map several
/// times on the way and both end on the same head and state root.
final class MapGrowthEndToEndTests: XCTestCase {
    func testANodeWithATinyMapGrowsItAndEndsOnTheSameRootAsOneWithTheDefaultMap() throws {
        let directory = Paths.temporaryDirectory("map-growth")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let genesis = try Self.genesisInTheFuture(in: directory)
        let tinyHome = directory + "/tiny", defaultHome = directory + "/default"
        let tinyMap = ["--map-size", "65536"]
        try Command.succeed("proofmintd", ["init", "--genesis", genesis, "--home", tinyHome, "--dev-validator", "0"] + tinyMap)
        try Command.succeed("proofmintd", ["init", "--genesis", genesis, "--home", defaultHome, "--dev-validator", "0"])
        let tiny = NodeProcess(home: tinyHome), large = NodeProcess(home: defaultHome)
        try tiny.start(["--mining", "manual"] + tinyMap)
        defer { tiny.stop() }
        try large.start(["--mining", "manual"])
        defer { large.stop() }
        let initialMap = try Self.mapBytes(tiny)

        let sender = try TransferSender(account: 4)
        for round in 1...12 {
            for _ in 0..<60 { try sender.send(to: tiny, large) }
            for node in [tiny, large] { try node.call("pm_mine", ["blocks": 1]) }
            let (tinyStatus, largeStatus) = (try tiny.callObject("pm_status"), try large.callObject("pm_status"))
            XCTAssertEqual(tinyStatus["height"] as? Int, round)
            XCTAssertEqual(tinyStatus["mempool_size"] as? Int, 0, "block \(round) took every transaction")
            XCTAssertEqual(tinyStatus["head_hash"] as? String, largeStatus["head_hash"] as? String, "block \(round)")
            XCTAssertEqual(tinyStatus["state_root"] as? String, largeStatus["state_root"] as? String, "block \(round)")
        }
        let finalMap = try Self.mapBytes(tiny)
        XCTAssertGreaterThanOrEqual(finalMap, initialMap * 8, "the 64 KiB map doubled at least three times (\(initialMap) → \(finalMap))")
        XCTAssertEqual(try Self.mapBytes(large), 1 << 30, "the default map never needed to grow")
        XCTAssertGreaterThanOrEqual(tiny.log.components(separatedBy: "database map grew").count - 1, 3, tiny.log)
        tiny.stop()
        let verify = try Command.succeed("proofmintd", ["inspect", "--home", tinyHome, "--verify", "--json"]).json()
        XCTAssertEqual(verify["consistent"] as? Bool, true, "\(verify)")
    }

    func testAMapSizeBelowTheMinimumIsRefusedByInitAndStart() throws {
        let home = Paths.temporaryDirectory("map-minimum")
        defer { try? FileManager.default.removeItem(atPath: home) }
        for command in [["init", "--genesis", Paths.devnetGenesis], ["start"]] {
            let result = try Command.run("proofmintd", command + ["--home", home, "--map-size", "4096"])
            XCTAssertNotEqual(result.status, 0, "\(command[0])")
            XCTAssertTrue(result.stderr.contains("--map-size must be at least 65536 bytes"), "\(command[0]): \(result.stderr)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home), [], "a refused option writes nothing")
    }

    /// The devnet genesis dated in 2100 and without `"devnet": true`: a block's timestamp is never earlier than its
    /// parent's, so every block of both nodes carries the genesis time and the two chains are identical block for block,
    /// whenever each was mined. (A devnet's block clock would instead continue from a head ahead of the wall.)
    private static func genesisInTheFuture(in directory: String) throws -> String {
        let devnet = try String(contentsOfFile: Paths.devnetGenesis, encoding: .utf8)
        let dated = devnet.replacingOccurrences(of: "\"genesis_time\": \"2026-01-01T00:00:00Z\"", with: "\"genesis_time\": \"2100-01-01T00:00:00Z\"")
            .replacingOccurrences(of: "\"devnet\": true,", with: "")
        guard dated != devnet else { throw CommandFailure("genesis/devnet.json has no genesis_time 2026-01-01T00:00:00Z to move") }
        let path = directory + "/genesis-2100.json"
        try dated.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The node's `proofmint_db_map_bytes` gauge from /metrics.
    private static func mapBytes(_ node: NodeProcess) throws -> Int {
        let port = try XCTUnwrap(URL(string: node.url)?.port)
        let metrics = try RawHTTP.send(port: port, method: "GET", path: "/metrics", headers: [("Host", "127.0.0.1")]).body
        let line = try XCTUnwrap(metrics.split(separator: "\n").first { $0.hasPrefix("proofmint_db_map_bytes ") }, metrics)
        return try XCTUnwrap(line.split(separator: " ").last.flatMap { Double($0) }.map { Int($0) }, String(line))
    }
}
