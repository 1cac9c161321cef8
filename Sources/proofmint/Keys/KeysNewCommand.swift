import ArgumentParser
import Foundation
import ProofmintWallet

/// `keys new NAME`: a fresh mnemonic, its first account stored encrypted, the words shown once.
struct KeysNewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a key from a new BIP39 mnemonic and store it encrypted.",
        discussion: """
            The mnemonic is printed ONCE. Write it down and keep it offline: it is the only way to recover the key \
            if the keystore or its password is lost. The stored key is account 0 (m/44'/7337'/0'/0'/0').
            Example: proofmint keys new alice
            """)

    @Argument(help: "Name for the key: 1-32 characters from a-z, 0-9, '_' and '-'.")
    var name: String

    @Option(name: .customLong("words"), help: "Mnemonic length: 24 (default) or 12 words.")
    var words = 24

    @OptionGroup var newKey: NewKeyOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard words == 24 || words == 12 else { throw ValidationError("--words must be 24 or 12") }
    }

    func run() async throws {
        let target = try newKey.target(name, environment: WalletEnvironment())
        let mnemonic = try Mnemonic.generate(wordCount: words)
        let key = try AccountDerivation.privateKey(mnemonic: mnemonic, account: 0)
        let info = try target.save(key)
        let path = try AccountDerivation.path(account: 0)

        let warning = "Write these \(mnemonic.words.count) words down and keep them offline. They are shown only now; "
            + "anyone who has them controls this key, and without them a lost password cannot be recovered."
        let numbered = mnemonic.words.enumerated().map { "\($0.offset + 1).".padding(toLength: 4, withPad: " ", startingAt: 0) + $0.element }
        var lines = [String]()
        for start in stride(from: 0, to: numbered.count, by: 4) {
            lines.append("  " + numbered[start..<min(start + 4, numbered.count)]
                .map { $0.padding(toLength: 14, withPad: " ", startingAt: 0) }.joined())
        }
        output.console.result(
            .object([
                ("name", .string(name)),
                ("address", .string(info.address.text)),
                ("public_key", .string(info.publicKey.bytes.hex)),
                ("derivation_path", .string(path.description)),
                ("path", .string(info.path)),
                ("mnemonic", .string(mnemonic.phrase)),
                ("warning", .string(warning)),
            ]),
            text: """
                Created key '\(name)'
                \(Console.table(KeyPresentation.rows(info) + [("derivation", path.description)]))

                RECOVERY MNEMONIC — \(warning)

                \(lines.joined(separator: "\n"))
                """)
    }
}
