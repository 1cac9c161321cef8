import ProofmintCore

/// A stake record with what queries derive from it at a height: staking power and the amount tier.
public struct StakeView: RPCNamedObject {
    public static let rpcName = "Stake"

    public var amount: Amount
    public var lockEpochs: UInt64
    /// An unstake in a block of height ≥ this is allowed.
    public var lockedUntil: UInt64
    public var tier: UInt64
    /// `open`, `at-rest`, `cpu-tee`, `gpu-tee`, `tee-io`.
    public var tierName: String
    /// Tier 1's bare attestation hash (null otherwise).
    public var attestation: Hash32?
    /// Tiers 2–4: the checked attestation the stake rests on (protocol version 3).
    @Omittable public var attested: StakeAttestationView?
    /// The tier whose multiplier counts now: `tier`, or 0 (open) once a tier 2–4 attestation no longer holds.
    public var effectiveTier: UInt64
    public var reputation: UInt64
    public var jailed: Bool
    /// The height of the last jailing (0 if never jailed): `unjail` is allowed from `jailed_at + jail_period_blocks`.
    public var jailedAt: UInt64
    public var power: Amount
    /// Seed 001's tier by amount, informative only.
    public var amountTier: String

    /// `attestor` is the registry record of the stake's attestor, if it has one (nil: unknown, or no attestation).
    public init(_ stake: Stake, parameters: StakingParameters, height: UInt64, attestor: AttestorRecord? = nil) {
        amount = stake.amount
        lockEpochs = UInt64(stake.lockEpochs)
        lockedUntil = stake.lockedUntil
        tier = UInt64(stake.tier.rawValue)
        tierName = stake.tier.name
        attestation = stake.proof.hash
        var effective = stake.tier
        if stake.tier.rawValue >= PrivacyTier.cpuTEE.rawValue {
            let holds = stake.proof.attested.map { AttestationModule.holds($0, tier: stake.tier, record: attestor, height: height) } ?? false
            attested = stake.proof.attested.map { StakeAttestationView($0, holds: holds) }
            if !holds { effective = .open }
        }
        effectiveTier = UInt64(effective.rawValue)
        reputation = UInt64(stake.reputation)
        jailed = stake.jailed
        jailedAt = stake.jailedAt
        power = StakingPower.of(stake, parameters: parameters, height: height, effectiveTier: effective)
        amountTier = StakingPower.amountTier(stake.amount)
    }
}

/// An unstaked amount waiting out the unbonding period; `matured` once `mature_at` ≤ the answer's height.
public struct UnbondingView: RPCNamedObject {
    public static let rpcName = "Unbonding"

    public var amount: Amount
    public var matureAt: UInt64
    public var matured: Bool

    public static func list(_ queue: UnbondingQueue, height: UInt64) -> [UnbondingView] {
        queue.entries.map { UnbondingView(amount: $0.amount, matureAt: $0.matureAt, matured: $0.matureAt <= height) }
    }
}
