import ArgumentParser
import Foundation
import ProofmintWallet

/// `keys list`: names and addresses, no password needed.
struct KeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the keys in the keystore with their addresses (no password needed).",
        discussion: "Example: proofmint keys list --json")

    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let keystore = keystoreOptions.keystore(WalletEnvironment())
        let listings = try keystore.list()
        var keys = [JSONValue]()
        var problems = [JSONValue]()
        var lines = [String]()
        let width = listings.map { listing -> Int in
            switch listing {
            case let .key(info): return info.name.text.count
            case let .unreadable(name, _): return name.count
            }
        }.max() ?? 0
        for listing in listings {
            switch listing {
            case let .key(info):
                keys.append(KeyPresentation.json(info))
                let label = KeyPresentation.isDevKey(info) ? "  (INSECURE dev key)" : ""
                lines.append(info.name.text.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + info.address.text + label)
            case let .unreadable(name, error):
                problems.append(.object([("name", .string(name)), ("error", .string(error.description))]))
                lines.append(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  UNREADABLE: \(error)")
            }
        }
        let text = listings.isEmpty
            ? "No keys in \(keystore.directory). Create one with `proofmint keys new NAME`."
            : "Keys in \(keystore.directory):\n" + lines.joined(separator: "\n")
        output.console.result(
            .object([("keystore", .string(keystore.directory)), ("keys", .array(keys)), ("unreadable", .array(problems))]),
            text: text)
    }
}
