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

/// A block executed under a `ConsensusBlock`: the outcome (its header complete with roots) and, for every transaction
/// passed in, whether it was included or left out, and why.
public struct ConsensusOutcome: Sendable {
    public let outcome: BlockOutcome
    /// The transactions in the block, in order.
    public let included: [SignedTransaction]
    /// Their indexes into the transactions passed in.
    public let includedIndexes: [Int]
    /// Indexes (into the transactions passed in) of those left out, with the reason; empty for a block every node
    /// should accept (`ProcessProposal`).
    public let dropped: [(index: Int, error: TransactionError)]

    /// The block record to store: the header with no producer signature (64 zero bytes, as the genesis block has).
    public var block: Block {
        Block(header: outcome.header, signature: Bytes(repeating: 0, count: Ed25519.signatureLength), transactions: included)
    }
}

extension Block {
    /// Whether this is a block an external consensus engine decided (ABCI mode): no producer signature (64 zero bytes)
    /// and a beacon field that holds a beacon value followed by 48 zero bytes rather than a VRF proof. Storage's
    /// integrity checks skip the producer signature of such a block: its authority is the engine's commit, which the
    /// store does not hold. The record's checksum still covers every byte.
    public var isConsensusDecided: Bool {
        height > 0 && signature.allSatisfy { $0 == 0 } && header.beacon.count == BlockHeader.beaconLength
            && header.beacon[Hash32.zero.bytes.count...].allSatisfy { $0 == 0 }
    }
}
