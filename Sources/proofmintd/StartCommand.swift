import ArgumentParser
import Foundation
import Logging
import ProofmintCore
import ProofmintNode
import ProofmintStorage

struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Run the node: produce blocks and serve JSON-RPC until interrupted (Ctrl-C or SIGTERM).")

    @Option(help: "The node's home directory (made by `proofmintd init`).")
    var home: String

    @Option(help: "Address the RPC server binds to. Keep the loopback default unless you mean to expose the node.")
    var rpcHost = "127.0.0.1"

    @Option(help: "RPC port; 0 picks a free port (written to HOME/rpc.address).")
    var rpcPort = 8645

    @Option(help: "Largest accepted RPC request body, in bytes.")
    var rpcMaxBody = 1 << 20

    @Option(help: "Host names (comma-separated) accepted in the RPC's Host header besides the loopback names and --rpc-host; '*' accepts any. Guards against DNS rebinding.")
    var rpcAllowedHosts: String?

    @Option(help: "Origins (comma-separated, e.g. http://localhost:3000) whose web pages may call the RPC; '*' allows any. CORS is off without it.")
    var rpcCorsOrigins: String?

    @Option(help: "Most RPC connections open at once; more wait until one closes.")
    var rpcMaxConnections = 512

    @Option(help: "Seconds an RPC connection may send nothing before it is closed (half-sent requests included).")
    var rpcIdleTimeout = 30

    @OptionGroup(title: "Request deadline and per-client limits")
    var rpcLimits: RPCLimitOptions

    @Flag(help: "Serve the devnet control methods (pm_mine; time, snapshot and faucet tools later). Off by default: `make devnet` turns it on.")
    var devControl = false

    @Option(help: "With --dev-control: a file holding a token (e.g. `openssl rand -hex 32`) that control calls must send as `Authorization: Bearer <token>`.")
    var controlTokenFile: String?

    @Flag(inversion: .prefixedNo, help: "Serve the explorer page at GET / and GET /explorer (on by default).")
    var explorer = true

    @Option(help: "When to produce blocks: interval (every --block-time), instant (as soon as transactions arrive), manual (only on pm_mine).")
    var mining: Mining = .interval

    @Option(help: "Block interval in milliseconds for --mining interval (at least 1).")
    var blockTime: UInt64 = 1000

    @Flag(inversion: .prefixedNo, help: "Produce blocks even when the mempool is empty (interval mode).")
    var emptyBlocks = true

    @Option(help: "Most pending transactions per sender.")
    var mempoolMaxPerSender = 64

    @Option(help: "Most bytes of pending transactions in total.")
    var mempoolMaxBytes = 64 << 20

    @Option(help: "Most transactions per sender waiting behind a nonce gap (at most --mempool-max-per-sender).")
    var mempoolMaxGappedPerSender = 16

    @Option(help: "Most transactions in the whole mempool waiting behind a nonce gap.")
    var mempoolMaxGapped = 1024

    @Option(help: "Blocks after which a transaction still waiting behind a nonce gap is dropped.")
    var mempoolGappedLifetimeBlocks: UInt64 = 3_600

    @Option(help: "Seconds after which a transaction still waiting behind a nonce gap is dropped.")
    var mempoolGappedLifetime: UInt64 = 3_600

    @Option(help: "Commit durability: full (fsync every block), meta (may lose the last block on power loss), none (fastest; process crashes are still safe).")
    var durability: Durability = .full

    @OptionGroup var map: MapSizeOption

    @OptionGroup(title: "Following peers (several nodes)")
    var peers: FollowFlags

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    enum Mining: String, ExpressibleByArgument, CaseIterable { case interval, instant, manual }

    func validate() throws {
        guard (0...65_535).contains(rpcPort) else { throw ValidationError("--rpc-port must be between 0 and 65535") }
        guard rpcMaxBody >= 1024 else { throw ValidationError("--rpc-max-body must be at least 1024 bytes") }
        guard (1...10_000).contains(mempoolMaxPerSender) else { throw ValidationError("--mempool-max-per-sender must be between 1 and 10000") }
        guard mempoolMaxBytes >= 1 << 20 else { throw ValidationError("--mempool-max-bytes must be at least 1048576") }
        guard (0...mempoolMaxPerSender).contains(mempoolMaxGappedPerSender) else {
            throw ValidationError("--mempool-max-gapped-per-sender must be between 0 and --mempool-max-per-sender (\(mempoolMaxPerSender))")
        }
        guard (0...1_000_000).contains(mempoolMaxGapped) else { throw ValidationError("--mempool-max-gapped must be between 0 and 1000000") }
        guard mempoolGappedLifetimeBlocks >= 1 else { throw ValidationError("--mempool-gapped-lifetime-blocks must be at least 1") }
        guard (1...UInt64(UInt32.max)).contains(mempoolGappedLifetime) else {
            throw ValidationError("--mempool-gapped-lifetime must be between 1 and 4294967295 seconds")
        }
        guard blockTime >= 1 else { throw ValidationError("--block-time must be at least 1 ms (for a block per transaction, use --mining instant)") }
        guard (1...65_536).contains(rpcMaxConnections) else { throw ValidationError("--rpc-max-connections must be between 1 and 65536") }
        guard (1...3_600).contains(rpcIdleTimeout) else { throw ValidationError("--rpc-idle-timeout must be between 1 and 3600 seconds") }
        if controlTokenFile != nil && !devControl {
            throw ValidationError("--control-token-file protects the devnet control methods, which are off: add --dev-control")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            return handler
        }
        let logger = Logger(label: "proofmintd")
        // Consensus depends on libsodium's exact Ed25519 rule: refuse to run on a build that verifies otherwise.
        try CLIError.wrap { try VerificationRule.check() }
        let nodeHome = NodeHome(path: home)
        guard FileManager.default.fileExists(atPath: nodeHome.dataPath) else {
            throw CLIError("no Proofmint database at \(nodeHome.dataPath): run `proofmintd init` first")
        }
        let lock = try CLIError.wrap { try HomeLock(home: nodeHome) }
        defer { withExtendedLifetime(lock) {} }
        let store = try CLIError.wrap { try nodeHome.openStore(options: .init(mapSize: map.mapSize, durability: durability)) }
        let validator = try CLIError.wrap { try nodeHome.validatorKey() }
        var limits = Mempool.Limits()
        limits.maxPerSender = mempoolMaxPerSender
        limits.maxTotalBytes = mempoolMaxBytes
        limits.maxGappedPerSender = mempoolMaxGappedPerSender
        limits.maxGapped = mempoolMaxGapped
        limits.gappedLifetimeBlocks = mempoolGappedLifetimeBlocks
        limits.gappedLifetimeMilliseconds = mempoolGappedLifetime * 1_000
        let mode: MiningMode = switch mining {
        case .interval: .interval(milliseconds: blockTime)
        case .instant: .instant
        case .manual: .manual
        }
        if validator == nil && mode != .manual {
            logger.warning("no validator key in \(home): the node serves the chain but does not produce blocks")
        }
        let devnet = try CLIError.wrap { try DevnetTools.forStore(store) }
        let node = Node(
            store: store, validator: validator, mode: mode, emptyBlocks: emptyBlocks, mempoolLimits: limits, logger: logger, devnet: devnet)
        let follower = try follower(node: node, store: store, logger: logger)
        let control = try controlAccess(logger: logger)
        let edge = RPCEdgePolicy(boundHost: rpcHost, extraHosts: Self.list(rpcAllowedHosts), corsOrigins: Self.list(rpcCorsOrigins))
        let server = RPCServer(
            node: node, host: rpcHost, port: rpcPort, maxBodyBytes: rpcMaxBody, logger: logger, edge: edge, control: control,
            maxConnections: rpcMaxConnections, idleTimeoutSeconds: rpcIdleTimeout, requestTimeoutSeconds: rpcLimits.rpcRequestTimeout,
            clientLimits: rpcLimits.clientLimits, explorer: explorer)
        let head = store.head
        let host = rpcHost
        let addressFile = nodeHome.rpcAddressPath
        defer { try? FileManager.default.removeItem(atPath: addressFile) }
        do {
            try await server.run { port in
                // Blocks are produced only once the port is bound: a node that cannot serve never writes.
                await follower?.start()
                await node.startProducing()
                let url = "http://\(host):\(port)"
                _ = FileManager.default.createFile(atPath: addressFile, contents: Data(url.utf8))
                let banner = """
                    proofmintd is running
                      chain id     \(head.chainId)
                      height       \(head.height)  (\(head.hash))
                      rpc          \(url)
                      metrics      \(url)/metrics
                      explorer     \(explorer ? "\(url)/explorer" : "off")
                      mining       \(mode)\(validator.map { "  as \($0.name)" } ?? "  (no validator key)")
                      control      \(Self.controlSummary(control, devnet: devnet))
                      follows      \(follower == nil ? "no peers (standalone)" : peers.follow.joined(separator: ", "))
                    Dev accounts dev0…dev9 come from the INSECURE mnemonic "test test … junk": `proofmint keys import-dev`.

                    """
                // Written straight to fd 1 so a supervising process sees it at once, not when a buffer fills.
                FileHandle.standardOutput.write(Data(banner.utf8))
            }
            await node.stopProducing()
            await follower?.stop()
        } catch let error where NodeError.isAddressInUse(error) {
            throw CLIError("RPC port \(rpcPort) on \(rpcHost) is already in use: stop what holds it or choose another --rpc-port")
        }
    }
}

extension StartCommand {
    /// The control methods' access from --dev-control and --control-token-file; warns when they are open to a
    /// network address without a token.
    func controlAccess(logger: Logger) throws -> ControlAccess {
        guard devControl else { return .disabled }
        guard let controlTokenFile else {
            if !RPCEdgePolicy.loopbackHosts.contains(rpcHost.lowercased()) {
                logger.warning("--dev-control without --control-token-file on \(rpcHost): anyone who reaches the RPC port can mine")
            }
            return .open
        }
        let token = try CLIError.wrap { try ControlAccess.readToken(file: controlTokenFile) }
        return ControlAccess(enabled: true, token: token)
    }

    /// The banner's control line: off, or which methods, and whether a token is needed.
    static func controlSummary(_ control: ControlAccess, devnet: DevnetTools?) -> String {
        guard control.enabled else { return "off" }
        let methods = devnet == nil ? "pm_mine" : "pm_mine, time, mining modes, faucet \(devnet?.faucetAddress.description ?? "")"
        return "on (\(methods))\(control.token == nil ? "" : ", bearer token required")"
    }

    /// The sync task for --follow, nil without peers.
    func follower(node: Node, store: ChainStore, logger: Logger) throws -> ChainFollower? {
        guard let options = try peers.options() else { return nil }
        guard let genesis = try CLIError.wrap({ try store.block(at: 0) }) else { throw CLIError("the store has no genesis block") }
        return ChainFollower(node: node, genesisHash: genesis.hash, options: options, logger: logger)
    }

    /// A comma-separated flag value as its non-empty items.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
