import ArgumentParser
import ProofmintWallet

/// `tx challenge JOB_ID`: bond against a receipt believed false, for the compute validators to decide.
struct TxChallengeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "challenge",
        abstract: "Challenge a compute receipt, bonding compute.challenge_bond, and wait for the block.",
        discussion: """
            Anyone but the receipt's provider may challenge it up to its challenge_until height (`proofmint query \
            receipt JOB_ID`). The compute validators vote with their stake (`proofmint tx resolve`) until \
            compute.resolution_window_blocks later. Upheld: the receipt's weight is removed, the provider slashed \
            staking.slash_malicious_bps and jailed, and you get your bond back plus compute.challenger_reward_bps of \
            the slash. Rejected: your bond goes to the provider. Lapsed (too few votes): your bond comes back. \
            Refused before signing: an unknown job, your own receipt as provider, one already challenged or removed, \
            a closed window, or a balance below bond + fee.
            Example: proofmint tx challenge 3f…a1 --from dev1
            """)

    @Argument(help: ArgumentHelp("The receipt's job id (64 hex digits).", valueName: "JOB_ID"))
    var job: String

    @OptionGroup var sender: SenderOptions
    @OptionGroup var options: SendOptions

    func run() async throws {
        let jobId = try WalletInput.jobId(job)
        try await OnlineTransaction.send(from: sender, with: options) { context in
            guard let record = try await context.client.receiptRecordIfAny(jobId) else {
                throw CommandFailure("there is no receipt for job \(jobId) on this chain (never accepted, or pruned); nothing was sent")
            }
            guard record.provider != context.sender.address else {
                throw CommandFailure("'\(context.sender.name)' is the receipt's provider and cannot challenge it; nothing was sent")
            }
            if let challenge = record.challenge {
                throw CommandFailure("job \(jobId) was already challenged by \(challenge.challenger) (\(challenge.outcome)); nothing was sent")
            }
            guard record.standing else { throw CommandFailure("job \(jobId) no longer counts (its validation \(record.status)); nothing was sent") }
            guard context.status.height < record.challengeUntil else {
                throw CommandFailure("the challenge window of job \(jobId) closed at height \(record.challengeUntil); nothing was sent")
            }
            let bond = try await context.client.parameters().parameters.parameters.compute.verification.challengeBond
            try context.requireBalance(covering: bond, what: "the challenge bond + fee")
            return .challenge(ChallengeRequest(jobId: jobId))
        }
    }
}
