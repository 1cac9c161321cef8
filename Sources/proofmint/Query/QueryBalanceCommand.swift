import ArgumentParser
import ProofmintWallet

/// `query balance`: how much an account holds.
struct QueryBalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Show an account's balance in AI and in base units.",
        discussion: "Example: proofmint query balance alice   (or a pm1… address)")

    @OptionGroup var query: AccountQueryOptions

    func run() async throws {
        let (address, client) = try query.resolve()
        let state = try await client.account(address)
        query.output.console.result(
            .object([
                ("address", .string(address.text)),
                ("balance", .string(String(state.balance))),
                ("balance_ai", .string(Tokens.format(state.balance))),
                ("height", .uint(state.height)),
            ]),
            text: "\(Tokens.format(state.balance)) \(Tokens.symbol) (\(state.balance) base units) at height \(state.height)")
    }
}
