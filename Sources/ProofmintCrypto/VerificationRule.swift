import CSodium

/// The Ed25519 verification rule consensus depends on (PROTOCOL.md §2.1): libsodium's `crypto_sign_verify_detached`,
/// stricter than RFC 8032 (canonical `S`, no small-order `R` or key, the cofactorless equation). A libsodium build that
/// verified differently would accept or refuse other transactions and blocks and so fork the node without a word;
/// the node, the replay and the audit check this build against these vectors before they apply a block.
public enum VerificationRule {
    /// One signature whose verdict the rule fixes.
    public struct Vector: Sendable {
        public let name: String
        public let publicKey: String
        public let message: String
        public let signature: String
        public let valid: Bool
    }

    /// Wycheproof cases that separate the rule from the lenient ones, and a small-order key that a cofactored or
    /// key-unchecked verifier accepts (`[0]B − [k]·identity = identity = R`).
    public static let vectors: [Vector] = [
        Vector(
            name: "Wycheproof 1: RFC 8032 test 1", publicKey: "7d4d0e7f6153a69b6242b522abbee685fda4420f8834b108c3bdae369ef549fa",
            message: "",
            signature: "d4fbdb52bfa726b44d1786a8c0d171c3e62ca83c9e5bbe63de0bb2483f8fd6cc1429ab72cafc41ab56af02ff8fcc43b99bfe4c7ae940f60f38ebaa9d311c4007",
            valid: true),
        Vector(
            name: "Wycheproof 59: bit 255 of R flipped", publicKey: "7d4d0e7f6153a69b6242b522abbee685fda4420f8834b108c3bdae369ef549fa",
            message: "313233343030",
            signature: "657c1492402ab5ce03e2c3a7f0384d051b9cf3570f1207fc78c1bcc98c281cab227aedf259f910f0f3a759a335062665217925d019173b88917eae294f75d40f",
            valid: false),
        Vector(
            name: "Wycheproof 63: S replaced by S + L", publicKey: "7d4d0e7f6153a69b6242b522abbee685fda4420f8834b108c3bdae369ef549fa",
            message: "54657374",
            signature: "7c38e026f29e14aabd059a0f2db8b0cd783040609a8be684db12f82a27774ab067654bce3832c2d76f8f6f5dafc08d9339d4eef676573336a5c51eb6f946b31d",
            valid: false),
        Vector(
            name: "Wycheproof 84: S just under L", publicKey: "100fdf47fb94f1536a4f7c3fda27383fa03375a8f527c537e6f1703c47f94f86",
            message: "124e583f8b8eca58bb29c271b41d36986bbc45541f8e51f9cb0133eca447601e",
            signature: "dac119d6ca87fc59ae611c157048f4d4fc932a149dbe20ec6effd1436abf83ea05c7df0fef06147241259113909bc71bd3c53ba4464ffcad3c0968f2ffffff0f",
            valid: true),
        Vector(
            name: "Wycheproof 85: S just above L", publicKey: "100fdf47fb94f1536a4f7c3fda27383fa03375a8f527c537e6f1703c47f94f86",
            message: "6a0bc2b0057cedfc0fa2e3f7f7d39279b30f454a69dfd1117c758d86b19d85e0",
            signature: "0971f86d2c9c78582524a103cb9cf949522ae528f8054dc20107d999be673ff4e25ebf2f2928766b1248bec6e91697775f8446639ede46ad4df4053000000010",
            valid: false),
        Vector(
            name: "Wycheproof 151: R encodes y = 1 with the sign bit set", publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            message: "313233343030",
            signature: "0100000000000000000000000000000000000000000000000000000000000080c803ee1f2342aa96ff698a393d1ab5e66f3eda101d6d120b394c3fd32c117d0a",
            valid: false),
        Vector(
            name: "small-order key and R (the identity), S = 0", publicKey: "01" + String(repeating: "00", count: 31), message: "",
            signature: "01" + String(repeating: "00", count: 63), valid: false),
    ]

    /// The libsodium this process runs, as it names itself.
    public static var libsodiumVersion: String { String(cString: sodium_version_string()) }

    /// The first vector this build verifies against the rule, nil if it follows it on all of them.
    public static func firstDeviation() -> Vector? {
        Sodium.ensureReady()
        return vectors.first { vector in verifies(vector) != vector.valid }
    }

    /// Throws, naming the vector and the library, if this build would verify signatures otherwise than the chain.
    public static func check() throws(CryptoError) {
        guard let vector = firstDeviation() else { return }
        throw .operationFailed(
            "libsodium \(libsodiumVersion) verifies Ed25519 otherwise than the chain's rule (PROTOCOL.md §2.1): it "
                + "\(vector.valid ? "refuses" : "accepts") \"\(vector.name)\"; this build would fork. Build against libsodium 1.0.18 or later")
    }

    private static func verifies(_ vector: Vector) -> Bool {
        guard let key = Bytes(hex: vector.publicKey), key.count == Ed25519.publicKeyLength,
              let signature = Bytes(hex: vector.signature), signature.count == Ed25519.signatureLength,
              let message = Bytes(hex: vector.message)
        else { return false }
        return message.withUnsafeBufferPointer { bytes in
            crypto_sign_verify_detached(signature, bytes.baseAddress, UInt64(bytes.count), key) == 0
        }
    }
}
