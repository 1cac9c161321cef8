import Foundation
import ProofmintCore
import ProofmintWallet

/// A `proofmintd` under load: a fresh home in a temporary directory, initialised from the load genesis with the
/// devnet's validator, started on a loopback port with the rate limits lifted (the load is the point), stopped and
/// removed at the end.
final class LoadNode {
    enum Mode: String {
        case instant, interval

        func label(blockTime: UInt64) -> String { self == .instant ? "instant" : "interval (\(blockTime) ms)" }
    }

    private(set) var url: URL
    var client: NodeClient { NodeClient(url: url, requestTimeout: 30) }
    private let process: Process
    private let home: String
    var pid: String { String(process.processIdentifier) }

    private init(process: Process, home: String, url: URL) {
        self.process = process
        self.home = home
        self.url = url
    }

    static func start(
        binary: String, genesis: Data, mode: Mode, blockTime: UInt64, durability: String, explorerIndexes: Bool, port: Int
    ) async throws -> LoadNode {
        let home = NSTemporaryDirectory() + "proofmint-loadtest-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let genesisPath = home + "/genesis.json"
        try genesis.write(to: URL(fileURLWithPath: genesisPath))
        try runToEnd(
            binary,
            ["init", "--genesis", genesisPath, "--home", home + "/node", "--dev-validator", "0"] + (explorerIndexes ? [] : ["--no-explorer-indexes"]))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "start", "--home", home + "/node", "--rpc-port", String(port), "--mining", mode.rawValue, "--block-time", String(blockTime),
            "--rpc-submit-rate", "1000000", "--rpc-submit-burst", "1000000", "--rpc-read-rate", "1000000", "--rpc-read-burst", "1000000",
            "--log-level", "warning", "--durability", durability,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let node = LoadNode(process: process, home: home, url: URL(fileURLWithPath: home))
        do { try await node.waitUntilServing() } catch {
            node.stop()
            throw error
        }
        return node
    }

    /// Waits for the address the node bound (`HOME/rpc.address`, port 0 picks a free one) and until `pm_status`
    /// answers there, up to 30 s.
    private func waitUntilServing() async throws {
        let addressFile = home + "/node/rpc.address"
        for _ in 0..<300 where process.isRunning {
            if let data = FileManager.default.contents(atPath: addressFile), let bound = URL(string: String(decoding: data, as: UTF8.self)) {
                url = bound
                if (try? await client.status()) != nil { return }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard process.isRunning else { throw LoadFailure(description: "proofmintd exited with status \(process.terminationStatus) before serving") }
        throw LoadFailure(description: "proofmintd did not answer pm_status within 30 s")
    }

    /// Stops the node (SIGINT, as Ctrl-C) and removes its home.
    func stop() {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: home)
    }

    private static func runToEnd(_ binary: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LoadFailure(description: "proofmintd \(arguments.first ?? "") failed with status \(process.terminationStatus)")
        }
    }
}
