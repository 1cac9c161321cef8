import ArgumentParser
import ProofmintWallet

/// `dev faucet`: fund an account from the devnet's dev reserve.
struct DevFaucetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faucet",
        abstract: "Send AI from the devnet's dev reserve to an address or a key of the keystore (an ordinary transfer).",
        discussion: "Example: proofmint dev faucet alice --amount 500AI   (then `proofmint dev mine` in manual mode)")

    @Argument(help: "A pm1… address or the name of a key in the keystore.")
    var account: String

    @Option(name: .customLong("amount"), parsing: .unconditional, help: ArgumentHelp(
        "How much: tokens (500AI) or base units (10000base); 1000AI if not given.", valueName: "AMOUNT"))
    var amount: String?

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = WalletEnvironment()
        let address = try WalletInput.account(account, keystore: keystoreOptions.keystore(environment))
        let client = try nodeOptions.client(environment)
        let result = try await client.call(Calls.Faucet.self, FaucetParams(address: address, amount: try amount.map { text throws in try WalletInput.amount(text) }))
        output.console.result(
            result.json,
            text: "Faucet sent \(Tokens.format(result.amount)) \(Tokens.symbol) from \(result.from.text) to \(result.to.text)\n"
                + "transaction \(result.id.hex) (pending until the next block)")
    }
}
