import ArgumentParser
import ProofmintWallet

/// `tx validator join|leave`: enter or leave the compute validator set, which checks sampled receipts and votes on
/// challenges.
struct TxValidatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validator",
        abstract: "Join or leave the compute validator set and wait for the block.",
        discussion: """
            Members are drawn, weighted by stake, to check sampled compute receipts (`proofmint query validations \
            --mine` lists what is assigned to your keys; a verdict missed by its deadline is slashed \
            compute.missed_validation_slash_bps) and vote on challenges. Joining needs an unjailed stake of at least \
            compute.validator_min_stake (100 AI on the devnet); when the set is full (compute.max_validators) a \
            newcomer must out-stake the smallest member, who leaves. A member whose stake later falls below the \
            minimum or is jailed stays listed but is not drawn and cannot vote. Refused before signing: joining \
            without enough stake or when already a member, leaving when not a member.
            Example: proofmint tx validator join --from dev3
            """)

    @Argument(help: ArgumentHelp("join or leave.", valueName: "ACTION"))
    var action: String

    @OptionGroup var sender: SenderOptions
    @OptionGroup var options: SendOptions

    func validate() throws {
        guard action == "join" || action == "leave" else { throw ValidationError("ACTION must be join or leave, not '\(action)'") }
    }

    func run() async throws {
        let join = action == "join"
        try await OnlineTransaction.send(from: sender, with: options) { context in
            let set = try await context.client.computeValidators()
            let member = set.validators.contains { $0.address == context.sender.address }
            if join {
                guard !member else { throw CommandFailure("'\(context.sender.name)' is already a compute validator; nothing was sent") }
                let stake = try await context.client.stake(context.sender.address).stake
                guard let stake, !stake.jailed, stake.amount >= set.minStake else {
                    throw CommandFailure(
                        "'\(context.sender.name)' needs an unjailed stake of at least \(Tokens.format(set.minStake)) AI to join "
                            + "(it has \(Tokens.format(stake?.amount ?? 0)) AI\(stake?.jailed == true ? ", jailed" : "")): "
                            + "`proofmint tx stake` first; nothing was sent")
                }
            } else {
                guard member else { throw CommandFailure("'\(context.sender.name)' is not a compute validator; nothing was sent") }
            }
            try context.requireBalance(covering: 0, what: "the fee")
            return .validator(ValidatorRequest(join: join))
        }
    }
}
