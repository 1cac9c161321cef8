import ProofmintCore

/// The pseudo-transaction that carries the proposer's VRF beacon in a CometBFT block (docs/PROTOCOL.md §4.7): the first
/// of the block's `txs`, exactly
///
///     "proofmint/beacon-carrier/v1" ‖ proof        (27 ASCII bytes, then the 80-byte ECVRF proof: 107 bytes)
///
/// with `proof` the proposer's `BlockBeacon` over (chain id, height), as Proofmint's own consensus puts in its header
/// (§4.6). Its first byte, 0x70 ('p'), is not a transaction version (0x01), so the carrier never decodes as a
/// `SignedTransaction` and no transaction can pass for it; `CheckTx` refuses it, so it never enters a mempool.
public enum ABCIBeaconCarrier {
    static let magic = Array("proofmint/beacon-carrier/v1".utf8)
    public static let length = magic.count + BlockHeader.beaconLength

    /// The carrier of `beacon`.
    public static func bytes(_ beacon: BlockBeacon) -> [UInt8] { magic + beacon.proof }

    /// Whether `bytes` starts as a carrier does (`CheckTx` refuses these, whatever follows).
    static func looksLikeCarrier(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    /// The proof `bytes` carries, or nil if they are not exactly a carrier.
    static func proof(in bytes: [UInt8]) -> Bytes? {
        guard bytes.count == length, looksLikeCarrier(bytes) else { return nil }
        return Array(bytes[magic.count...])
    }

    /// The beacon of block `height` that the block's first transaction (`first`, nil for an empty block) carries,
    /// verified under the proposer's key.
    static func beacon(
        carriedBy first: [UInt8]?, proposer: Ed25519.PublicKey, chainId: String, height: UInt64
    ) throws(ABCIBeaconError) -> BlockBeacon {
        guard let first else { throw .missing }
        guard let proof = proof(in: first) else { throw .notFirst }
        guard let beacon = BlockBeacon.verified(proof, producer: proposer, chainId: chainId, height: height) else {
            throw .invalid(height: height)
        }
        return beacon
    }
}
