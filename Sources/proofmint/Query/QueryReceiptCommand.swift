import ArgumentParser
import ProofmintWallet

/// `query receipt JOB_ID`: an accepted compute receipt's validation, weight and challenge.
struct QueryReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Show an accepted compute receipt: validation status, validator and deadline, weight, hashes, challenge.",
        discussion: """
            A receipt is first pending_sample; at the end of block accepted_at + compute.sample_delay_blocks it is \
            drawn (always when worth compute.sample_value or more) and assigned to a validator, who must give a \
            verdict by its deadline, or not_sampled. Until a pass it counts at quality compute.unverified_quality_max \
            at most. It may be challenged up to challenge_until. The record is pruned some time after its epoch \
            settles; then the node no longer knows the job (exit code 1).
            Example: proofmint query receipt 3f…a1 --json
            """)

    @Argument(help: ArgumentHelp("The receipt's job id (64 hex digits).", valueName: "JOB_ID"))
    var job: String

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let jobId = try WalletInput.jobId(job)
        let answer = try await nodeOptions.client(WalletEnvironment()).receiptRecord(jobId)
        output.console.result(answer.json, text: VerificationPresentation.receiptText(answer) { Console.table($0) })
    }
}
