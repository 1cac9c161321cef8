extension Block {
    /// Whether this is a block an external consensus engine decided (ABCI mode): no producer signature (64 zero bytes)
    /// after height 0. Its header's beacon is still the proposer's VRF proof (PROTOCOL.md §4.7). Storage's integrity
    /// checks verify that proof instead of the producer signature: the block's authority is the engine's commit, which
    /// the store does not hold. The record's checksum still covers every byte.
    public var isConsensusDecided: Bool {
        height > 0 && signature.allSatisfy { $0 == 0 }
    }
}
