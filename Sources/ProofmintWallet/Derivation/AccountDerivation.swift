import ProofmintCrypto

/// Proofmint's key layout: account `i` of a seed lives at `m/44'/7337'/0'/0'/i'` (BIP44 shape, SLIP-10 Ed25519).
public enum AccountDerivation {
    public static let purpose: UInt32 = 44
    /// Proofmint's coin type in the BIP44 sense.
    public static let coinType: UInt32 = 7337

    /// `m/44'/7337'/0'/0'/account'`.
    public static func path(account: UInt32) throws(DerivationError) -> DerivationPath {
        try DerivationPath(indices: [purpose, coinType, 0, 0, account])
    }

    /// The signing key of `account` under a 64-byte BIP39 seed.
    public static func privateKey(seed: Bytes, account: UInt32) throws(DerivationError) -> Ed25519.PrivateKey {
        try SLIP10Node(seed: seed).derive(try path(account: account)).signingKey()
    }

    /// The signing key of `account` under `mnemonic` (and an optional BIP39 passphrase).
    public static func privateKey(mnemonic: Mnemonic, passphrase: String = "", account: UInt32) throws(DerivationError) -> Ed25519.PrivateKey {
        try privateKey(seed: mnemonic.seed(passphrase: passphrase), account: account)
    }
}
