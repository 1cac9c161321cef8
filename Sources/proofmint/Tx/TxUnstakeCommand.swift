import ArgumentParser
import ProofmintWallet

/// `tx unstake`: start the way back from a stake.
struct TxUnstakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unstake",
        abstract: "Move part or all of a stake into unbonding (0.1% is burned); withdraw it when it matures.",
        discussion: """
            The amount leaves the active stake at once; 0.1% of it is burned (parameter staking.unstake_burn_bps) and \
            the rest waits in an unbonding entry for the unbonding period (devnet: 20 blocks), then `proofmint tx \
            withdraw` pays it out. Entries still unbonding are slashed like the stake itself.
            The chain refuses (exit code 2, fee charged): a stake still under lock (stake_locked), more than is staked \
            (unstake_exceeds_stake), a remainder below the minimum stake (remainder_below_minimum: unstake all of it, \
            or less), too many entries waiting (too_many_unbonding_entries).
            Example: proofmint tx unstake --from dev3 --amount 400AI
            """)

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("amount"), parsing: .unconditional, help: ArgumentHelp(
        "Amount of active stake to unstake: with its unit (400AI) or base units with theirs (1000base); more than zero.", valueName: "AMOUNT"))
    var amount: String

    @OptionGroup var options: SendOptions

    func run() async throws {
        let request = UnstakeRequest(amount: try WalletInput.amount(amount))
        try await OnlineTransaction.send(from: sender, with: options) { context in
            try context.requireBalance(covering: 0, what: "the fee")
            return .unstake(request)
        }
    }
}
