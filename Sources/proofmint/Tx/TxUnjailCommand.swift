import ArgumentParser
import ProofmintWallet

/// `tx unjail`: lift the sender's jail once the jail period is over.
struct TxUnjailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unjail",
        abstract: "Lift the sender's jail after the jail period, burning the unjail fee.",
        discussion: """
            Allowed staking.jail_period_blocks after the height the account was jailed (jailed_at in `proofmint query \
            stake NAME`); it burns staking.unjail_fee on top of the fee. Too early, or not jailed, the transaction is \
            included with a failed receipt, jail_period_not_over or not_jailed (exit code 2), and the fee is charged.
            Example: proofmint tx unjail --from dev3
            """)

    @OptionGroup var sender: SenderOptions
    @OptionGroup var options: SendOptions

    func run() async throws {
        try await OnlineTransaction.send(from: sender, with: options) { context in
            let fee = try await context.client.parameters().parameters.parameters.staking.unjailFee
            try context.requireBalance(covering: fee, what: "the unjail fee + fee")
            return .unjail
        }
    }
}
