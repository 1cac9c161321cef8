/// The attestor registry's rules (§9.10): what a `stake` at tiers 1–4 must present, which tier multiplier a stake
/// earns at a given height, `report_attestation`, and the checks of governance's `attestor` proposals.
///
/// Why the checks sit where they do: the attestation's signature is checked when the `stake` presents it, so a forged
/// attestation never reaches the state; trust can still be withdrawn later (a revoked attestor, an expiry), so the
/// multiplier is recomputed against the registry every time it counts (`effectiveTierBps`), never taken from the
/// stake record alone.
public enum AttestationModule {
    /// The tier claim a `stake` must carry, checked in this order (§9.10); returns what the stake record keeps.
    /// Tier 0 takes nothing and tier 1 a bare hash (both checked at admission, codes 5 and 6); tiers 2–4 a signed
    /// attestation that names this chain and this provider, has not expired, and is signed by a registered,
    /// unrevoked attestor whose `max_tier` covers the tier.
    static func checkClaim(
        _ request: StakeRequest, provider: Address, context: BlockContext, state: StateOverlay
    ) throws(TransactionError) -> TierProof {
        switch (request.tier, request.claim) {
        case (.open, _): return .none
        case (.atRest, .hash(let hash)): return .hash(hash)
        case (.atRest, .signed): throw .attestationTierMismatch(requested: request.tier.rawValue, attested: nil)
        case (.atRest, .none): throw .attestationRequired(tier: request.tier.rawValue)
        case (_, .none): throw .attestationRequired(tier: request.tier.rawValue)
        case (_, .hash): throw .signedAttestationRequired(tier: request.tier.rawValue)
        case (_, .signed(let signed)):
            let statement = signed.attestation
            guard statement.tier == request.tier else {
                throw .attestationTierMismatch(requested: request.tier.rawValue, attested: statement.tier.rawValue)
            }
            guard statement.chainId.utf8.elementsEqual(context.chainId.utf8) else {
                throw .attestationWrongChain(expected: context.chainId, actual: statement.chainId)
            }
            guard statement.provider == provider else { throw .attestationWrongProvider(provider: statement.provider, sender: provider) }
            guard context.height <= statement.expiresAt else { throw .attestationExpired(expiresAt: statement.expiresAt, height: context.height) }
            let record = try trustedAttestor(statement.attestor, state: state)
            guard statement.tier.rawValue <= record.maxTier.rawValue else {
                throw .attestationTierAboveMax(tier: statement.tier.rawValue, maxTier: record.maxTier.rawValue)
            }
            // Last: the one check that costs a signature verification.
            guard signed.hasValidSignature else { throw .attestationBadSignature }
            return .attested(
                .init(attestor: statement.attestor, measurement: statement.measurement, expiresAt: statement.expiresAt, attestedAt: context.height))
        }
    }

    /// The tier multiplier that counts for `stake` now (§9.10): tiers 0 and 1 as the table says; tiers 2–4 only while
    /// their attestation's attestor is registered, not revoked, still allows the tier, and the attestation has not
    /// expired (`height ≤ expires_at`); otherwise the multiplier of tier 0 (open). Proof of Compute weighs receipts
    /// with it, and staking power uses the same rule.
    public static func effectiveTierBps(stake: Stake, context: BlockContext, state: StateOverlay) throws(TransactionError) -> UInt16 {
        let tier = try effectiveTier(stake: stake, height: context.height, state: state)
        return context.parameters.staking.tierMultiplierBps(tier)
    }

    /// The tier `effectiveTierBps` counts: `stake.tier`, or `open` when a tier 2–4 attestation no longer holds.
    public static func effectiveTier(stake: Stake, height: UInt64, state: StateOverlay) throws(TransactionError) -> PrivacyTier {
        guard stake.tier.rawValue >= PrivacyTier.cpuTEE.rawValue else { return stake.tier }
        guard let attested = stake.proof.attested else { return .open }
        let record = try state.recordOrFail(AttestorRecord.self, at: .attestor(attested.attestor))
        return holds(attested, tier: stake.tier, record: record, height: height) ? stake.tier : .open
    }

    /// The rule itself, without state: the attestor is registered and unrevoked, allows the tier, and the attestation
    /// has not expired at `height`.
    public static func holds(_ attested: TierProof.Attested, tier: PrivacyTier, record: AttestorRecord?, height: UInt64) -> Bool {
        guard let record, !record.isRevoked, tier.rawValue <= record.maxTier.rawValue else { return false }
        return height <= attested.expiresAt
    }

    /// `report_attestation` (payload tag 14): if the provider's stake rests on a tier 2–4 attestation whose attestor
    /// was revoked at or after the attestation was presented, slash `staking.slash_attestation_bps` (reason
    /// `attestation_failure`), drop the tier to open and clear the attestation. Anyone may send it; it earns nothing.
    static func report(
        _ report: AttestationReport, reporter: Address, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        let provider = report.provider
        guard let stake = try state.stakeOrFail(provider) else { throw .nothingToReport(provider: provider, reason: "it has no stake") }
        guard stake.tier.rawValue >= PrivacyTier.cpuTEE.rawValue, let attested = stake.proof.attested else {
            throw .nothingToReport(provider: provider, reason: "its stake carries no tier 2–4 attestation (tier \(stake.tier.name))")
        }
        let record = try state.recordOrFail(AttestorRecord.self, at: .attestor(attested.attestor))
        guard let revokedAt = record?.revokedAt, revokedAt >= attested.attestedAt else {
            throw .nothingToReport(provider: provider, reason: "its attestor \(attested.attestor.bytes.hex) has not been revoked")
        }
        var events = try StakingModule.slash(
            provider, bps: context.parameters.staking.slashAttestationBps, reason: .attestationFailure, height: context.height, state: &state)
        // The slash rewrote the record (amount, reputation): read it back, then drop the tier it no longer backs.
        if var slashed = try state.stakeOrFail(provider) {
            slashed.tier = .open
            slashed.proof = .none
            try state.setStake(slashed, for: provider)
        }
        events.append(.attestationReported(provider: provider, reporter: reporter, attestor: attested.attestor))
        return events
    }

    /// Stateless checks of an `attestor` proposal's content (admission, `invalid_proposal`).
    static func validateBasic(publicKey: Ed25519.PublicKey, name: String, maxTier: PrivacyTier) throws(TransactionError) {
        guard !name.isEmpty else { throw .invalidProposal(reason: "an attestor needs a name (1–64 bytes)") }
        guard maxTier.rawValue >= PrivacyTier.cpuTEE.rawValue else {
            throw .invalidProposal(reason: "an attestor's max_tier is 2–4 (cpu-tee, gpu-tee, tee-io): tiers 0 and 1 need no attestor")
        }
        guard publicKey.isValidPoint else { throw .invalidProposal(reason: "the attestor key is not a valid Ed25519 public key") }
    }

    /// Checks an `attestor` change against the registry and returns the record to write: at `propose` (so a proposal
    /// that cannot execute is refused early) and again at execution (the registry may have changed meanwhile).
    /// `add` of a new key registers it from `height`; `add` of a trusted key updates its name and max tier; a revoked
    /// key is never trusted again (`attestor_revoked`). `revoke` needs a registered, unrevoked key.
    static func checkChange(
        publicKey: Ed25519.PublicKey, name: String, maxTier: PrivacyTier, action: ProposalContent.AttestorAction, height: UInt64,
        state: StateOverlay
    ) throws(TransactionError) -> AttestorRecord {
        let existing = try state.recordOrFail(AttestorRecord.self, at: .attestor(publicKey))
        if let existing, let revokedAt = existing.revokedAt { throw .attestorRevoked(key: publicKey.bytes.hex, revokedAt: revokedAt) }
        switch action {
        case .add:
            return AttestorRecord(name: name, maxTier: maxTier, addedAt: existing?.addedAt ?? height)
        case .revoke:
            guard var record = existing else { throw .attestorUnknown(key: publicKey.bytes.hex) }
            record.revokedAt = height
            return record
        }
    }

    /// The registry record of a key that may sign attestations now.
    private static func trustedAttestor(_ key: Ed25519.PublicKey, state: StateOverlay) throws(TransactionError) -> AttestorRecord {
        guard let record = try state.recordOrFail(AttestorRecord.self, at: .attestor(key)) else { throw .attestorUnknown(key: key.bytes.hex) }
        if let revokedAt = record.revokedAt { throw .attestorRevoked(key: key.bytes.hex, revokedAt: revokedAt) }
        return record
    }
}
