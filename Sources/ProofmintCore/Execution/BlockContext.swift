/// What a transaction can know about the block it is in. Time is the producer's timestamp, never a local clock.
public struct BlockContext: Sendable {
    public let chainId: String
    public let height: UInt64
    public let timestamp: UInt64
    public let parameters: Parameters
    /// The block's randomness: BLAKE2b-256 of the producer's VRF output over the block's height (§4.6 of PROTOCOL.md).
    /// The producer cannot choose it, only withhold its block. `Hash32.zero` where there is no block yet (mempool
    /// admission). Sampling reads the running mix (`StateOverlay.randomnessMix`), which folds in every beacon.
    /// Determinism: "randomness" here is chain data, not a random source. The value comes from the block header (its
    /// VRF proof, checked under the producer's key), so every node applying the block reads the same 32 bytes.
    public let beacon: Hash32
    /// The block was made after its scheduled producer's turn passed on (§4.4, two or more validators): every receipt
    /// it decides is sampled, so that withholding a block to re-roll the beacon only makes sampling certain.
    public let turnPassed: Bool

    public init(chainId: String, height: UInt64, timestamp: UInt64, parameters: Parameters, beacon: Hash32, turnPassed: Bool = false) {
        self.chainId = chainId
        self.height = height
        self.timestamp = timestamp
        self.parameters = parameters
        self.beacon = beacon
        self.turnPassed = turnPassed
    }
}
