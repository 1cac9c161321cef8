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
        default:
            return nil
        }
    }
}
