import Foundation
import ProofmintCore
import ProofmintStorage

/// The files of one node: `data/` (LMDB), `genesis.json`, `validator_key.json`, `rpc.address`.
public struct NodeHome: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public var dataPath: String { "\(path)/data" }
    public var genesisPath: String { "\(path)/genesis.json" }
    public var validatorKeyPath: String { "\(path)/validator_key.json" }
    /// Written at start with the address the RPC server actually bound (useful with `--rpc-port 0`).
    public var rpcAddressPath: String { "\(path)/rpc.address" }
    /// Held by the running node (see `HomeLock`).
    public var lockPath: String { "\(path)/node.lock" }

    /// Creates the home: validates the genesis file, writes block 0, and stores the validator key.
    public func initialize(genesisFile: Bytes, validatorKey: ValidatorKey?, options: ChainStore.Options) throws -> (Genesis, ChainStore) {
        let genesis = try Genesis.parse(file: genesisFile)
        if let validatorKey, !genesis.validators.contains(validatorKey.key.publicKey) {
            throw NodeError.home(
                "the validator key \(validatorKey.key.publicKey.bytes.hex) is not in the genesis validator set; "
                    + "add it to \"validators\" or initialise without a validator key")
        }
        if FileManager.default.fileExists(atPath: "\(dataPath)/\(ChainStore.dataFileName)") {
            throw StorageError.alreadyInitialized(path: dataPath)
        }
        // The small files first: if any of them fails, nothing that looks like a chain has been created.
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw NodeError.home("cannot create \(path): \(error.localizedDescription)")
        }
        removeLeftoverTemporaries()
        guard FileManager.default.createFile(atPath: genesisPath, contents: Data(genesisFile), attributes: [.posixPermissions: 0o644]) else {
            throw NodeError.home("cannot write \(genesisPath)")
        }
        if let validatorKey { try validatorKey.save(to: validatorKeyPath) }
        do {
            let store = try ChainStore.create(at: dataPath, genesis: genesis, genesisFile: genesisFile, options: options)
            return (genesis, store)
        } catch {
            try? FileManager.default.removeItem(atPath: validatorKeyPath)
            try? FileManager.default.removeItem(atPath: genesisPath)
            try? FileManager.default.removeItem(atPath: dataPath)
            throw error
        }
    }

    public func openStore(options: ChainStore.Options) throws -> ChainStore {
        try ChainStore.open(at: dataPath, options: options)
    }

    /// Removes temp files of the validator key left by an `init` killed while writing it (issue 13, D12): they hold
    /// a seed, so they must not linger. Returns their paths.
    @discardableResult
    public func removeLeftoverTemporaries() -> [String] {
        AtomicFile.removeStaleTemporaries(in: path)
    }

    /// The validator key if this home has one.
    public func validatorKey() throws -> ValidatorKey? {
        removeLeftoverTemporaries()
        guard FileManager.default.fileExists(atPath: validatorKeyPath) else { return nil }
        return try ValidatorKey.load(from: validatorKeyPath)
    }
}
