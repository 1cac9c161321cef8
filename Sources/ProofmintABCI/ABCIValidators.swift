import ProofmintCore
import ProofmintCrypto
import Foundation
import ProofmintABCIProto

/// The mapping between Proofmint's validators (Ed25519 keys in the state's validator set) and CometBFT's: a CometBFT
/// validator address is the first 20 bytes of SHA-256 of its Ed25519 public key.
enum ABCIValidators {
    /// The voting power given to every validator: Proofmint's schedule weighs its validators equally.
    static let power: Int64 = 10

    static func address(of key: Ed25519.PublicKey) -> [UInt8] { Array(SHA2.sha256(key.bytes).prefix(20)) }

    /// The validator whose CometBFT address is `address`, or nil.
    static func key(forAddress address: [UInt8], in set: ValidatorSet) -> Ed25519.PublicKey? {
        set.validators.first { self.address(of: $0.publicKey) == address }?.publicKey
    }

    /// The proposer CometBFT v0.38 picks for round 0 of `height`, or nil for an empty set. `InitChain` gives every
    /// validator the same power and the set never changes, so CometBFT's proposer priorities (all 0 after `NewValidatorSet`,
    /// each height advancing them once, ties going to the lower address) rotate through the validators in ascending
    /// address order, starting at height 1 with the lowest; round `r` of a height is that rotation advanced `r` more.
    static func roundZeroProposer(height: UInt64, in set: ValidatorSet) -> Ed25519.PublicKey? {
        let ordered = set.validators.map { (address: address(of: $0.publicKey), key: $0.publicKey) }
            .sorted { $0.address.lexicographicallyPrecedes($1.address) }
        guard !ordered.isEmpty, height > 0 else { return nil }
        return ordered[Int((height - 1) % UInt64(ordered.count))].key
    }

    /// The set as CometBFT's validator updates (`ResponseInitChain.validators`).
    static func updates(_ set: ValidatorSet) -> [Tendermint_Abci_ValidatorUpdate] {
        set.validators.map { validator in
            var update = Tendermint_Abci_ValidatorUpdate()
            update.pubKey.ed25519 = Data(validator.publicKey.bytes)
            update.power = power
            return update
        }
    }
}
