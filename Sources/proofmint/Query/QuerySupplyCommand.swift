import ArgumentParser
import ProofmintWallet

/// `query supply`: the token supply and where it sits.
struct QuerySupplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supply",
        abstract: "Show supply figures: maximum, minted by Proof of Compute, burned, circulating, staked, treasury and pools.",
        discussion: """
            supply = issued − burned; circulating = supply − the balances of the protocol's module accounts (treasury, \
            pools and the undistributed genesis allocations). Example: proofmint query supply --json
            """)

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let answer = try await nodeOptions.client(WalletEnvironment()).supply()
        let text = ComputePresentation.supplyText(answer) { Console.table($0) }
        output.console.result(answer.json, text: text)
    }
}
