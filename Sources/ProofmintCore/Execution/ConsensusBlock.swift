import ProofmintCrypto

/// The block context an external consensus engine (CometBFT, through ABCI) gives instead of a signed Proofmint header:
/// the engine has already agreed on the block, so there is no producer signature or schedule to check.
/// `StateTransition.execute(transactions:context:parent:state:)` runs a block under it.
public struct ConsensusBlock: Sendable, Equatable {
    public let chainId: String
    public let height: UInt64
    /// Milliseconds since the Unix epoch, the engine's agreed block time.
    public let timestamp: UInt64
    /// The proposer's VRF beacon for this chain and height (PROTOCOL.md §4.6, §4.7): made by proving with its key or
    /// by verifying the proof the block carries, so the core never verifies it again. Its producer is the proposer.
    public let beacon: BlockBeacon
    /// Whether the engine's round-0 proposer for this height did not make the block (it withheld or failed, and a later
    /// round's proposer did): the block then samples every receipt it decides, as after a passed turn (§4.4, §11.11).
    public let turnPassed: Bool

    public init(chainId: String, height: UInt64, timestamp: UInt64, beacon: BlockBeacon, turnPassed: Bool = false) {
        self.chainId = chainId
        self.height = height
        self.timestamp = timestamp
        self.beacon = beacon
        self.turnPassed = turnPassed
    }

    /// The proposer's Ed25519 key: the header's `producer`.
    public var proposer: Ed25519.PublicKey { beacon.producer }
}
