import ProofmintCore

/// Text for `query proposals` and `query proposal [--preview]`: amounts in AI, voting power as the node counts it
/// (√base units), shares as percentages. The JSON output keeps the node's answers.
public enum GovernancePresentation {
    // MARK: - One proposal

    public static func proposalText(_ result: ProposalResult, table: ([(String, String)]) -> String) -> String {
        let proposal = result.proposal
        var rows: [(String, String)] = [
            ("status", statusText(proposal)),
            ("proposer", proposal.proposer.text),
            ("deposit", "\(tokens(proposal.deposit)) (returned if it passes, burned if it does not)"),
            ("submitted", "height \(proposal.submitHeight)"),
            ("voting", "heights \(proposal.submitHeight)–\(proposal.votingEndHeight), tallied at the end of \(proposal.votingEndHeight)"),
            ("quorum", "\(percent(bps: proposal.quorumBps)) of all unjailed stake must vote"),
            ("to pass", "yes > \(percent(bps: proposal.passThresholdBps)) of yes + no, both in voting power and in stake (abstain counts for the quorum only)"),
        ]
        if let at = proposal.executeHeight { rows.append(("executes", "at the end of block \(at) (effective from \(at + 1))")) }
        var text = "Proposal \(proposal.id): \(proposal.kind)\n" + table(rows)
        text += "\n\(contentTitle(proposal.kind))\n" + table(contentRows(proposal))
        if let tally = proposal.tally {
            text += "\n\(tally.final ? "Final tally" : "Tally so far (if voting ended now)")\n" + table(tallyRows(tally, proposal: proposal))
        }
        let votes = result.votes
        text += votes.isEmpty ? "\nNo votes yet." : "\nVotes (\(votes.count))\n" + votes.map { "  - \($0.voter)  \($0.option)" }.joined(separator: "\n")
        return text
    }

    static func statusText(_ proposal: ProposalView) -> String {
        switch proposal.status {
        case "voting":
            let left = proposal.blocksLeft ?? 0
            return "voting: \(left) block\(left == 1 ? "" : "s") left (votes are accepted up to height \(proposal.votingEndHeight))"
        case "passed":
            return "passed: waits for its timelock" + (proposal.executeHeight.map { ", executes at the end of block \($0)" } ?? "")
        case "executed":
            return "executed" + (proposal.executeHeight.map { " at height \($0)" } ?? "")
        case "rejected":
            return "rejected: the quorum was missed or yes did not pass the threshold; the deposit was burned"
        case "execution_failed":
            let reason = proposal.failure.map { name in ": \(name)" + (TransactionErrorCode(name: name)?.message.map { " (\($0))" } ?? "") }
            return "passed, but its execution failed" + (reason ?? "") + "; nothing changed"
        default:
            return proposal.status
        }
    }

    static func contentTitle(_ kind: String) -> String {
        switch kind {
        case "parameter_change": return "Changes"
        case "treasury_spend": return "Treasury spend"
        case "upgrade": return "Upgrade"
        case "slash": return "Slash"
        case "text": return "Text"
        default: return "Content"
        }
    }

    /// The content's fields, amounts in AI and parameter values in their unit.
    static func contentRows(_ proposal: ProposalView) -> [(String, String)] {
        proposal.content.fields.members.map { field -> (String, String) in
            if proposal.kind == "parameter_change" {
                guard let spec = ParameterRegistry.spec(named: field.name), let value = Tokens.parseBaseUnits(field.value) else {
                    return (field.name, "→ \(field.value)")
                }
                return (field.name, "→ \(GovernanceInput.show(value, spec.unit))")
            }
            if field.name == "amount", let amount = Tokens.parseBaseUnits(field.value) {
                return (field.name, "\(tokens(amount)) (\(amount) base units)")
            }
            if field.name == "bps" { return ("rate", "\(field.value) bps of the stake and unbonding entries, burned") }
            return (field.name, field.value)
        }
    }

    static func tallyRows(_ tally: TallyView, proposal: ProposalView) -> [(String, String)] {
        let decided = tally.yes + tally.no
        let decidedStake = tally.yesStake + tally.noStake
        return [
            ("yes", "\(tally.yes)" + (decided > 0 ? " (\(percent(tally.yes, of: decided)) of yes + no)" : "")),
            ("no", "\(tally.no)" + (decided > 0 ? " (\(percent(tally.no, of: decided)))" : "")),
            ("abstain", "\(tally.abstain)"),
            ("yes stake", tokens(tally.yesStake) + (decidedStake > 0 ? " (\(percent(tally.yesStake, of: decidedStake)) of yes + no stake)" : "")),
            ("no stake", tokens(tally.noStake) + (decidedStake > 0 ? " (\(percent(tally.noStake, of: decidedStake)))" : "")),
            ("abstain stake", tokens(tally.abstainStake)),
            ("participation", "\(tokens(tally.participationStake)) of \(tokens(tally.totalStake)) staked (\(percent(tally.participationStake, of: tally.totalStake)))"),
            ("quorum", tally.quorumReached ? "reached (needs \(percent(bps: proposal.quorumBps)))" : "not reached (needs \(percent(bps: proposal.quorumBps)))"),
            ("result", tally.final ? (tally.passes ? "passed" : "failed") : (tally.passes ? "would pass" : "would fail")),
        ]
    }

    // MARK: - The dry run

    /// The dry run; `status` (the proposal's) adds a warning when the proposal can no longer execute, since the node
    /// computes the effect of executing it (again) on the current state whatever its status.
    public static func previewText(_ preview: ProposalPreview, status: String? = nil, table: ([(String, String)]) -> String) -> String {
        var text = ""
        if let status, status != "voting", status != "passed" {
            text += "Proposal \(preview.id) is \(status) and will not execute again: this dry run only shows what executing it on the "
                + "current state would do.\n"
        }
        text += "Dry run of proposal \(preview.id) (\(preview.kind)) as if it executed in block \(preview.atHeight): "
        guard preview.wouldExecute else {
            let reason = preview.error.map { "\($0.name) (code \($0.code ?? 0)): \($0.message)" } ?? "no reason given"
            return text + "it would fail: \(reason); nothing would change"
        }
        text += "it would execute"
        if let changes = preview.changes, !changes.isEmpty {
            text += "\nParameters (before → after)\n" + table(changes.map { change in
                let unit = ParameterSpec.Unit(rawValue: change.unit)
                let show = { (value: UInt128) in unit.map { GovernanceInput.show(value, $0) } ?? "\(value) \(change.unit)" }
                return (change.name, "\(show(change.before)) → \(show(change.after))")
            })
        }
        if let projection = preview.projection {
            let epochs = projection.emissionBefore.count
            text += "\nProjection from epoch \(projection.fromEpoch) (before → after)\n" + table([
                ("protocol fee on 100 AI", "\(tokens(projection.feesBefore.protocolFeeOn100Ai)) → \(tokens(projection.feesAfter.protocolFeeOn100Ai))"),
                ("minimum fee", "\(tokens(projection.feesBefore.minFee)) → \(tokens(projection.feesAfter.minFee))"),
                ("emission, next \(epochs) epochs", "\(tokens(sum(projection.emissionBefore))) → \(tokens(sum(projection.emissionAfter))) "
                    + "(if each epoch has work)"),
            ])
        }
        if let balances = preview.balances, !balances.isEmpty {
            let treasury = ModuleAccount.treasury.address
            text += "\nBalances (before → after)\n" + table(balances.map { balance in
                (balance.address == treasury ? "treasury" : balance.address.text, "\(tokens(balance.before)) → \(tokens(balance.after))")
            })
        }
        if let stake = preview.stake {
            var rows = [("stake of \(stake.address)", "\(tokens(stake.before)) → \(tokens(stake.after))")]
            if let burned = preview.burnedTotal { rows.append(("burned (all time)", "\(tokens(burned.before)) → \(tokens(burned.after))")) }
            text += "\nSlash (before → after)\n" + table(rows)
        }
        if let upgrade = preview.upgrade {
            text += "\nUpgrade\n" + table([
                ("name", upgrade.name), ("height", String(upgrade.height)),
                ("this node", upgrade.knownToThisNode ? "knows it" : "does not know it: it will stop at that height until upgraded"),
            ])
        }
        if let effect = preview.effect { text += "\nEffect: \(effect)" }
        return text
    }

    // MARK: - Lists

    public static func listText(_ list: ProposalsResult, status: String?) -> String {
        let which = status.map { "\($0) " } ?? ""
        guard !list.proposals.isEmpty else { return "No \(which)proposals at height \(list.height)." }
        let count = list.proposals.count
        var table = TextTable(
            header: ["id", "kind", "status", "voting ends", "voters", "tally", "content"],
            alignments: [.right, .left, .left, .right, .right, .left, .left])
        for proposal in list.proposals {
            table.append([
                String(proposal.id), proposal.kind, proposal.status, String(proposal.votingEndHeight), String(proposal.voters),
                proposal.tally.map { tallySummary($0) } ?? "-", contentSummary(proposal),
            ])
        }
        return "\(count) \(which)proposal\(count == 1 ? "" : "s") at height \(list.height)\n" + table.render()
    }

    static func tallySummary(_ tally: TallyView) -> String {
        let decided = tally.yes + tally.no
        let yes = decided > 0 ? "yes \(percent(tally.yes, of: decided))" : "no votes"
        let quorum = tally.quorumReached ? "quorum" : "no quorum"
        return "\(yes), \(quorum)" + (tally.final ? "" : " so far")
    }

    static func contentSummary(_ proposal: ProposalView) -> String {
        let value = { (name: String) in proposal.content.fields[name] ?? "?" }
        switch proposal.kind {
        case "parameter_change":
            return contentRows(proposal).map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        case "treasury_spend":
            let amount = Tokens.parseBaseUnits(value("amount")).map(tokens) ?? value("amount")
            let source = proposal.content.fields["source"].flatMap { $0 == "treasury" ? nil : " from \($0)" } ?? ""
            return "\(amount)\(source) to \(value("recipient"))"
        case "upgrade":
            return "\(value("name")) at height \(value("height"))"
        case "slash":
            return "\(value("provider")): \(value("reason")), \(value("bps")) bps"
        case "text":
            return value("title")
        default:
            return proposal.content.fields.members.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
        }
    }

    // MARK: - Numbers

    static func tokens(_ amount: Amount) -> String { "\(Tokens.format(amount)) \(Tokens.symbol)" }

    static func sum(_ amounts: [Amount]) -> Amount { amounts.reduce(0) { $0 &+ $1 } }

    /// `part / whole` as a percentage with two decimals, rounded down (`66.66%`); `0%` of nothing.
    static func percent(_ part: UInt128, of whole: UInt128) -> String {
        guard whole > 0 else { return "0%" }
        let (scaled, overflow) = part.multipliedReportingOverflow(by: 10_000)
        let hundredths = overflow ? part / (whole / 10_000 + 1) : scaled / whole
        return percent(hundredths: hundredths)
    }

    /// Basis points as a percentage: 5100 → `51%`.
    static func percent(bps: UInt64) -> String { percent(hundredths: UInt128(bps)) }

    private static func percent(hundredths: UInt128) -> String {
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return "\(whole)%" }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)%" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)%"
    }
}
