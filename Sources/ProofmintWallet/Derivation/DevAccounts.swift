import ProofmintCore

/// INSECURE development accounts: keys derived from anvil's publicly known mnemonic, so that a local devnet has
/// funded accounts everyone can sign for. Anyone can spend from them: never use them on a network with value.
///
/// Dev account `i` is account index `i` (`m/44'/7337'/0'/0'/i'`) of `mnemonic` with an empty passphrase, named `dev<i>`.
public enum DevAccounts {
    /// anvil's well-known test mnemonic. INSECURE: it is public.
    public static let mnemonic = "test test test test test test test test test test test junk"
    /// How many dev accounts the devnet funds and `keys import-dev` imports by default.
    public static let defaultCount = 10
    /// The label printed next to every dev key.
    public static let warning = "INSECURE: dev keys come from a publicly known mnemonic; anyone can spend from them. Devnet only."

    /// The dev mnemonic's seed, computed once.
    private static let seed: Bytes = Mnemonic.seed(phrase: mnemonic, passphrase: "")

    /// The INSECURE signing key of dev account `index`.
    public static func key(index: Int) throws(DerivationError) -> Ed25519.PrivateKey {
        guard index >= 0, index < Int(SLIP10Node.hardenedOffset) else { throw .indexOutOfRange(String(index)) }
        return try AccountDerivation.privateKey(seed: seed, account: UInt32(index))
    }

    /// The address of dev account `index`.
    public static func address(index: Int) throws(DerivationError) -> Address {
        Address(publicKey: try key(index: index).publicKey)
    }

    /// The keystore name of dev account `index`: `dev0`, `dev1`, …
    public static func name(index: Int) -> String { "dev\(index)" }

    /// How many dev accounts `index(of:)` recognises.
    public static let recognisedCount = 100

    /// The addresses of dev0…dev99, derived once.
    private static let knownAddresses: [Address] = (0..<recognisedCount).compactMap { try? address(index: $0) }

    /// The dev account index of `address`, if it is one of the first `recognisedCount` INSECURE dev accounts.
    public static func index(of address: Address) -> Int? { knownAddresses.firstIndex(of: address) }
}
