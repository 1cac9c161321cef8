import ProofmintCore

/// The block's randomness in ABCI mode (docs/PROTOCOL.md, "ABCI mode"). CometBFT gives the application no randomness,
/// only the hash of the block it decided, so the beacon is
///
///     beacon = BLAKE2b-256("proofmint/abci-beacon/v1" ‖ hash)
///
/// with `hash` the `hash` of `ProcessProposal`/`FinalizeBlock` (the CometBFT block's header hash). Unlike the VRF beacon
/// of Proofmint's own consensus, the proposer can grind it: every change of the block (transaction order, which
/// transactions, the time) gives another hash (docs/ECONOMIC-SECURITY.md, "ABCI mode").
public enum ABCIBeacon {
    static let tag = Array("proofmint/abci-beacon/v1".utf8)

    public static func value(blockHash: [UInt8]) -> Hash32 { Hash32.digest(parts: [tag, blockHash]) }
}
