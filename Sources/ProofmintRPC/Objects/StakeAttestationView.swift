import ProofmintCore

/// A stake's checked attestation as the state keeps it (tiers 2–4), with whether it still counts at the answer's height.
public struct StakeAttestationView: RPCNamedObject {
    public static let rpcName = "StakeAttestation"

    public var attestor: Hex
    public var measurement: Hash32
    public var expiresAt: UInt64
    /// The height of the stake that presented it.
    public var attestedAt: UInt64
    /// True while the attestor is registered, unrevoked and allows the tier, and `expires_at` has not passed.
    public var holds: Bool

    public init(_ attested: TierProof.Attested, holds: Bool) {
        attestor = Hex(attested.attestor.bytes)
        measurement = attested.measurement
        expiresAt = attested.expiresAt
        attestedAt = attested.attestedAt
        self.holds = holds
    }
}
