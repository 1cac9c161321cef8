import ProofmintCore

/// The INSECURE devnet attestor: its signing key's seed is `BLAKE2b-256("proofmint/insecure-dev-attestor/<index>")`,
/// derived the way the devnet validator's is, so anyone can sign attestations with it. `genesis/devnet.json`
/// registers attestor 0 (`devnet-attestor-0`, max tier 4) so that the README tour can stake at tiers 2–4. A real chain
/// registers the TEE vendors' keys instead.
public enum DevAttestor {
    public static let warning = "INSECURE: the devnet attestor's key is publicly known; anyone can sign attestations with it. Devnet only."

    public static func key(index: Int) throws(DerivationError) -> Ed25519.PrivateKey {
        guard index >= 0 else { throw .indexOutOfRange(String(index)) }
        let seed = Blake2b.hash256(Array("proofmint/insecure-dev-attestor/\(index)".utf8))
        do { return try Ed25519.PrivateKey(seed: seed) } catch { throw .indexOutOfRange(String(index)) }
    }

    /// The name the devnet genesis gives attestor `index`.
    public static func name(index: Int) -> String { "devnet-attestor-\(index)" }
}
