import Foundation
import ProofmintCore

/// Turns `tx stake` flags into a `StakeRequest`, refusing locally what the chain would refuse for certain
/// whatever its state (an unknown tier, a tier without its attestation, an attestation on tier 0).
/// Everything that depends on the chain's state (minimum stake, locks, balance) is left to the chain.
public enum StakingInput {
    /// A privacy tier given as a number 0–4.
    public static func tier(_ number: Int) throws(InputError) -> PrivacyTier {
        guard number >= 0, number <= Int(UInt8.max), let tier = PrivacyTier(rawValue: UInt8(number)) else { throw .invalidTier(number) }
        return tier
    }

    /// An attestation hash: 64 hex digits (surrounding whitespace and a `0x` prefix are forgiven).
    public static func attestation(_ text: String?) throws(InputError) -> Hash32? {
        guard let text else { return nil }
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.lowercased().hasPrefix("0x") { trimmed.removeFirst(2) }
        guard trimmed.count == 64, let hash = Hash32(hex: trimmed.lowercased()) else { throw .invalidAttestation(text) }
        return hash
    }

    /// The stake request for `tx stake`; an amount of 0 is allowed (it changes only the tier or lock of an existing stake).
    /// `attestation` is tier 1's hash (64 hex digits); tiers 2–4 take `signed`, read from an attestation file, which
    /// must be for this tier and this provider (the chain checks the rest: registry, expiry, chain).
    public static func stakeRequest(
        amount: String, lockEpochs: UInt32, tier number: Int, attestation text: String?, signed: SignedAttestation? = nil,
        provider: Address? = nil
    ) throws(InputError) -> StakeRequest {
        let amount = try WalletInput.amount(amount, allowZero: true)
        let tier = try tier(number)
        if tier.rawValue >= PrivacyTier.cpuTEE.rawValue {
            guard let signed else { throw .signedAttestationRequired(tier: tier) }
            guard signed.attestation.tier == tier else { throw .attestationTierMismatch(requested: tier, attested: signed.attestation.tier) }
            if let provider, signed.attestation.provider != provider {
                throw .attestationForAnotherProvider(provider: signed.attestation.provider, sender: provider)
            }
            return StakeRequest(amount: amount, lockEpochs: lockEpochs, tier: tier, claim: .signed(signed))
        }
        let attestation = try attestation(text)
        if tier.requiresAttestation && attestation == nil { throw .attestationRequired(tier: tier) }
        if !tier.requiresAttestation && attestation != nil { throw .attestationUnexpected }
        return StakeRequest(amount: amount, lockEpochs: lockEpochs, tier: tier, attestation: attestation)
    }
}
