import ArgumentParser
import ProofmintWallet

/// `query validators`: the compute validator set and the stake each member counts with.
struct QueryValidatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validators",
        abstract: "List the compute validators with their stake and the stake they count with.",
        discussion: """
            A member counts with its stake when unjailed and holding at least compute.validator_min_stake; otherwise \
            it stays listed but is never drawn and cannot vote. A challenge is decided at once when one side holds \
            more than half of the total counted stake. (Block producers are a different set: see genesis validators.)
            Example: proofmint query validators
            """)

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let answer = try await nodeOptions.client(WalletEnvironment()).computeValidators()
        output.console.result(answer.json, text: VerificationPresentation.validatorsText(answer) { Console.table($0) })
    }
}
