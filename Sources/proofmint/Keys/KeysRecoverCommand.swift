import ArgumentParser
import Foundation
import ProofmintWallet

/// `keys recover NAME`: re-create a key from its mnemonic.
struct KeysRecoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Recover a key from its BIP39 mnemonic and store it encrypted.",
        discussion: """
            The mnemonic is read from --mnemonic-file, else from standard input when it is not a terminal, \
            else asked for on the terminal (not echoed). Unknown words are reported with the closest valid word.
            Example: proofmint keys recover alice --index 0 < words.txt
            """)

    @Argument(help: "Name for the recovered key: 1-32 characters from a-z, 0-9, '_' and '-'.")
    var name: String

    @Option(name: .customLong("mnemonic-file"), help: ArgumentHelp("Read the mnemonic from FILE.", valueName: "FILE"))
    var mnemonicFile: String?

    @Option(name: .customLong("index"), help: "Account index to derive: m/44'/7337'/0'/0'/INDEX' (default 0).")
    var index: UInt32 = 0

    @OptionGroup var newKey: NewKeyOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let target = try newKey.target(name, environment: WalletEnvironment())
        let path = try AccountDerivation.path(account: index)

        let mnemonic = try Mnemonic(phrase: try readPhrase())
        let key = try AccountDerivation.privateKey(mnemonic: mnemonic, account: index)
        let info = try target.save(key)

        var rows = KeyPresentation.rows(info)
        rows.append(("derivation", path.description))
        output.console.result(
            .object([
                ("name", .string(name)),
                ("address", .string(info.address.text)),
                ("public_key", .string(info.publicKey.bytes.hex)),
                ("derivation_path", .string(path.description)),
                ("path", .string(info.path)),
                ("insecure_dev_key", .bool(KeyPresentation.isDevKey(info))),
            ]),
            text: "Recovered key '\(name)'\n\(Console.table(rows))")
    }

    private func readPhrase() throws -> String {
        if let mnemonicFile {
            return String(decoding: try FileSystem.read(mnemonicFile, limit: 64 * 1024), as: UTF8.self)
        }
        if isatty(STDIN_FILENO) == 0 {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return String(decoding: data.prefix(64 * 1024), as: UTF8.self)
        }
        guard let typed = try TerminalPrompt.readLine(prompt: "Mnemonic (words separated by spaces, not echoed): ", echo: false) else {
            throw PasswordError.noSource(what: "the mnemonic")
        }
        return typed
    }
}
