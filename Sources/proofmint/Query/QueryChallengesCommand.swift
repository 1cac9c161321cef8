import ArgumentParser
import ProofmintWallet

/// `query challenges`: open challenges, for validators to vote on in time.
struct QueryChallengesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "challenges",
        abstract: "List open challenges against compute receipts (or --all: every challenge the node still keeps).",
        discussion: """
            Compute validators vote with `proofmint tx resolve JOB_ID --uphold|--reject` up to each challenge's \
            deadline height. Soonest deadline first. With --all, decided challenges are listed too, as long as their \
            receipt's record has not been pruned.
            Example: proofmint query challenges --json
            """)

    @Flag(name: .customLong("all"), help: "Also list decided challenges (upheld, rejected, lapsed).")
    var all = false

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let answer = try await nodeOptions.client(WalletEnvironment()).challenges(openOnly: !all)
        output.console.result(answer.json, text: VerificationPresentation.challengesText(answer) { Console.table($0) })
    }
}
