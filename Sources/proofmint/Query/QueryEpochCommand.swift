import ArgumentParser
import ProofmintWallet

/// `query epoch`: the running epoch (or a past one) and its compute work, emission and settlement.
struct QueryEpochCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epoch",
        abstract: "Show the running epoch (or --epoch N): blocks left, compute work so far, emission and settlement.",
        discussion: """
            At an epoch's last block the epoch's emission (if any work was accepted) and the whole reward pool are paid \
            to its providers pro rata by weight; the rounding remainder goes to the treasury. An epoch without work \
            mints nothing. Example: proofmint query epoch   or   proofmint query epoch --epoch 3 --json
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
