import ProofmintCore
import ProofmintCrypto
import ProofmintStorage

/// What a node may do on a devnet and nowhere else (docs/RPC.md, "Devnet tools"): fast mining, time control, run-time
/// mining modes and the faucet. A node has it only when its genesis says the chain is a devnet (`Genesis.isDevnet`),
/// so these tools cannot reach a chain whose users did not agree to them, whatever flags its node was started with.
public struct DevnetTools: Sendable {
    /// The most blocks one `pm_mine` request may produce on a devnet (elsewhere `pm_mine` keeps its 1,000).
    public static let maxMinedPerRequest: UInt64 = 1_000_000

    /// The dev reserve's INSECURE, publicly known key, which the faucet signs its transfers with.
    public let faucet: Ed25519.PrivateKey

    public init(faucet: Ed25519.PrivateKey) { self.faucet = faucet }

    /// The tools for a chain with this genesis; nil if it is not a devnet.
    public static func forChain(_ genesis: Genesis) throws -> DevnetTools? {
        guard genesis.isDevnet else { return nil }
        return DevnetTools(faucet: try insecureFaucetKey(index: 0))
    }

    /// The tools for the chain in `store`: from the flag recorded at its creation, else (an older home) from the genesis
    /// file it was created from.
    public static func forStore(_ store: ChainStore) throws -> DevnetTools? {
        if let devnet = try store.recordedDevnet() { return devnet ? DevnetTools(faucet: try insecureFaucetKey(index: 0)) : nil }
        guard let file = try store.genesisFile() else { return nil }
        return try forChain(Genesis.parse(file: file))
    }

    /// The dev reserve's key: seed `BLAKE2b-256("proofmint/insecure-dev-faucet/<index>")` (scripts/devnet_accounts.py).
    public static func insecureFaucetKey(index: Int) throws -> Ed25519.PrivateKey {
        try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("proofmint/insecure-dev-faucet/\(index)".utf8)))
    }

    /// The faucet's address: the account `pm_faucet` pays from.
    public var faucetAddress: Address { Address(publicKey: faucet.publicKey) }
}
