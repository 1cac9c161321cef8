import ProofmintCore

/// A receipt told to a person: one line per event worth telling (fees are shown on their own), in receipt order.
extension ReceiptView {
    public var eventLines: [String] { events.compactMap(Self.line) }

    static func line(_ event: EventView) -> String? {
        let tokens = { (amount: Amount?) in amount.map { "\(Tokens.format($0)) \(Tokens.symbol)" } ?? "?" }
        let text = { (value: (any CustomStringConvertible)?) in value.map { "\($0)" } ?? "?" }
        switch event.type {
        case "transfer":
            return "transferred \(tokens(event.amount)) from \(text(event.from)) to \(text(event.to))"
        case "staked":
            return "staked +\(tokens(event.added)), now \(tokens(event.total)) at tier \(text(event.tier)), locked until height \(text(event.lockedUntil))"
        case "unstaked":
            return "unstaked: \(tokens(event.amount)) unbonding until height \(text(event.matureAt)), \(tokens(event.burned)) burned"
        case "withdrawn":
            return "withdrew \(tokens(event.amount)) of matured unbonding entries"
        case "slashed":
            return "slashed \(text(event.provider)) for \(text(event.reason)) (\(text(event.bps)) bps): \(tokens(event.fromStake)) from stake, "
                + "\(tokens(event.fromUnbonding)) from unbonding, all burned"
        case "jailed":
            return "jailed \(text(event.provider))"
        case "proposed":
            return "opened proposal \(text(event.proposalId)) (\(text(event.kind))) with a deposit of \(tokens(event.deposit)); votes are accepted up to "
                + "height \(text(event.votingEndHeight))"
        case "voted":
            return "voted \(text(event.option)) on proposal \(text(event.proposalId))"
        case "validator_joined":
            return "joined the compute validator set: \(text(event.validator))" + (event.evicted.map { " (evicted \($0), the smallest member)" } ?? "")
        case "validator_left":
            return "left the compute validator set: \(text(event.validator))"
        case "verdict_given":
            return "verdict \(text(event.verdict)) on job \(text(event.jobId)) by \(text(event.validator)): quality counted at \(text(event.qualityBps)) bps, "
                + "validation reward \(tokens(event.reward))"
        case "challenged":
            return "challenged job \(text(event.jobId)), bonding \(tokens(event.bond))"
        case "challenge_voted":
            return "\(text(event.validator)) voted to \(event.uphold == true ? "uphold" : "reject") the challenge on job \(text(event.jobId)) "
                + "with \(tokens(event.stake)) of stake"
        case "challenge_decided":
            return "challenge on job \(text(event.jobId)) \(text(event.outcome)); challenger reward \(tokens(event.challengerReward))"
        default:
            return nil
        }
    }
}
