import Foundation
import XCTest

/// Three validator nodes following each other (issue 15, point 2; PROTOCOL.md §4.4): they produce in turn, every node
/// has the same chain, and a stopped validator's slot passes to the next after the slot timeout, so the chain goes on.
final class ValidatorsInTurnEndToEndTests: XCTestCase {
    private var network: LoopbackNetwork!
    private var work = ""

    override func tearDown() {
        network?.remove()
        if !work.isEmpty { try? FileManager.default.removeItem(atPath: work) }
    }

    /// `compute.blocks_per_year` for 100 ms nominal blocks: a slot timeout of ten of them, one second.
    private static let blocksPerYear = 315_360_000
    private static let slotTimeoutMs = 1_000

    func testThreeValidatorsProduceInTurnAndAStoppedValidatorsSlotPasses() throws {
        work = Paths.temporaryDirectory("in-turn")
        let genesis = work + "/genesis.json"
        try Self.python(["scripts/devnet_genesis.py", "3", genesis, "--blocks-per-year", String(Self.blocksPerYear)])
        let keys = try Self.validatorKeys(genesis)
        network = LoopbackNetwork(label: "in-turn", genesis: genesis)
        let nodes = try (0..<3).map { try network.add(validator: $0) }
        for node in nodes { try network.start(node, following: nodes.filter { $0 != node }, ["--block-time", "200"]) }

        try network.waitUntil("every node reaches block 10") { try nodes.allSatisfy { try network.height($0) >= 10 } }
        try network.assertSameChain(nodes, through: 10)
        // Block 1 may come from anyone (the genesis is long past, so many slots have passed); from there they take turns.
        let producers = try (2...10).map { try producer(of: network.block(0, at: $0), keys: keys) }
        for index in 0..<3 { XCTAssertGreaterThanOrEqual(producers.filter { $0 == index }.count, 2, "producers of blocks 2…10: \(producers)") }

        // Validator 2 stops: its slots pass to the next validator after the timeout, and the other two go on.
        network.nodes[2].kill()
        let stoppedAt = try network.height(0)
        try network.waitUntil("the chain passes three of validator 2's slots") { try network.height(0) >= stoppedAt + 9 }
        try network.waitUntil("node 1 follows") { try network.height(1) >= stoppedAt + 9 }
        try network.assertSameChain([0, 1], through: stoppedAt + 9)
        var passed = 0
        for height in (stoppedAt + 2)...(stoppedAt + 9) {
            let block = try network.block(0, at: height), parent = try network.block(0, at: height - 1)
            XCTAssertNotEqual(try producer(of: block, keys: keys), 2, "block \(height) from the stopped validator")
            if try timestamp(block) - timestamp(parent) >= Self.slotTimeoutMs { passed += 1 }
        }
        XCTAssertGreaterThanOrEqual(passed, 2, "blocks made after a passed turn (a slot timeout after their parent)")

        // Restarted, it catches up and produces in turn again.
        try network.start(2, following: [0, 1], ["--block-time", "200"])
        let target = try network.height(0) + 6
        try network.waitUntil("the restarted validator catches up and the chain goes on") { try network.height(2) >= target }
        try network.assertSameChain(nodes, through: target)
        let after = try ((target - 5)...target).map { try producer(of: network.block(0, at: $0), keys: keys) }
        XCTAssertTrue(after.contains(2), "the restarted validator produces again: \(after)")
    }

    private func producer(of block: [String: Any], keys: [String]) throws -> Int {
        let key = try XCTUnwrap((block["header"] as? [String: Any])?["producer"] as? String)
        return try XCTUnwrap(keys.firstIndex(of: key), "producer \(key) is not a genesis validator")
    }

    private func timestamp(_ block: [String: Any]) throws -> Int {
        try XCTUnwrap((block["header"] as? [String: Any])?["timestamp"] as? Int)
    }

    /// The genesis validators' public keys, in schedule order.
    private static func validatorKeys(_ genesis: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: genesis))) as? [String: Any]
        return try XCTUnwrap((object?["validators"] as? [[String: Any]])?.compactMap { $0["public_key"] as? String })
    }

    /// Runs a repository script with Debian's python3 (standard library only).
    private static func python(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = arguments
        process.currentDirectoryURL = Paths.repositoryRoot
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CommandFailure("python3 \(arguments.joined(separator: " ")) failed") }
    }
}
