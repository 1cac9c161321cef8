import ProofmintCore

/// Text for `query epoch|rewards|supply`: amounts in AI, the JSON keeps base units.
public enum ComputePresentation {
    public static func epochText(_ answer: JSONValue, table: ([(String, String)]) -> String) throws(JSONShapeError) -> String {
        let root = try JSONObjectReader(answer, path: "result")
        let work = try root.object("work")
        var rows: [(String, String)] = [("epoch", String(try root.uint64("epoch"))), ("height", String(try root.uint64("height")))]
        if try root.bool("running") {
            rows += [
                ("blocks", "\(try root.uint64("start_height"))–\(try root.uint64("end_height")), \(try root.uint64("blocks_left")) left"),
                ("emission", "\(try ai(root, "emission")) if any work is accepted (none is minted otherwise)"),
            ]
        }
        rows += [
            ("proofs", String(try work.uint64("proofs"))),
            ("compute units", try work.string("units")),
            ("total weight", try work.string("total_weight")),
            ("providers", String(try work.uint64("providers"))),
            ("payments", try ai(work, "payments")),
            ("protocol fees", try ai(work, "protocol_fees")),
            ("reward pool", try ai(root, "reward_pool")),
        ]
        if let settlement = try root.optionalObject("settlement") {
            rows += [
                ("settled at", "height \(try settlement.uint64("end_height"))"),
                ("minted", try ai(settlement, "minted")),
                ("from pool", try ai(settlement, "from_pool")),
                ("paid to providers", try ai(settlement, "paid_to_providers")),
                ("to treasury", try ai(settlement, "to_treasury")),
                ("team vested", try ai(settlement, "vested")),
            ]
        }
        return table(rows)
    }

    public static func rewardsText(_ answer: JSONValue, table: ([(String, String)]) -> String) throws(JSONShapeError) -> String {
        let root = try JSONObjectReader(answer, path: "result")
        var lines = [table([
            ("address", try root.string("address")),
            ("total reward", try ai(root, "total_reward")),
            ("total earned", "\(try ai(root, "total_earned")) (prices received, after the protocol fee)"),
        ])]
        let epochs = try root.array("epochs")
        if epochs.isEmpty { return lines[0] + "\n\nNo accepted compute work yet." }
        lines.append("\nepoch  proofs  units  weight  earned  reward")
        for (index, value) in epochs.enumerated() {
            let epoch = try JSONObjectReader(value, path: "result.epochs[\(index)]")
            let reward: String
            if try epoch.bool("forfeited") {
                reward = "forfeited (jailed)"
            } else if epoch.optionalValue("reward") == nil {
                reward = "pending (epoch running)"
            } else {
                reward = try ai(epoch, "reward")
            }
            lines.append("\(try epoch.uint64("epoch"))  \(try epoch.uint64("proofs"))  \(try epoch.string("units"))  "
                + "\(try epoch.string("weight"))  \(try ai(epoch, "earned"))  \(reward)")
        }
        return lines.joined(separator: "\n")
    }

    public static func supplyText(_ answer: JSONValue, table: ([(String, String)]) -> String) throws(JSONShapeError) -> String {
        let root = try JSONObjectReader(answer, path: "result")
        var rows: [(String, String)] = [("height", String(try root.uint64("height")))]
        for (label, key) in [
            ("max supply", "max_supply"), ("supply", "supply"), ("circulating", "circulating"), ("minted (PoC)", "minted"),
            ("mining cap", "mining_cap"), ("burned", "burned"), ("fees paid", "fees_paid"), ("staked", "staked"),
            ("unbonding", "unbonding"), ("treasury", "treasury"), ("reward pool", "reward_pool"), ("liquidity", "liquidity"),
        ] {
            rows.append((label, try ai(root, key)))
        }
        return table(rows)
    }

    private static func ai(_ reader: JSONObjectReader, _ key: String) throws(JSONShapeError) -> String {
        "\(Tokens.format(try reader.amount(key))) \(Tokens.symbol)"
    }
}
