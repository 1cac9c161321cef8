import ArgumentParser
import ProofmintWallet

/// `query providers`: every staked provider, by staking power.
struct QueryProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "List compute providers by staking power (highest first), with tier, reputation and unbonding.",
        discussion: """
            Lists every account with active stake or unbonding entries; equal powers are ordered by address. \
            Amounts are in AI; --json gives base units and every entry's unbonding list.
            Example: proofmint query providers --limit 10
            """)

    @Option(name: .customLong("limit"), help: ArgumentHelp("Show at most N providers, 1 to 1000 (default: the node's, 100).", valueName: "N"))
    var limit: UInt64?

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let limit, limit < 1 || limit > 1000 { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() async throws {
        let list = try await nodeOptions.client(WalletEnvironment()).providers(limit: limit)
        output.console.result(list.json, text: StakePresentation.providersText(list))
    }
}
