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
