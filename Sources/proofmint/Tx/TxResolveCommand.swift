import ArgumentParser
import ProofmintWallet

/// `tx resolve JOB_ID --uphold|--reject`: a compute validator's vote on an open challenge.
struct TxResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Vote, as a compute validator, to uphold or reject an open challenge, and wait for the block.",
        discussion: """
            Your vote counts with your stake (if unjailed and at least compute.validator_min_stake), once. The \
            challenge is decided as soon as one side holds more than half of the set's counted stake (`proofmint \
            query validators`), else at its deadline: upheld if at least compute.resolution_quorum_bps of that stake \
            voted and uphold outweighs reject, rejected if the quorum voted otherwise, lapsed without the quorum. The \
            provider and the challenger cannot vote. `proofmint query challenges` lists the open ones.
            Example: proofmint tx resolve 3f…a1 --from validator-0 --uphold
            """)

    @Argument(help: ArgumentHelp("The challenged receipt's job id (64 hex digits).", valueName: "JOB_ID"))
    var job: String

    @OptionGroup var sender: SenderOptions

    @Flag(name: .customLong("uphold"), help: "Vote that the receipt is false: the challenge stands.")
    var uphold = false

    @Flag(name: .customLong("reject"), help: "Vote that the receipt is true: the challenge fails.")
    var reject = false

    @OptionGroup var options: SendOptions

    func validate() throws {
        guard uphold != reject else { throw ValidationError("give exactly one of --uphold and --reject") }
    }

    func run() async throws {
        let jobId = try WalletInput.jobId(job)
        let vote = uphold
        try await OnlineTransaction.send(from: sender, with: options) { context in
            guard let record = try await context.client.receiptRecordIfAny(jobId) else {
                throw CommandFailure("there is no receipt for job \(jobId) on this chain (never accepted, or pruned); nothing was sent")
            }
            guard let challenge = record.challenge, challenge.outcome == "open", context.status.height < challenge.deadline else {
                throw CommandFailure(
                    "job \(jobId) has no open challenge (\(record.challenge.map { "it was \($0.outcome)" } ?? "never challenged")); nothing was sent")
            }
            let set = try await context.client.computeValidators()
            guard set.validators.contains(where: { $0.address == context.sender.address }) else {
                throw CommandFailure("'\(context.sender.name)' is not a compute validator (`proofmint query validators`); nothing was sent")
            }
            guard !challenge.votedBy.contains(context.sender.address) else {
                throw CommandFailure("'\(context.sender.name)' already voted on this challenge; nothing was sent")
            }
            try context.requireBalance(covering: 0, what: "the fee")
            return .resolve(ResolveRequest(jobId: jobId, uphold: vote))
        }
    }
}
