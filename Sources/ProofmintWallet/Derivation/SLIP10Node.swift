import ProofmintCrypto

/// One node of a SLIP-10 Ed25519 key tree: a 32-byte private key seed and a 32-byte chain code.
///
/// Ed25519 has no public-key derivation, so every child is hardened: knowing a child key never reveals its parent.
public struct SLIP10Node: Sendable {
    public static let hardenedOffset: UInt32 = 0x8000_0000
    /// The HMAC key that makes this the Ed25519 curve's tree, fixed by SLIP-10.
    static let curveKey = Array("ed25519 seed".utf8)

    /// IL: the Ed25519 private key seed of this node.
    public let privateKey: Bytes
    /// IR: the chain code that children are derived with.
    public let chainCode: Bytes

    /// The master node: `HMAC-SHA512(key: "ed25519 seed", message: seed)`.
    public init(seed: Bytes) {
        let digest = SHA2.hmacSHA512(key: Self.curveKey, message: seed)
        privateKey = Array(digest[0..<32])
        chainCode = Array(digest[32..<64])
    }

    private init(digest: Bytes) {
        privateKey = Array(digest[0..<32])
        chainCode = Array(digest[32..<64])
    }

    /// The hardened child `index'`: `HMAC-SHA512(chainCode, 0x00 ‖ key ‖ ser32(index | 2^31))`.
    public func child(hardened index: UInt32) throws(DerivationError) -> SLIP10Node {
        guard index < Self.hardenedOffset else { throw .indexOutOfRange(String(index)) }
        return uncheckedChild(index)
    }

    /// The node at the end of `path` below this one.
    public func derive(_ path: DerivationPath) -> SLIP10Node {
        var node = self
        for index in path.indices { node = node.uncheckedChild(index) }
        return node
    }

    /// The Ed25519 signing key whose seed is this node's private key.
    public func signingKey() throws(DerivationError) -> Ed25519.PrivateKey {
        do {
            return try Ed25519.PrivateKey(seed: privateKey)
        } catch {
            throw .keyCreationFailed("\(error)")
        }
    }

    /// `index` must already be below 2^31 (checked by `child(hardened:)` and by `DerivationPath`).
    private func uncheckedChild(_ index: UInt32) -> SLIP10Node {
        let hardened = index | Self.hardenedOffset
        let message: Bytes = [0] + privateKey + [
            UInt8(hardened >> 24), UInt8((hardened >> 16) & 0xff), UInt8((hardened >> 8) & 0xff), UInt8(hardened & 0xff),
        ]
        return SLIP10Node(digest: SHA2.hmacSHA512(key: chainCode, message: message))
    }
}
