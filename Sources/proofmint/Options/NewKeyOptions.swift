import ArgumentParser
import ProofmintWallet

/// What every command that adds one named key needs: the keystore, a new password, the KDF strength, and
/// whether an existing key of that name may be replaced.
struct NewKeyOptions: ParsableArguments {
    @Flag(name: .customLong("force"), help: "Replace an existing key of the same name (its old file is lost).")
    var force = false

    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var passwordOptions: PasswordOptions
    @OptionGroup var kdfOptions: KDFOptions

    /// Where a new key will go, checked before any secret is read or generated.
    struct Target {
        let keystore: Keystore
        let name: KeyName
        let limits: KDFLimits
        let passwords: PasswordSource
        let overwrite: Bool

        /// Asks for the new key's password and stores `key` encrypted under it.
        func save(_ key: Ed25519.PrivateKey) throws -> KeyInfo {
            let password = try passwords.newPassword(for: name.text)
            return try keystore.save(key, as: name, password: password, limits: limits, overwrite: overwrite)
        }
    }

    /// Refuses a taken name (unless `--force`) before anything else happens.
    func target(_ name: String, environment: WalletEnvironment) throws -> Target {
        let keystore = keystoreOptions.keystore(environment)
        let keyName = try KeyName(name)
        if !force && keystore.contains(keyName) { throw KeystoreError.keyExists(name: name, path: keystore.path(for: keyName)) }
        return Target(
            keystore: keystore, name: keyName, limits: try kdfOptions.limits(environment),
            passwords: passwordOptions.source(environment), overwrite: force)
    }
}
