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

    @Option(help: ArgumentHelp(
        "This validator's key file (validator_key.json: the Ed25519 seed of CometBFT's priv_validator_key.json), used to prove "
            + "the VRF beacon of the blocks CometBFT makes it propose; without it the node follows and votes but cannot propose.",
        valueName: "path"))
    var validatorKey: String?

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
        let key = try validatorKey.map { try proposingKey(path: $0, store: store) }
        let listener = try CLIError.wrap { try ABCIListener(ABCIAddress(parsing: address)) }
        let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        if key == nil {
            log("proofmintd abci: no --validator-key: this node follows CometBFT's blocks but cannot propose one (its proposals would carry no beacon)")
        }
        try CLIError.wrap { try Data(listener.address.description.utf8).write(to: URL(fileURLWithPath: "\(home)/abci.address"), options: .atomic) }
        log("proofmintd abci: chain \(store.head.chainId) at height \(store.head.height), listening on \(listener.address)")
        let application = ABCIApplication(store: store, validatorKey: key?.key, log: log)
        let server = ABCIServer(application: application, listener: listener, log: log)
        try CLIError.wrap { try server.run() }
    }

    /// The key at `path`, which must be one of the chain's validators: another key could never be CometBFT's proposer here.
    private func proposingKey(path: String, store: ChainStore) throws -> ValidatorKey {
        let key = try CLIError.wrap { try ValidatorKey.load(from: path) }
        let validators = try CLIError.wrap { try store.withSnapshot { try $0.validatorSet() } }
        guard validators.validators.contains(where: { $0.publicKey == key.key.publicKey }) else {
            throw CLIError("the key in \(path) (public key \(key.key.publicKey.bytes.hex)) is not one of the chain's validators: give "
                + "the validator_key.json whose seed is in CometBFT's priv_validator_key.json (docs/DEPLOYMENT.md)")
        }
        return key
    }
}
