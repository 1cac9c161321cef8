import ArgumentParser
import ProofmintWallet

/// `query epoch`: the running epoch (or a past one) and its compute work, emission and settlement.
struct QueryEpochCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epoch",
        abstract: "Show the running epoch (or --epoch N): blocks left, compute work so far, emission and settlement.",
        discussion: """
            An epoch settles once it has ended and every window its receipts opened has closed (work.closes_at: \
            sampling, verdicts and challenges): its emission (if any work stands) and the reward pool are then paid to \
            its providers pro rata by weight, in batches, each at most compute.reward_cap_bps of the value its standing \
            receipts paid. An epoch without work mints nothing.
            Example: proofmint query epoch   or   proofmint query epoch --epoch 3 --json
            """)

    @Option(name: .customLong("epoch"), help: ArgumentHelp("A past epoch to show instead of the running one.", valueName: "N"))
    var epoch: UInt64?

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let answer = try await nodeOptions.client(WalletEnvironment()).epoch(epoch)
        let text = ComputePresentation.epochText(answer) { Console.table($0) }
        output.console.result(answer.json, text: text)
    }
}
