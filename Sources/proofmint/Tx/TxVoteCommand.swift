import ArgumentParser
import ProofmintWallet

/// `tx vote`: yes, no or abstain on a proposal in its voting period.
struct TxVoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote",
        abstract: "Vote yes, no or abstain on a governance proposal and wait for the block.",
        discussion: """
            Only accounts with at least governance.voter_min_stake (100 AI on the devnet) of active, unjailed stake may \
            vote; a vote by anyone else is included but fails with not_eligible_to_vote (exit code 2) and the fee is \
            charged. A later vote replaces an earlier one. Nothing is counted when the vote is cast: at the end of the \
            voting period each voter still eligible counts with √balance + 2·√stake as they are then (quadratic \
            voting); the quorum compares the voters' √stake with everyone's. Abstain counts toward the quorum only.
            Refused before signing: a proposal that does not exist or whose voting period has ended.
            Example: proofmint tx vote --from dev3 --proposal 1 --option yes
            """)

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("proposal"), help: ArgumentHelp("The proposal's id (`proofmint query proposals` lists them).", valueName: "ID"))
    var proposal: UInt64

    @Option(name: .customLong("option"), help: ArgumentHelp("yes, no or abstain.", valueName: "OPTION"))
    var option: String

    @OptionGroup var options: SendOptions

    func run() async throws {
        let choice = try GovernanceInput.voteOption(option)
        let id = proposal
        try await OnlineTransaction.send(from: sender, with: options) { context in
            guard let found = try await context.client.proposalIfAny(id)?.proposal else {
                throw CommandFailure("there is no proposal \(id) on this chain (`proofmint query proposals` lists them); nothing was sent")
            }
            guard found.status == "voting" else {
                throw CommandFailure(
                    "proposal \(id) is no longer open for votes: its voting ended at height \(found.votingEndHeight) and it is "
                        + "\(found.status); nothing was sent")
            }
            try context.requireBalance(covering: 0, what: "the fee")
            return .vote(VoteRequest(proposal: id, option: choice))
        }
    }
}
