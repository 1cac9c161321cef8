import Foundation
import XCTest

/// `proofmintd start` refuses bad operator input with a message that names the fix.
final class StartOptionsEndToEndTests: XCTestCase {
    private func initialisedHome(_ label: String) throws -> String {
        let home = Paths.temporaryDirectory(label)
        _ = try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        return home
    }

    func testAnUnknownDurabilityIsRefusedNotReadAsFull() throws {
        let home = try initialisedHome("durability")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try Command.run("proofmintd", ["start", "--home", home, "--durability", "fast"], timeout: 30)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("fast"), result.stderr)
        XCTAssertTrue(result.stderr.contains("'full'") && result.stderr.contains("'none'"), result.stderr)
    }

    func testABusyRPCPortIsNamedWithTheFlagToChange() throws {
        let first = try initialisedHome("port-a")
        let second = try initialisedHome("port-b")
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        let node = NodeProcess(home: first)
        try node.start(["--mining", "manual"])
        defer { node.stop() }
        let port = try XCTUnwrap(URL(string: node.url)?.port, node.url)
        let result = try Command.run(
            "proofmintd", ["start", "--home", second, "--rpc-port", String(port), "--mining", "manual"], timeout: 30)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("RPC port \(port) on 127.0.0.1 is already in use"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--rpc-port"), result.stderr)
    }
}
