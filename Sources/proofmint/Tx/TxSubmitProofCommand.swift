import ArgumentParser
import ProofmintWallet

/// `tx submit-proof`: the provider submits a consumer-signed compute receipt to be paid and to earn rewards.
struct TxSubmitProofCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit-proof",
        abstract: "Submit a consumer-signed compute receipt: get paid, and earn a share of the epoch's rewards.",
        discussion: """
            The chain checks the consumer's signature, that the receipt names you and this chain, that its job id was \
            never paid, that its epoch is the running one or the one before, that your stake is active (at least the \
            100 AI minimum, not jailed) and that the consumer can pay. Then the price moves to you less the 0.3% \
            protocol fee, and the work's weight (units × quality multiplier × your privacy-tier multiplier) counts \
            toward your share of the epoch's emission and reward pool, paid at the epoch's last block.
            Example: proofmint tx submit-proof --from dev2 --receipt job.json
            """)

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("receipt"), help: ArgumentHelp("The receipt file written by `proofmint receipt sign`.", valueName: "FILE"))
    var receipt: String

    @OptionGroup var options: SendOptions

    func run() async throws {
        let signed = try ComputeReceiptFile.read(receipt).signed
        try await OnlineTransaction.send(from: sender, with: options) { context in
            guard signed.receipt.provider == context.sender.address else {
                throw CommandFailure(
                    "the receipt names provider \(signed.receipt.provider), not '\(context.sender.name.text)' (\(context.sender.address)); nothing was sent")
            }
            guard signed.receipt.chainId == context.status.chainId else {
                throw CommandFailure("the receipt is for chain '\(signed.receipt.chainId)', the node follows '\(context.status.chainId)'; nothing was sent")
            }
            try context.requireBalance(covering: 0, what: "the fee")
            return .submitProof(signed)
        }
    }
}
