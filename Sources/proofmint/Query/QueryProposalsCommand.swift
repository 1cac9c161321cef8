import ArgumentParser
import ProofmintWallet

/// `query proposals`: every governance proposal, or those with one status.
struct QueryProposalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposals",
        abstract: "List governance proposals (or those with one --status): kind, status, end of voting, tally and content.",
        discussion: """
            A proposal is voting until the end of its voting period, then passed (waiting for its timelock) or \
            rejected (its deposit burned), and a passed one ends executed or execution_failed. The tally of a proposal \
            still voting is the one it would get if voting ended now. `proofmint query proposal ID` shows one in full.
            Example: proofmint query proposals --status voting
            """)

    @Option(name: .customLong("status"), help: ArgumentHelp(
        "Only proposals with this status: voting, passed, executed, rejected or execution_failed.", valueName: "STATUS"))
    var status: String?

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    static let statuses = ["voting", "passed", "executed", "rejected", "execution_failed"]

    func validate() throws {
        if let status, !Self.statuses.contains(status) {
            throw ValidationError("--status must be one of \(Self.statuses.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let list = try await nodeOptions.client(WalletEnvironment()).proposals(status: status)
        output.console.result(list.json, text: GovernancePresentation.listText(list, status: status))
    }
}
