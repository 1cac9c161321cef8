import ArgumentParser
import ProofmintWallet

/// `query balance`: how much an account holds.
struct QueryBalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Show an account's balance in AI and in base units.",
        discussion: "Example: proofmint query balance alice   (or a pm1… address)")

    @Argument(help: "A pm1… address or the name of a key in the keystore.")
    var account: String

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = WalletEnvironment()
        let address = try WalletInput.account(account, keystore: keystoreOptions.keystore(environment))
        let state = try await nodeOptions.client(environment).account(address)
        output.console.result(
            .object([
                ("address", .string(address.text)),
                ("balance", .string(String(state.balance))),
                ("balance_ai", .string(Tokens.format(state.balance))),
                ("height", .uint(state.height)),
            ]),
            text: "\(Tokens.format(state.balance)) \(Tokens.symbol) (\(state.balance) base units) at height \(state.height)")
    }
}
