import Foundation
import Logging
import ProofmintCore
import ProofmintNode
import ProofmintStorage

/// The node the RPC target talks to: a real LMDB store in a temporary directory, made once per process, with one
/// block holding one transfer so that block, transaction and account lookups find something. Manual mining, control
/// methods off (as a plain `proofmintd start`), and a fixed producer clock, so the block (and so every hash a seed
/// body names) is the same on every run.
public struct FuzzNode: Sendable {
    public let handler: RPCBodyHandler
    public let node: Node
    /// The transfer in block 1.
    public let transfer: SignedTransaction

    /// The one instance of this process, made on first use.
    public static func shared() async throws -> FuzzNode { try await FuzzNodeCache.instance.node() }

    static let directory = NSTemporaryDirectory() + "proofmint-fuzz-rpc-\(getpid())"
    static let genesisTime = "2026-01-01T00:00:00Z"
    /// One second after genesis, in Unix milliseconds.
    static let blockTime: UInt64 = 1_767_225_601_000
    /// The validator's and the funded user's keys.
    public static func keys() throws -> (validator: Ed25519.PrivateKey, user: Ed25519.PrivateKey) {
        (try seededKey("validator"), try seededKey("user"))
    }

    /// The genesis file of the store: one validator, one funded user.
    public static func genesisJSON() throws -> String {
        let (validator, user) = try keys()
        return """
        {"chain_id": "proofmint-fuzz", "genesis_time": "\(genesisTime)",
         "validators": [{"name": "validator-0", "public_key": "\(validator.publicKey.bytes.hex)"}],
         "allocations": [{"name": "user", "address": "\(Address(publicKey: user.publicKey))", "amount": "1000AI"}]}

        """
    }

    static func make() async throws -> FuzzNode {
        try? FileManager.default.removeItem(atPath: directory)
        atexit { try? FileManager.default.removeItem(atPath: FuzzNode.directory) }
        let (validator, user) = try keys()
        let genesisFile = Array(try genesisJSON().utf8)
        let genesis = try Genesis.parse(json: genesisFile)
        let store = try ChainStore.create(
            at: directory, genesis: genesis, genesisFile: genesisFile, options: .init(mapSize: 1 << 30, durability: .none))
        var logger = Logger(label: "proofmint.fuzz")
        logger.logLevel = .critical
        let node = Node(
            store: store, validator: ValidatorKey(name: "validator-0", key: validator), mode: .manual, emptyBlocks: true,
            logger: logger, clock: { blockTime })
        let transfer = Transaction(
            chainId: genesis.chainId, sender: user.publicKey, nonce: 0, fee: genesis.parameters.minFee,
            payload: .transfer(Transfer(recipient: Address(publicKey: validator.publicKey), amount: Tokens.one))
        ).signed(by: user)
        _ = try await node.submit(transfer.canonicalBytes)
        _ = try await node.mine(count: 1)
        return FuzzNode(handler: RPCBodyHandler(node: node), node: node, transfer: transfer)
    }

    /// A fixed key: the seed is BLAKE2b-256 of a name, so every run derives the same one.
    private static func seededKey(_ name: String) throws -> Ed25519.PrivateKey {
        try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("proofmint/fuzz/\(name)".utf8)))
    }
}

/// Makes the node once, however many tasks ask at the same time.
actor FuzzNodeCache {
    static let instance = FuzzNodeCache()
    private var made: Task<FuzzNode, any Error>?

    func node() async throws -> FuzzNode {
        if let made { return try await made.value }
        let task = Task { try await FuzzNode.make() }
        made = task
        return try await task.value
    }
}
