import ArgumentParser
import ProofmintWallet

/// `query rewards`: one provider's work and rewards, epoch by epoch.
struct QueryRewardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rewards",
        abstract: "Show a provider's accepted compute work and rewards per epoch.",
        discussion: """
            'earned' is what consumers paid the provider (after the protocol and validation fees), credited at once; 'reward' is the \
            provider's share of the epoch's emission and reward pool, at most compute.reward_cap_bps of the value its standing \
            receipts paid, paid when the epoch settles (after its end and its receipts' validation and challenge windows). \
            Example: proofmint query rewards dev3 --limit 10
            """)

    @OptionGroup var query: AccountQueryOptions

    @Option(name: .customLong("limit"), help: ArgumentHelp("Show the latest N epochs, 1 to 1000 (default 1000).", valueName: "N"))
    var limit: UInt64?

    func validate() throws {
        if let limit, limit < 1 || limit > 1000 { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() async throws {
        let (address, client) = try query.resolve()
        let answer = try await client.rewards(address, limit: limit)
        let text = ComputePresentation.rewardsText(answer) { Console.table($0) }
        query.output.console.result(answer.json, text: text)
    }
}
