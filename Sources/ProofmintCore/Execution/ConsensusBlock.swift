import ProofmintCrypto

/// The block context an external consensus engine (CometBFT, through ABCI) gives instead of a signed Proofmint header:
/// the engine has already agreed on the block, so there is no producer signature, schedule or VRF proof to check.
/// `StateTransition.execute(transactions:context:parent:state:)` runs a block under it.
public struct ConsensusBlock: Sendable, Equatable {
    public let chainId: String
    public let height: UInt64
    /// Milliseconds since the Unix epoch, the engine's agreed block time.
    public let timestamp: UInt64
    /// The proposer's Ed25519 key: the header's `producer`.
    public let proposer: Ed25519.PublicKey
    /// The block's randomness (`BlockContext.beacon`), chosen by the caller's rule (ABCI: `ABCIBeacon`).
    public let beacon: Hash32

    public init(chainId: String, height: UInt64, timestamp: UInt64, proposer: Ed25519.PublicKey, beacon: Hash32) {
        self.chainId = chainId
        self.height = height
        self.timestamp = timestamp
        self.proposer = proposer
        self.beacon = beacon
    }

    /// What the header's 80-byte `beacon` field holds for such a block: the beacon value, then 48 zero bytes. It is not
    /// a VRF proof, so `StateTransition.apply` (replay) refuses these blocks; their authority is the engine's commit.
    public var headerBeacon: Bytes { beacon.bytes + Bytes(repeating: 0, count: BlockHeader.beaconLength - beacon.bytes.count) }
}
