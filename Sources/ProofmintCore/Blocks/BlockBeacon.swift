import ProofmintCrypto

/// A block's beacon known to be valid, with its output: made by proving with the producer's key, or by verifying a
/// proof. There is no other way to make one, so `StateTransition.propose` can take it without verifying the proof
/// again: a producer that proves and then verifies its own beacon pays for two VRF operations instead of one, which
/// is most of the cost of an empty block (`pm_mine`'s fast path).
public struct BlockBeacon: Sendable, Equatable {
    /// The 80-byte ECVRF proof the header carries.
    public let proof: Bytes
    /// BLAKE2b-256 of the VRF output: the block's randomness (`BlockContext.beacon`).
    public let output: Hash32
    /// What the proof is over and by whom, so that a beacon for another block is refused.
    public let chainId: String
    public let height: UInt64
    public let producer: Ed25519.PublicKey

    private init(proof: Bytes, output: Hash32, chainId: String, height: UInt64, producer: Ed25519.PublicKey) {
        self.proof = proof
        self.output = output
        self.chainId = chainId
        self.height = height
        self.producer = producer
    }

    /// The producer's beacon for block `height` of `chainId`.
    public static func prove(chainId: String, height: UInt64, producer: Ed25519.PrivateKey) throws(CryptoError) -> BlockBeacon {
        let (proof, output) = try VRF.proveWithOutput(producer, alpha: BlockHeader.beaconInput(chainId: chainId, height: height))
        return BlockBeacon(proof: proof, output: Hash32.digest(output), chainId: chainId, height: height, producer: producer.publicKey)
    }

    /// `proof` as the beacon of block `height` of `chainId` by `producer`, or nil if it does not verify.
    public static func verified(_ proof: Bytes, producer: Ed25519.PublicKey, chainId: String, height: UInt64) -> BlockBeacon? {
        guard let output = BlockHeader.beaconOutput(proof, producer: producer, chainId: chainId, height: height) else { return nil }
        return BlockBeacon(proof: proof, output: output, chainId: chainId, height: height, producer: producer)
    }
}
