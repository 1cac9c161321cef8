import ProofmintCore

/// The terminal form of `query stake` and `query providers`: what a person needs to read a stake at a glance.
public enum StakePresentation {
    static func tokens(_ amount: Amount) -> String { "\(Tokens.format(amount)) \(Tokens.symbol)" }

    /// Label/value rows for one stake at `height`.
    public static func rows(_ stake: StakeInfo, height: UInt64) -> [(String, String)] {
        var rows: [(String, String)] = [
            ("amount", "\(tokens(stake.amount)) (\(stake.amount) base units)"),
            ("amount tier", stake.amountTier),
            ("privacy tier", "\(stake.tier) (\(stake.tierName))"),
        ]
        if let attestation = stake.attestation { rows.append(("attestation", attestation.hex)) }
        if let attested = stake.attested {
            let state = attested.holds
                ? "holds (until height \(attested.expiresAt))"
                : "no longer holds (expired, or its attestor revoked): the tier counts as \(stake.effectiveTier) (open)"
            rows.append(("attestation", "by attestor \(attested.attestor), measurement \(attested.measurement.hex); \(state)"))
        }
        rows.append(("lock", lockText(stake, height: height)))
        rows.append(("reputation", "\(stake.reputation) / \(Stake.maxReputation)"))
        rows.append(("jailed", stake.jailed ? "yes: it cannot stake again, and has no staking power" : "no"))
        rows.append(("power", "\(tokens(stake.power)) (\(stake.power) base units)"))
        return rows
    }

    /// `4 epochs, until height 250 (10 blocks left)`, `4 epochs, ended at height 250`, or `none` for a stake never locked.
    static func lockText(_ stake: StakeInfo, height: UInt64) -> String {
        let epochs = "\(stake.lockEpochs) epoch\(stake.lockEpochs == 1 ? "" : "s")"
        if stake.lockedUntil > height {
            let left = stake.lockedUntil - height
            return "\(epochs), until height \(stake.lockedUntil) (\(left) block\(left == 1 ? "" : "s") left)"
        }
        return stake.lockEpochs == 0 ? "none" : "\(epochs), ended at height \(stake.lockedUntil)"
    }

    /// One line per unbonding entry: `399.6 AI, matures at height 30 (matured: withdraw it)`.
    public static func unbondingLines(_ entries: [UnbondingEntry], height: UInt64) -> [String] {
        entries.map { entry in
            let state = entry.matured
                ? "matured: `tx withdraw` pays it out"
                : "\(entry.matureAt - min(entry.matureAt, height)) blocks to go"
            return "\(tokens(entry.amount)), matures at height \(entry.matureAt) (\(state))"
        }
    }

    /// The whole `query stake` text, given a way to align label/value rows.
    public static func text(_ state: StakeState, table: ([(String, String)]) -> String) -> String {
        var text: String
        if let stake = state.stake {
            text = "Stake of \(state.address) at height \(state.height)\n" + table(rows(stake, height: state.height))
        } else {
            text = "\(state.address) has no stake at height \(state.height)"
        }
        if !state.unbonding.isEmpty {
            let count = state.unbonding.count
            text += "\nUnbonding: \(tokens(state.unbondingTotal)) in \(count) entr\(count == 1 ? "y" : "ies")\n"
                + unbondingLines(state.unbonding, height: state.height).map { "  - \($0)" }.joined(separator: "\n")
        }
        return text
    }

    /// `query providers` as a table, highest staking power first (the node's order).
    public static func providerTable(_ list: ProviderList) -> TextTable {
        var table = TextTable(
            header: ["#", "address", "power (AI)", "stake (AI)", "tier", "class", "rep", "unbonding (AI)", "status"],
            alignments: [.right, .left, .right, .right, .left, .left, .right, .right, .left])
        for (index, provider) in list.providers.enumerated() {
            let stake = provider.stake
            let status = stake.jailed ? "jailed" : stake.lockedUntil > list.height ? "locked until \(stake.lockedUntil)" : "active"
            table.append([
                String(index + 1), provider.address.text, Tokens.format(stake.power), Tokens.format(stake.amount),
                "\(stake.tier) \(stake.tierName)", stake.amountTier, String(stake.reputation), Tokens.format(provider.unbondingTotal),
                status,
            ])
        }
        return table
    }

    /// The whole `query providers` text.
    public static func providersText(_ list: ProviderList) -> String {
        guard !list.providers.isEmpty else { return "No providers at height \(list.height): nobody has staked yet." }
        let shown = list.providers.count
        let heading = shown == list.totalCount
            ? "\(list.totalCount) provider\(list.totalCount == 1 ? "" : "s") at height \(list.height), by staking power"
            : "\(shown) of \(list.totalCount) providers at height \(list.height), by staking power (raise --limit to see more)"
        return heading + "\n" + providerTable(list).render()
    }
}
