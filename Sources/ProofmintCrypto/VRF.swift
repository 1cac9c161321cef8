import CSodium

/// ECVRF-EDWARDS25519-SHA512-TAI, the verifiable random function of RFC 9381 (suite string `0x03`), over libsodium's
/// edwards25519 group operations.
///
/// A VRF output is unique per key and input: whoever holds the key can compute it, anyone can check it against the
/// public key, and nobody — the key holder included — can make a second valid output for the same input. That is what
/// makes a block's beacon ungrindable: the producer's only choice is to publish it or not.
///
/// Proof (80 bytes) = Gamma (32) ‖ c (16, little-endian) ‖ s (32, little-endian); output beta (64 bytes) =
/// SHA-512(0x03 ‖ 0x03 ‖ encode(8·Gamma) ‖ 0x00).
///
/// One deliberate strictness beyond the RFC: `verify` and `output` require Gamma (and the public key) to be a
/// canonical point of the prime-order subgroup, as libsodium's `crypto_core_ed25519_is_valid_point` defines it. An
/// honest proof always has Gamma = x·H in that subgroup; the RFC would also accept Gamma plus a small-order point,
/// which leaves beta unchanged (the cofactor clears it) but gives eight byte strings for one proof. Refusing them
/// keeps the header bytes, and so the block hash, unique. libsodium's scalar multiplication refuses points outside
/// the subgroup anyway, which is why cofactor clearing below is three doublings with point addition.
public enum VRF {
    public static let proofLength = 80
    public static let outputLength = 64

    static let suite: UInt8 = 0x03
    static let challengeLength = 16
    static let pointLength = 32
    static let scalarLength = 32
    /// The encoding of the neutral element (x = 0, y = 1).
    static let identity: Bytes = [1] + Bytes(repeating: 0, count: 31)

    /// The 80-byte proof of `key` over `alpha` (RFC 9381 §5.1). Deterministic: the same key and input always give the
    /// same proof. Throws only if libsodium refuses an operation on values this function derived itself, or if
    /// encode_to_curve finds no point in 256 tries (probability 2^-256); neither happens for a valid key.
    public static func prove(_ key: Ed25519.PrivateKey, alpha: Bytes) throws(CryptoError) -> Bytes {
        try proveWithOutput(key, alpha: alpha).proof
    }

    /// The proof and its 64-byte output beta, taken from the Gamma the proof was made with: what `verify` would return
    /// for it, without the verification's scalar multiplications (the prover knows its proof is valid).
    public static func proveWithOutput(_ key: Ed25519.PrivateKey, alpha: Bytes) throws(CryptoError) -> (proof: Bytes, output: Bytes) {
        Sodium.ensureReady()
        let expanded = SHA2.sha512(key.seed)
        var secret = Array(expanded[0..<32])
        secret[0] &= 248
        secret[31] &= 127
        secret[31] |= 64
        let x = reduce(secret + Bytes(repeating: 0, count: 32))
        let y = key.publicKey.bytes
        guard let h = encodeToCurve(salt: y, alpha: alpha) else { throw .operationFailed("VRF encode_to_curve found no point") }
        let k = reduce(SHA2.sha512(Array(expanded[32..<64]) + h))
        guard let gamma = multiply(x, h), let u = multiplyBase(k), let v = multiply(k, h) else {
            throw .operationFailed("VRF scalar multiplication")
        }
        let c = challenge(y, h, gamma, u, v)
        var cx = Bytes(repeating: 0, count: scalarLength)
        crypto_core_ed25519_scalar_mul(&cx, c + Bytes(repeating: 0, count: scalarLength - challengeLength), x)
        var s = Bytes(repeating: 0, count: scalarLength)
        crypto_core_ed25519_scalar_add(&s, k, cx)
        guard let output = hashToOutput(gamma: gamma) else { throw .operationFailed("VRF proof_to_hash") }
        return (gamma + c + s, output)
    }

    /// Checks `proof` of `key` over `alpha` (RFC 9381 §5.3) and returns the 64-byte output beta, or nil if the proof
    /// is malformed or does not verify.
    public static func verify(_ key: Ed25519.PublicKey, alpha: Bytes, proof: Bytes) -> Bytes? {
        Sodium.ensureReady()
        let y = key.bytes
        guard crypto_core_ed25519_is_valid_point(y) == 1, let decoded = decode(proof) else { return nil }
        guard let h = encodeToCurve(salt: y, alpha: alpha) else { return nil }
        let c = decoded.c + Bytes(repeating: 0, count: scalarLength - challengeLength)
        guard let sB = multiplyBase(decoded.s), let cY = multiply(c, y), let u = subtract(sB, cY),
              let sH = multiply(decoded.s, h), let cGamma = multiply(c, decoded.gamma), let v = subtract(sH, cGamma)
        else { return nil }
        guard challenge(y, h, decoded.gamma, u, v) == decoded.c else { return nil }
        return hashToOutput(gamma: decoded.gamma)
    }

    /// The output beta of a proof without checking it against a key or input (RFC 9381 §5.2): only for a proof
    /// already verified, or to show what a proof claims. Nil if the proof is malformed.
    public static func output(proof: Bytes) -> Bytes? {
        Sodium.ensureReady()
        guard let decoded = decode(proof) else { return nil }
        return hashToOutput(gamma: decoded.gamma)
    }

    // MARK: - RFC 9381 building blocks

    /// ECVRF_decode_proof (§5.4.4), with Gamma required in the prime-order subgroup (see the type's comment).
    static func decode(_ proof: Bytes) -> (gamma: Bytes, c: Bytes, s: Bytes)? {
        guard proof.count == proofLength else { return nil }
        let gamma = Array(proof[0..<pointLength])
        let c = Array(proof[pointLength..<(pointLength + challengeLength)])
        let s = Array(proof[(pointLength + challengeLength)...])
        guard crypto_core_ed25519_is_valid_point(gamma) == 1 else { return nil }
        // s must be below the group order: reducing it must leave it unchanged.
        guard reduce(s + Bytes(repeating: 0, count: 32)) == s else { return nil }
        return (gamma, c, s)
    }

    /// ECVRF_proof_to_hash's core: SHA-512(suite ‖ 0x03 ‖ encode(cofactor · Gamma) ‖ 0x00).
    static func hashToOutput(gamma: Bytes) -> Bytes? {
        guard let cleared = clearCofactor(gamma) else { return nil }
        return SHA2.sha512([suite, 0x03] + cleared + [0x00])
    }

    /// ECVRF_encode_to_curve_try_and_increment (§5.4.1.1) with encode_to_curve_salt = the public key's bytes.
    static func encodeToCurve(salt: Bytes, alpha: Bytes) -> Bytes? {
        for counter in 0...255 {
            let digest = SHA2.sha512([suite, 0x01] + salt + alpha + [UInt8(counter), 0x00])
            guard let point = decodePoint(Array(digest[0..<pointLength])), let cleared = clearCofactor(point) else { continue }
            if cleared != identity { return cleared }
        }
        return nil
    }

    /// ECVRF_challenge_generation (§5.4.3): the first 16 bytes of SHA-512(suite ‖ 0x02 ‖ Y ‖ H ‖ Gamma ‖ U ‖ V ‖ 0x00).
    static func challenge(_ y: Bytes, _ h: Bytes, _ gamma: Bytes, _ u: Bytes, _ v: Bytes) -> Bytes {
        Array(SHA2.sha512([suite, 0x02] + y + h + gamma + u + v + [0x00]).prefix(challengeLength))
    }

    /// RFC 8032 §5.1.3 decoding of any curve point (the torsion subgroup included), as RFC 9381's string_to_point:
    /// refuses y ≥ p and x = 0 with the sign bit set, which libsodium's decoder would silently accept, then lets
    /// libsodium check that the point is on the curve (adding the identity returns the point's canonical encoding).
    static func decodePoint(_ bytes: Bytes) -> Bytes? {
        guard bytes.count == pointLength else { return nil }
        let top = bytes[31] & 0x7f
        let nonCanonical = top == 0x7f && bytes[1..<31].allSatisfy { $0 == 0xff } && bytes[0] >= 0xed
        guard !nonCanonical else { return nil }
        let negativeZeroX = (bytes == [0x01] + Bytes(repeating: 0, count: 30) + [0x80])
            || (bytes == [0xec] + Bytes(repeating: 0xff, count: 31))
        guard !negativeZeroX else { return nil }
        var sum = Bytes(repeating: 0, count: pointLength)
        guard crypto_core_ed25519_add(&sum, bytes, identity) == 0 else { return nil }
        return sum
    }

    /// 8 · point, by three doublings: libsodium's scalar multiplication refuses points with a small-order component.
    static func clearCofactor(_ point: Bytes) -> Bytes? {
        var current = point
        for _ in 0..<3 {
            var doubled = Bytes(repeating: 0, count: pointLength)
            guard crypto_core_ed25519_add(&doubled, current, current) == 0 else { return nil }
            current = doubled
        }
        return current
    }

    /// scalar · point for a point of the prime-order subgroup and a scalar below the group order (zero gives the identity,
    /// which libsodium reports as an error).
    static func multiply(_ scalar: Bytes, _ point: Bytes) -> Bytes? {
        if scalar.allSatisfy({ $0 == 0 }) { return identity }
        var out = Bytes(repeating: 0, count: pointLength)
        guard crypto_scalarmult_ed25519_noclamp(&out, scalar, point) == 0 else { return nil }
        return out
    }

    /// scalar · B for a scalar below the group order.
    static func multiplyBase(_ scalar: Bytes) -> Bytes? {
        if scalar.allSatisfy({ $0 == 0 }) { return identity }
        var out = Bytes(repeating: 0, count: pointLength)
        guard crypto_scalarmult_ed25519_base_noclamp(&out, scalar) == 0 else { return nil }
        return out
    }

    static func subtract(_ p: Bytes, _ q: Bytes) -> Bytes? {
        var out = Bytes(repeating: 0, count: pointLength)
        guard crypto_core_ed25519_sub(&out, p, q) == 0 else { return nil }
        return out
    }

    /// A 64-byte little-endian integer modulo the group order.
    static func reduce(_ wide: Bytes) -> Bytes {
        var out = Bytes(repeating: 0, count: scalarLength)
        crypto_core_ed25519_scalar_reduce(&out, wide)
        return out
    }
}
