import ArgumentParser
import ProofmintWallet

/// `keys import-dev`: the INSECURE, publicly known devnet accounts dev0…devN-1.
struct KeysImportDevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-dev",
        abstract: "Import the INSECURE devnet accounts dev0..dev9 (publicly known keys, devnet only).",
        discussion: """
            The dev keys derive from anvil's public mnemonic "\(DevAccounts.mnemonic)": \
            anyone can spend from them. They are stored with interactive Argon2id limits unless --kdf or $PROOFMINT_KDF \
            says otherwise, since a strong KDF cannot protect a public key. Keys already present with the right address are skipped.
            Example: PROOFMINT_PASSWORD=dev proofmint keys import-dev --count 3
            """)

    @Option(name: .customLong("count"), help: "How many dev accounts to import, from dev0 (1-100, default 10).")
    var count = DevAccounts.defaultCount

    @Flag(name: .customLong("force"), help: "Replace keys named devN that hold a different key.")
    var force = false

    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var passwordOptions: PasswordOptions
    @OptionGroup var kdfOptions: KDFOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...100).contains(count) else { throw ValidationError("--count must be between 1 and 100") }
    }

    func run() async throws {
        let environment = WalletEnvironment()
        let keystore = keystoreOptions.keystore(environment)
        let limits = try kdfOptions.limits(environment, fallback: .interactive)

        // Decide everything before asking for a password, so a clash is reported before any work.
        var plan = [(name: KeyName, key: Ed25519.PrivateKey, replace: Bool)]()
        var skipped = [KeyInfo]()
        for index in 0..<count {
            let name = try KeyName(DevAccounts.name(index: index))
            let key = try DevAccounts.key(index: index)
            if keystore.contains(name) {
                let existing = try? keystore.info(name)
                if existing?.publicKey == key.publicKey, let existing {
                    skipped.append(existing)
                    continue
                }
                guard force else {
                    throw KeystoreError.keyExists(name: name.text, path: keystore.path(for: name))
                }
                plan.append((name, key, true))
            } else {
                plan.append((name, key, false))
            }
        }
        output.console.note(DevAccounts.warning)
        var imported = [KeyInfo]()
        if !plan.isEmpty {
            let password = try passwordOptions.source(environment).newPassword(for: "dev0..dev\(count - 1)")
            for item in plan {
                imported.append(try keystore.save(item.key, as: item.name, password: password, limits: limits, overwrite: item.replace))
            }
        }
        let rows = imported.map { ($0.name.text, $0.address.text + "  imported") } + skipped.map { ($0.name.text, $0.address.text + "  already present") }
        output.console.result(
            .object([
                ("warning", .string(DevAccounts.warning)),
                ("mnemonic", .string(DevAccounts.mnemonic)),
                ("imported", .array(imported.map(KeyPresentation.json))),
                ("skipped", .array(skipped.map(KeyPresentation.json))),
            ]),
            text: "INSECURE dev keys in \(keystore.directory):\n\(Console.table(rows.sorted { $0.0.count != $1.0.count ? $0.0.count < $1.0.count : $0.0 < $1.0 }))")
    }
}
