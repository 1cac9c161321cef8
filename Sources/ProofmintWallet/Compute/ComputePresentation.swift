import ProofmintCore

/// Text for `query epoch|rewards|supply`: amounts in AI, the JSON keeps base units.
public enum ComputePresentation {
    public static func epochText(_ answer: EpochResult, table: ([(String, String)]) -> String) -> String {
        var rows: [(String, String)] = [("epoch", String(answer.epoch)), ("height", String(answer.height))]
        if answer.running, let start = answer.startHeight, let end = answer.endHeight {
            rows += [
                ("blocks", "\(start)–\(end), \(answer.blocksLeft ?? 0) left"),
                ("emission", "\(ai(answer.emission ?? 0)) if any work is accepted (none is minted otherwise)"),
            ]
        }
        let work = answer.work
        rows += [
            ("proofs", String(work.proofs)),
            ("compute units", String(work.units)),
            ("total weight", String(work.totalWeight)),
            ("providers", String(work.providerCount)),
            ("standing value", ai(work.totalValue)),
            ("payments", ai(work.payments)),
            ("protocol fees", ai(work.protocolFees)),
            ("validation fees", ai(work.validationFees)),
            ("reward pool", ai(answer.rewardPool)),
        ]
        // Settlement waits for the epoch's end and for every window its receipts opened (sampling, verdicts, challenges).
        if answer.settlement == nil, work.proofs > 0 {
            rows.append(("settles", "after height \(max(work.closesAt, answer.endHeight ?? 0)) (the epoch's end and its receipts' windows)"))
        }
        if let settlement = answer.settlement {
            rows += [
                ("settlement", settlement.finishedAt.map { "finished at height \($0)" } ?? "started at height \(settlement.startedAt), paying"),
                ("emission", ai(settlement.emission)),
                ("pool reserved", ai(settlement.poolReserved)),
                ("paid to providers", ai(settlement.paid)),
                ("minted", ai(settlement.minted)),
                ("from pool", ai(settlement.fromPool)),
                ("forfeited", ai(settlement.forfeited)),
                ("held back by the cap", ai(settlement.capped)),
            ]
        }
        return table(rows)
    }

    public static func rewardsText(_ answer: RewardsResult, table: ([(String, String)]) -> String) -> String {
        var lines = [table([
            ("address", answer.address.text),
            ("total reward", ai(answer.totalReward)),
            ("total earned", "\(ai(answer.totalEarned)) (prices received, after the protocol and validation fees)"),
        ])]
        if answer.epochs.isEmpty { return lines[0] + "\n\nNo accepted compute work yet." }
        lines.append("\nepoch  proofs  units  weight  earned  reward")
        for epoch in answer.epochs {
            let reward = epoch.forfeited ? "forfeited (jailed)" : epoch.reward.map(ai) ?? "pending (epoch running)"
            lines.append("\(epoch.epoch)  \(epoch.proofs)  \(epoch.units)  \(epoch.weight)  \(ai(epoch.earned))  \(reward)")
        }
        return lines.joined(separator: "\n")
    }

    public static func supplyText(_ answer: SupplyResult, table: ([(String, String)]) -> String) -> String {
        let rows: [(String, String)] = [
            ("height", String(answer.height)),
            ("max supply", ai(answer.maxSupply)), ("supply", ai(answer.supply)), ("circulating", ai(answer.circulating)),
            ("minted (PoC)", ai(answer.minted)), ("mining cap", ai(answer.miningCap)), ("burned", ai(answer.burned)),
            ("fees paid", ai(answer.feesPaid)), ("staked", ai(answer.staked)), ("unbonding", ai(answer.unbondingTotal)),
            ("treasury", ai(answer.treasury)), ("reward pool", ai(answer.rewardPool)), ("liquidity", ai(answer.liquidity)),
        ]
        return table(rows)
    }

    private static func ai(_ amount: Amount) -> String { "\(Tokens.format(amount)) \(Tokens.symbol)" }
}
