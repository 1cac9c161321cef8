import ArgumentParser
import ProofmintWallet

/// `tx validate JOB_ID`: the assigned validator's verdict on a sampled receipt.
struct TxValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Send your verdict on a sampled compute receipt assigned to you, and wait for the block.",
        discussion: """
            Re-run the job from the receipt's model, input and output hashes (`proofmint query receipt JOB_ID`), then \
            give the verdict before its deadline (`proofmint query validations --mine`): pass (the receipt counts at \
            the lower of the consumer's and your quality score), sla_violation (the provider is slashed --slash-bps, \
            within staking.slash_sla_min_bps..slash_sla_max_bps), attestation_failure (slashed \
            staking.slash_attestation_bps), malicious (slashed staking.slash_malicious_bps and jailed). Every verdict \
            given in time earns compute.validation_reward, whatever it says; a missed deadline is slashed. Refused \
            before signing: an unknown job, a receipt not waiting for a verdict, or assigned to someone else.
            Example: proofmint tx validate 3f…a1 --from validator-0 --verdict pass --quality 90
            """)

    @Argument(help: ArgumentHelp("The receipt's job id (64 hex digits).", valueName: "JOB_ID"))
    var job: String

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("verdict"), help: ArgumentHelp(
        "pass, sla_violation, attestation_failure or malicious.", valueName: "VERDICT"))
    var verdict: String

    @Option(name: .customLong("quality"), help: ArgumentHelp(
        "The quality you measured, 0–100 (a pass counts the lower of this and the consumer's score).", valueName: "N"))
    var quality: Int

    @Option(name: .customLong("slash-bps"), help: ArgumentHelp(
        "sla_violation only: the slash rate in basis points, within staking.slash_sla_min_bps..slash_sla_max_bps (100–500 on the devnet).",
        valueName: "N"))
    var slashBps: Int?

    @OptionGroup var options: SendOptions

    func run() async throws {
        let (job, verdict, quality, slashBps) = (job, verdict, quality, slashBps)
        try await OnlineTransaction.send(from: sender, with: options) { context in
            let staking = try await context.client.parameters().parameters.parameters.staking
            let request = try VerificationInput.verdictRequest(job: job, verdict: verdict, quality: quality, slashBps: slashBps, staking: staking)
            guard let record = try await context.client.receiptRecordIfAny(request.jobId) else {
                throw CommandFailure("there is no receipt for job \(request.jobId) on this chain (never accepted, or pruned); nothing was sent")
            }
            guard record.status == "assigned" else {
                throw CommandFailure("job \(request.jobId) is not waiting for a verdict: its validation is \(record.status); nothing was sent")
            }
            guard record.validator == context.sender.address else {
                throw CommandFailure(
                    "job \(request.jobId) is assigned to \(record.validator?.text ?? "another validator"), not to '\(context.sender.name)'; nothing was sent")
            }
            guard context.status.height < record.deadline else {
                throw CommandFailure("the verdict on job \(request.jobId) was due by height \(record.deadline); nothing was sent")
            }
            try context.requireBalance(covering: 0, what: "the fee")
            return .validate(request)
        }
    }
}
