import ArgumentParser
import ProofmintWallet

/// `tx withdraw`: collect matured unbonding entries.
struct TxWithdrawCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Pay out every unbonding entry that has matured back to the sender's balance.",
        discussion: """
            `proofmint query stake NAME` lists the entries and the height at which each matures. If none has matured \
            the transaction is included with a failed receipt, nothing_matured (exit code 2), and the fee is charged.
            Example: proofmint tx withdraw --from dev3
            """)

    @OptionGroup var sender: SenderOptions
    @OptionGroup var options: SendOptions

    func run() async throws {
        try await OnlineTransaction.send(from: sender, with: options) { context in
            try context.requireBalance(covering: 0, what: "the fee")
            return .withdraw
        }
    }
}
