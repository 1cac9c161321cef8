import ArgumentParser
import ProofmintWallet

/// `query proposal ID`: one proposal with its tally and votes, and with `--preview` the dry run of its effect.
struct QueryProposalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposal",
        abstract: "Show a governance proposal: content, status, tally so far (power per option, quorum), blocks left and votes.",
        discussion: """
            Voting power is √balance + 2·√stake in √base units, measured at the tally: while the proposal is voting, \
            the tally shown is the one it would get if voting ended now. The quorum compares the voters' √stake with \
            that of every unjailed stake. --preview adds the node's dry run: the proposal's effect computed as if it \
            executed in the next block (parameters before and after, and for parameter changes the fees and emission \
            they project; balances for a treasury spend; the stake for a slash), or the reason it would fail. With \
            --json the node's answer is printed as sent; with --json --preview, {"proposal": …, "preview": …}.
            Example: proofmint query proposal 1 --preview
            """)

    @Argument(help: "The proposal's id.")
    var id: UInt64

    @Flag(name: .customLong("preview"), help: "Also show the dry run: what executing the proposal now would change.")
    var preview = false

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try nodeOptions.client(WalletEnvironment())
        guard let proposal = try await client.proposalIfAny(id) else {
            throw CommandFailure("there is no proposal \(id) on this chain (`proofmint query proposals` lists them)")
        }
        let text = GovernancePresentation.proposalText(proposal) { Console.table($0) }
        guard preview else {
            output.console.result(proposal.json, text: text)
            return
        }
        let dryRun = try await client.previewProposal(id)
        let both = text + "\n\n" + GovernancePresentation.previewText(dryRun, status: proposal.proposal.status) { Console.table($0) }
        output.console.result(.object([("proposal", proposal.json), ("preview", dryRun.json)]), text: both)
    }
}
