import ArgumentParser
import ProofmintWallet

/// `query stake`: one account's stake, power and unbonding entries.
struct QueryStakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stake",
        abstract: "Show an account's stake: amount, tiers, lock, reputation, staking power and unbonding entries.",
        discussion: """
            Staking power = amount × lock multiplier × privacy-tier multiplier × (1 + reputation/1000), floored at each \
            step; a jailed provider has none. The amount tier (bronze from 100 AI, silver 1,000, gold 10,000, platinum \
            100,000) is informative only. An unbonding entry can be withdrawn from its maturity height on.
            Example: proofmint query stake dev3   (or a pm1… address)
            """)

    @OptionGroup var query: AccountQueryOptions

    func run() async throws {
        let (address, client) = try query.resolve()
        let state = try await client.stake(address)
        try AccountQueryOptions.requireAnswer(about: state.address, asked: address, client: client, method: "pm_getStake")
        query.output.console.result(state.json, text: StakePresentation.text(state) { Console.table($0) })
    }
}
