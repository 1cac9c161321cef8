import ArgumentParser
import Foundation
import ProofmintCore
import ProofmintNode
import ProofmintStorage

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a node home from a genesis file (or a state dump: a fork): validates it, writes block 0 and the validator key.",
        discussion: """
            With --from-state FILE --chain-id ID the genesis state is exactly the dump's (its state root is the dump's \
            root; validators, balances and parameters as dumped) under the new chain id: a fork of the dumped chain. \
            The home is built in HOME.initializing (locked while init runs; one left by an interrupted init is removed \
            and reused) and renamed to HOME once complete, so a failure (a full disk included) leaves nothing behind.
            """)

    @Option(help: "The genesis file (JSON, or a fork genesis file) to start the chain from.")
    var genesis: String?

    @Option(help: "Start a fork whose genesis state is this `proofmintd dump-state` file (needs --chain-id).")
    var fromState: String?

    @Option(help: "The fork's chain id (with --from-state); must differ from the dumped chain's.")
    var chainId: String?

    @Option(help: "The fork's genesis time in Unix milliseconds (with --from-state; default: the dumped block's time).")
    var genesisTime: UInt64?

    @Option(help: "The node's home directory; created if missing, refused if it already holds a chain.")
    var home: String

    @Option(help: "Use the INSECURE well-known devnet validator key with this index (devnet only).")
    var devValidator: Int?

    @Option(help: "Use the validator key in this JSON file ({\"name\", \"public_key\", \"seed\"}).")
    var validatorKey: String?

    @Flag(help: "Generate a fresh validator key (its public key must be in the genesis validator set).")
    var generateValidatorKey = false

    @OptionGroup var map: MapSizeOption

    @OptionGroup var indexes: ExplorerIndexesOption

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        let chosen = [devValidator != nil, validatorKey != nil, generateValidatorKey].filter { $0 }.count
        guard chosen <= 1 else { throw ValidationError("choose at most one of --dev-validator, --validator-key, --generate-validator-key") }
        guard (genesis == nil) != (fromState == nil) else { throw ValidationError("give either --genesis FILE or --from-state FILE") }
        guard (fromState == nil) == (chainId == nil) else { throw ValidationError("--from-state and --chain-id go together") }
        guard fromState != nil || genesisTime == nil else { throw ValidationError("--genesis-time applies to --from-state only") }
    }

    /// The genesis file bytes: the JSON file as given, or the fork genesis file built from the dump (checked here so
    /// a damaged or edited dump is refused before a home is made).
    private func genesisFile() throws -> Bytes {
        guard let fromState, let chainId else {
            guard let file = FileManager.default.contents(atPath: genesis ?? "") else { throw CLIError("cannot read genesis file \(genesis ?? "")") }
            return Array(file)
        }
        guard let file = FileManager.default.contents(atPath: fromState) else { throw CLIError("cannot read state dump \(fromState)") }
        // The digest here; the root is rebuilt once, when the home parses the fork genesis file.
        let dump = try CLIError.wrap { try StateDump.decode(Array(file)) }
        guard dump.chainId != chainId else {
            throw CLIError("--chain-id \(chainId) is the dumped chain's own id: a fork needs a new one, or its transactions would be valid on both chains")
        }
        let fork = try CLIError.wrap { try Genesis(forking: dump, chainId: chainId, genesisTime: genesisTime ?? dump.blockTime) }
        guard let bytes = fork.forkGenesisFile else { throw CLIError("the fork genesis file could not be built") }
        return bytes
    }

    func run() throws {
        let file = try genesisFile()
        let key: ValidatorKey?
        if let devValidator {
            key = try ValidatorKey.insecureDev(index: devValidator)
        } else if let validatorKey {
            key = try ValidatorKey.load(from: validatorKey)
        } else if generateValidatorKey {
            key = try ValidatorKey.generate(name: "validator")
        } else {
            key = nil
        }
        let (parsed, head) = try CLIError.wrap { try initializeStaged(genesisFile: file, validatorKey: key) }
        if json {
            try printJSON([
                "home": home, "chain_id": parsed.chainId, "genesis_hash": head.hash.hex, "state_root": head.stateRoot.hex,
                "validator_public_key": key.map { $0.key.publicKey.bytes.hex as Any } ?? NSNull(),
                "explorer_indexes": indexes.explorerIndexes,
            ])
        } else {
            print("Initialised \(home)")
            print("  chain id      \(parsed.chainId)")
            print("  genesis hash  \(head.hash)")
            print("  state root    \(head.stateRoot)")
            if let dump = parsed.stateDump {
                print("  forked from   \(dump.chainId) at height \(dump.height) (\(dump.blockHash)), \(dump.entries.count) state entries")
            } else {
                print("  accounts      \(parsed.allocations.count) allocations, \(Tokens.format(parsed.allocations.reduce(0) { $0 + $1.amount })) AI")
            }
            if let key {
                print("  validator     \(key.name) \(key.key.publicKey.bytes.hex)\(devValidator != nil ? "  (INSECURE dev key)" : "")")
            } else {
                print("  validator     none: this node will not produce blocks")
            }
            if !indexes.explorerIndexes { print("  explorer      no supply or account history kept (--no-explorer-indexes)") }
            print("Start it with: proofmintd start --home \(home)")
        }
    }

    private var storeOptions: ChainStore.Options {
        var options = ChainStore.Options(mapSize: map.mapSize, durability: .full)
        options.explorerIndexes = indexes.explorerIndexes
        return options
    }

    /// Builds the home in its staging directory and renames it into place; on any failure removes what it made.
    private func initializeStaged(genesisFile: Bytes, validatorKey: ValidatorKey?) throws -> (Genesis, BlockHeader) {
        let dataPath = NodeHome(path: home).dataPath
        if FileManager.default.fileExists(atPath: "\(dataPath)/\(ChainStore.dataFileName)") {
            throw StorageError.alreadyInitialized(path: dataPath)
        }
        // Before anything is created: on a full disk the answer is this message and an untouched file system.
        try DiskSpace.requireMinimum(at: home)
        let staging = try HomeStaging(home: home, purpose: .initializing)
        if !staging.removedLeftovers.isEmpty {
            FileHandle.standardError.write(Data("note: removed \(staging.path), left by an interrupted init\n".utf8))
        }
        do {
            // The store is closed (released) before its directory is renamed.
            let (genesis, head) = try { () throws -> (Genesis, BlockHeader) in
                let (genesis, store) = try NodeHome(path: staging.path).initialize(
                    genesisFile: genesisFile, validatorKey: validatorKey, options: storeOptions)
                return (genesis, store.head)
            }()
            try staging.promote(to: home)
            return (genesis, head)
        } catch {
            staging.discard()
            throw error
        }
    }
}
