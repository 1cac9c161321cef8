import ProofmintCore

/// The audit report as files a person or a spreadsheet can open: CSV per block and per epoch, and an SVG chart.
public enum AuditOutput {
    public static func blocksCSV(_ report: AuditReport) -> String {
        var lines = ["height,transactions,supply,issued,minted,burned,fees_paid,fee_burned,fee_to_pool,fee_to_treasury,fee_to_liquidity,treasury,reward_pool,staked,unbonding,invariant_holds"]
        for row in report.blocks {
            let t = row.totals
            let amounts: [Amount] = [
                t.supply, t.issued, t.minted, t.burned, t.feesPaid, row.feeBurned, row.feeToPool, row.feeToTreasury, row.feeToLiquidity,
                row.treasury, row.rewardPool, t.staked, t.unbonding,
            ]
            let fields: [String] = [String(row.height), String(row.transactions)] + amounts.map { String($0) } + [String(row.invariantHolds)]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func epochsCSV(_ report: AuditReport) -> String {
        var lines = ["epoch,started_at,finished_at,proofs,emission,pool_reserved,minted,from_pool,paid,forfeited,capped,vested,provider,reward,forfeited"]
        for row in report.epochs {
            let s = row.settlement
            let amounts = [s.emission, s.poolReserved, s.minted, s.fromPool, s.paid, s.forfeited, s.capped, row.vested].map { String($0) }
            let prefix = (["\(row.epoch)", "\(s.startedAt)", s.finishedAt.map(String.init) ?? "", "\(row.proofs)"] + amounts).joined(separator: ",")
            if row.rewards.isEmpty { lines.append(prefix + ",,,") }
            for reward in row.rewards { lines.append(prefix + ",\(reward.provider),\(reward.reward),\(reward.forfeited)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Supply, minted and burned over height, in AI; burned on its own right-hand scale (it is far smaller).
    public static func svg(_ report: AuditReport) -> String {
        let width = 900.0, height = 420.0, left = 90.0, right = 90.0, top = 50.0, bottom = 50.0
        let rows = report.blocks
        guard let last = rows.last else { return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"120\"><text x=\"20\" y=\"60\">no blocks</text></svg>\n" }
        let first = Double(rows.first?.height ?? 0), span = max(Double(last.height) - first, 1)
        func ai(_ amount: Amount) -> Double { Double(amount / Tokens.one) + Double(amount % Tokens.one) / 1e18 }
        let supplyTop = max(rows.map { ai($0.totals.supply) }.max() ?? 1, rows.map { ai($0.totals.minted) }.max() ?? 0, 1) * 1.1
        let burnTop = max(rows.map { ai($0.totals.burned) }.max() ?? 0, 1e-9) * 1.1
        func x(_ h: UInt64) -> Double { left + (width - left - right) * (Double(h) - first) / span }
        func y(_ v: Double, _ top_: Double) -> Double { top + (height - top - bottom) * (1 - v / top_) }
        func series(_ value: (AuditReport.BlockRow) -> Double, _ scale: Double, _ color: String, dash: String = "") -> String {
            let points = rows.map { "\(format(x($0.height))),\(format(y(value($0), scale)))" }.joined(separator: " ")
            return "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") points=\"\(points)\"/>"
        }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            "<text x=\"\(Int(width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">Proofmint audit: supply, minted and burned by height</text>",
            "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"#444\"/>",
            "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"#444\"/>",
            "<line x1=\"\(width - right)\" y1=\"\(top)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"#b03a2e\"/>",
            "<text x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\">\(format(supplyTop, digits: 0))</text>",
            "<text x=\"\(left - 6)\" y=\"\(height - bottom)\" text-anchor=\"end\">0</text>",
            "<text x=\"\(width - right + 6)\" y=\"\(top + 4)\" fill=\"#b03a2e\">\(format(burnTop, digits: 3))</text>",
            "<text x=\"\(width - right + 6)\" y=\"\(height - bottom)\" fill=\"#b03a2e\">0</text>",
            "<text x=\"\(left)\" y=\"\(height - bottom + 18)\">\(Int(first))</text>",
            "<text x=\"\(width - right)\" y=\"\(height - bottom + 18)\" text-anchor=\"end\">\(last.height)</text>",
            "<text x=\"\(Int(width / 2))\" y=\"\(height - 12)\" text-anchor=\"middle\">block height</text>",
            series({ ai($0.totals.supply) }, supplyTop, "#1f5fa8"),
            series({ ai($0.totals.minted) }, supplyTop, "#2e8b3e"),
            series({ ai($0.totals.burned) }, burnTop, "#b03a2e", dash: "6 4"),
            "<text x=\"\(left + 10)\" y=\"\(top + 16)\" fill=\"#1f5fa8\">supply (AI, left)</text>",
            "<text x=\"\(left + 10)\" y=\"\(top + 32)\" fill=\"#2e8b3e\">minted by Proof of Compute (AI, left)</text>",
            "<text x=\"\(left + 10)\" y=\"\(top + 48)\" fill=\"#b03a2e\">burned (AI, right)</text>",
            "</svg>",
        ]
        svg.append("")
        return svg.joined(separator: "\n")
    }

    private static func format(_ value: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
}
