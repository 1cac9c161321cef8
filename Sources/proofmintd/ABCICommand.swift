import ArgumentParser
import Foundation
import ProofmintABCI
import ProofmintCore
import ProofmintNode
import ProofmintStorage

/// `proofmintd abci`: serves the home's chain to CometBFT over ABCI 2.0 (docs/DEPLOYMENT.md). Thin: the home and its
/// store are opened as `start` opens them, and `ABCIServer` does the rest.
struct ABCICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abci",
        abstract: "Serve the chain to CometBFT v0.38 over ABCI 2.0 (socket protocol) until killed; see docs/DEPLOYMENT.md.")

    @Option(help: "The node's home directory (made by `proofmintd init` from the chain's genesis file).")
    var home: String

    @Option(help: "Where to listen: tcp://HOST:PORT (port 0 picks a free one) or unix:///absolute/path; written to HOME/abci.address.")
    var address = "tcp://127.0.0.1:26658"

    @Option(help: "Commit durability: full (fsync every block), meta, none. CometBFT replays blocks the home lacks, so a lost last block is recovered.")
    var durability: Durability = .full

    @OptionGroup var map: MapSizeOption

    func validate() throws {
        do { _ = try ABCIAddress(parsing: address) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        try CLIError.wrap { try VerificationRule.check() }
        let nodeHome = NodeHome(path: home)
        guard FileManager.default.fileExists(atPath: nodeHome.dataPath) else {
            throw CLIError("no Proofmint database at \(nodeHome.dataPath): run `proofmintd init --genesis FILE --home \(home)` first")
        }
        let lock = try CLIError.wrap { try HomeLock(home: nodeHome) }
        defer { withExtendedLifetime(lock) {} }
        let store = try CLIError.wrap { try nodeHome.openStore(options: .init(mapSize: map.mapSize, durability: durability)) }
        let listener = try CLIError.wrap { try ABCIListener(ABCIAddress(parsing: address)) }
        let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        try CLIError.wrap { try Data(listener.address.description.utf8).write(to: URL(fileURLWithPath: "\(home)/abci.address"), options: .atomic) }
        log("proofmintd abci: chain \(store.head.chainId) at height \(store.head.height), listening on \(listener.address)")
        let server = ABCIServer(application: ABCIApplication(store: store, log: log), listener: listener, log: log)
        try CLIError.wrap { try server.run() }
    }
}
