import Foundation
import XCTest

/// `make devnet NODES=n`'s script (scripts/devnet_nodes.sh) with the debug binaries: n validator nodes that follow each
/// other and produce in turn, every URL printed, `proofmint query status` showing peers and sync state, and all of
/// them stopped by one SIGINT (Ctrl-C) to the script.
final class DevnetNodesScriptEndToEndTests: XCTestCase {
    private var script: Process?
    private var home = ""

    override func tearDown() {
        if let script, script.isRunning {
            kill(script.processIdentifier, SIGINT)
            script.waitUntilExit()
        }
        if !home.isEmpty { try? FileManager.default.removeItem(atPath: home) }
    }

    func testTwoNodesFollowEachOtherAndCtrlCStopsBoth() throws {
        home = Paths.temporaryDirectory("devnet-nodes")
        let port = try LoopbackNetwork.freePort()
        let output = home + "/script.out"
        FileManager.default.createFile(atPath: output, contents: nil)
        let process = Process()
        process.executableURL = Paths.repositoryRoot.appendingPathComponent("scripts/devnet_nodes.sh")
        process.arguments = ["2", home + "/nodes-2", Paths.binDirectory.path, String(port), "--block-time", "200"]
        process.currentDirectoryURL = Paths.repositoryRoot
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        script = process
        let urls = ["http://127.0.0.1:\(port)", "http://127.0.0.1:\(port + 1)"]

        var text = ""
        let deadline = Date().addingTimeInterval(60)
        repeat {
            usleep(200_000)
            let statuses = urls.map { try? Command.run("proofmint", ["query", "status", "--node", $0]) }
            if statuses.allSatisfy({ $0?.status == 0 && $0?.stdout.contains("caught up with its peers") == true }) {
                text = statuses.compactMap { $0?.stdout }.joined()
                let heights = statuses.compactMap { $0?.stdout.split(separator: "\n").first { $0.contains("height ") && !$0.contains("peer") } }
                if heights.count == 2, !heights.contains(where: { $0.hasSuffix(" 0") }) { break }
            }
        } while Date() < deadline && process.isRunning
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        for url in urls { XCTAssertTrue(printed.contains(url), "the script prints every node's URL:\n\(printed)") }
        XCTAssertTrue(text.contains("peer          \(urls[1])") && text.contains("peer          \(urls[0])"), text)

        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stopped = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        XCTAssertTrue(stopped.contains("devnet of 2 nodes stopped"), stopped)
        for url in urls {
            XCTAssertNotEqual(try Command.run("proofmint", ["query", "status", "--node", url]).status, 0, "\(url) still answers after Ctrl-C")
        }
    }
}
