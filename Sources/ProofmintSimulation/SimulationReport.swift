import Foundation
import ProofmintCore

/// The run's outputs as text: a CSV with one line per epoch, and a self-contained SVG line chart of supply.
///
/// Amounts in the CSV are exact decimal AI (`Tokens.format`), so nothing is lost to rounding; the chart converts to
/// floating point only to place points on the page, after the chain has computed every figure in integers.
public enum SimulationReport {
    /// The CSV columns, in order.
    public static let csvColumns = [
        "epoch", "end_height", "year", "supply_ai", "issued_ai", "minted_ai", "cumulative_minted_ai", "burned_ai",
        "cumulative_burned_ai", "fees_paid_ai", "treasury_ai", "reward_pool_ai", "liquidity_ai", "staked_ai", "unbonding_ai",
        "proofs", "units", "payments_ai", "paid_to_providers_ai", "validation_rewards_ai", "verdicts", "malicious_verdicts", "slashed_ai",
    ]

    public static func csv(_ result: SimulationResult) -> String {
        var lines = [csvColumns.joined(separator: ",")]
        lines.reserveCapacity(result.rows.count + 1)
        for row in result.rows {
            let fields: [String] = [
                String(row.epoch), String(row.endHeight), String(row.year), Tokens.format(row.supply), Tokens.format(row.issued),
                Tokens.format(row.minted), Tokens.format(row.cumulativeMinted), Tokens.format(row.burned),
                Tokens.format(row.cumulativeBurned), Tokens.format(row.feesPaid), Tokens.format(row.treasury),
                Tokens.format(row.rewardPool), Tokens.format(row.liquidity), Tokens.format(row.staked), Tokens.format(row.unbonding),
                String(row.proofs), String(row.units), Tokens.format(row.payments), Tokens.format(row.paidToProviders),
                Tokens.format(row.validationRewards), String(row.verdicts), String(row.maliciousVerdicts), Tokens.format(row.slashed),
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - SVG

    /// Running sums of per-epoch amounts (the chart shows cumulative series).
    private static func running(_ values: [Amount]) -> [Amount] {
        var total: Amount = 0
        return values.map { value in
            let (sum, overflow) = total.addingReportingOverflow(value)
            total = overflow ? .max : sum
            return total
        }
    }

    private static let width = 960.0
    private static let height = 580.0
    private static let left = 100.0
    private static let right = 110.0
    private static let top = 110.0
    private static let bottom = 70.0
    private static let supplyColor = "#1f5fa8"
    private static let mintedColor = "#2e8b3d"
    private static let burnedColor = "#c0392b"
    private static let validationColor = "#8e44ad"
    private static let slashedColor = "#d68910"

    /// A line chart of supply and cumulative minted (left axis) and cumulative burned (right axis, which has its own
    /// scale because burns are usually orders of magnitude smaller than emission) after each epoch, starting at
    /// genesis; with the year boundaries, the epoch the mining cap was reached, a legend with final values, and
    /// the scenario in the subtitle.
    public static func svg(_ result: SimulationResult) -> String {
        let epochs = Double(max(result.rows.count, 1))
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let supply = [result.genesisTotals.supply] + result.rows.map(\.supply)
        let minted = [result.genesisTotals.minted] + result.rows.map(\.cumulativeMinted)
        let burned = [result.genesisTotals.burned] + result.rows.map(\.cumulativeBurned)
        let leftScale = AxisScale(maximum: tokens((supply + minted).max() ?? 0))
        let validation = running([0] + result.rows.map(\.validationRewards))
        let slashed = running([0] + result.rows.map(\.slashed))
        let rightScale = AxisScale(maximum: tokens((burned + validation + slashed).max() ?? 0))
        func x(_ index: Double) -> Double { left + plotWidth * index / epochs }
        func y(_ value: Double, _ scale: AxisScale) -> Double { top + plotHeight * (1 - value / scale.top) }

        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
                + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">",
            "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>",
            text(
                width / 2, 30, "Proofmint simulation: token supply over \(result.rows.count) epochs", anchor: "middle", size: 18,
                weight: "bold"),
            text(width / 2, 52, subtitle(result), anchor: "middle", size: 12, color: "#555555"),
        ]

        // Grid and left axis.
        for tick in leftScale.ticks {
            let ty = y(tick, leftScale)
            svg.append(line(left, ty, left + plotWidth, ty, color: "#e4e4e4"))
            svg.append(text(left - 8, ty + 4, compact(tick), anchor: "end"))
        }
        for tick in rightScale.ticks {
            let ty = y(tick, rightScale)
            svg.append(line(left + plotWidth, ty, left + plotWidth + 5, ty, color: burnedColor))
            svg.append(text(left + plotWidth + 8, ty + 4, compact(tick), anchor: "start", color: burnedColor))
        }
        // Year boundaries (when there are few enough to read) and epoch ticks.
        let perYear = result.config.epochsPerYear
        if perYear > 0, UInt64(result.rows.count) / perYear <= 40 {
            var year: UInt64 = 1
            while year * perYear < UInt64(result.rows.count) {
                let yx = x(Double(year * perYear))
                svg.append(line(yx, top, yx, top + plotHeight, color: "#f0f0f0", dash: "2,3"))
                svg.append(text(yx + 3, top + 12, "Y\(year + 1)", anchor: "start", size: 10, color: "#999999"))
                year += 1
            }
        }
        let epochStep = niceStep(epochs / 10, integral: true)
        var tick = 0.0
        while tick <= epochs + 1e-9 {
            let tx = x(tick)
            svg.append(line(tx, top + plotHeight, tx, top + plotHeight + 5, color: "#333333"))
            svg.append(text(tx, top + plotHeight + 20, String(Int(tick)), anchor: "middle"))
            tick += epochStep
        }
        if let capEpoch = result.capReachedAtEpoch {
            let cx = x(Double(capEpoch + 1))
            svg.append(line(cx, top, cx, top + plotHeight, color: "#777777", dash: "6,4"))
            svg.append(
                text(cx + 4, top + plotHeight / 2, "mining cap reached (epoch \(capEpoch))", anchor: "start", size: 11, color: "#555555"))
        }

        // Axes and their titles.
        svg.append(line(left, top, left, top + plotHeight, color: "#333333"))
        svg.append(line(left, top + plotHeight, left + plotWidth, top + plotHeight, color: "#333333"))
        svg.append(line(left + plotWidth, top, left + plotWidth, top + plotHeight, color: burnedColor))
        svg.append(text(left + plotWidth / 2, height - 22, "epochs completed (\(perYear) per year; 0 = genesis)", anchor: "middle"))
        svg.append(rotated(28, top + plotHeight / 2, "AI: supply, cumulative minted"))
        svg.append(rotated(width - 24, top + plotHeight / 2, "AI: cumulative burned, validation rewards, slashed", color: burnedColor))

        // Series.
        func points(_ values: [Amount], _ scale: AxisScale) -> String {
            values.enumerated().map { "\(number(x(Double($0.offset)))),\(number(y(tokens($0.element), scale)))" }.joined(separator: " ")
        }
        svg.append(polyline(points(supply, leftScale), color: supplyColor, id: "supply"))
        svg.append(polyline(points(minted, leftScale), color: mintedColor, id: "cumulative-minted"))
        svg.append(polyline(points(burned, rightScale), color: burnedColor, id: "cumulative-burned", dash: "7,3"))
        svg.append(polyline(points(validation, rightScale), color: validationColor, id: "cumulative-validation-rewards", dash: "2,2"))
        svg.append(polyline(points(slashed, rightScale), color: slashedColor, id: "cumulative-slashed", dash: "4,2"))

        // Legend, above the plot, with each series' final value.
        let legend: [(String, String, String?)] = [
            ("supply \(grouped(result.finalSupply)) AI", supplyColor, nil),
            ("cumulative minted \(grouped(result.totalMinted)) AI", mintedColor, nil),
            ("cumulative burned \(grouped(result.totalBurned)) AI (right axis)", burnedColor, "7,3"),
        ]
        // The verification series get a second legend line: the first is full.
        let second: [(String, String, String?)] = [
            ("validation rewards \(grouped(validation.last ?? 0)) AI (right)", validationColor, "2,2"),
            ("slashed \(grouped(slashed.last ?? 0)) AI (right)", slashedColor, "4,2"),
        ]
        var sx = left
        for (label, color, dash) in second {
            svg.append(line(sx, 100, sx + 24, 100, color: color, width: 2.5, dash: dash))
            svg.append(text(sx + 30, 104, label, anchor: "start"))
            sx += 36 + Double(label.count) * 6.6
        }
        var lx = left
        for (label, color, dash) in legend {
            svg.append(line(lx, 82, lx + 24, 82, color: color, width: 2.5, dash: dash))
            svg.append(text(lx + 30, 86, label, anchor: "start"))
            lx += 36 + Double(label.count) * 6.6
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    /// "100M AI/year halving every 4 years, never below 6.25M, cap 300M; fees …; seed …"
    private static func subtitle(_ result: SimulationResult) -> String {
        let compute = result.parameters.compute
        let config = result.config
        return "seed \(config.seed) · \(config.providers) providers, \(config.consumers) consumers, \(config.jobsPerBlock) jobs/block · "
            + "emission \(compact(tokens(compute.initialAnnualEmission))) AI/yr, halving every \(compute.halvingYears) yr, "
            + "floor \(compact(tokens(compute.terminalAnnualEmission))), cap \(compact(tokens(compute.miningCap))) · "
            + "fee burn \(Double(result.parameters.feeSplit.burnBps) / 100)%"
    }

    // MARK: - Drawing helpers

    /// A left or right axis: steps of 1, 2 or 5 × 10ⁿ, and a top at least 2% above the largest value so that a line
    /// at the maximum is not hidden by the frame.
    private struct AxisScale {
        let top: Double
        let ticks: [Double]

        init(maximum: Double) {
            let step = SimulationReport.niceStep(maximum > 0 ? maximum / 5 : 1, integral: false)
            let top = max(step, (maximum * 1.02 / step).rounded(.up) * step)
            self.top = top
            ticks = (0...Int((top / step).rounded())).map { Double($0) * step }
        }
    }

    /// The smallest of 1, 2, 5 × 10ⁿ at or above `raw` (whole numbers only when `integral`).
    static func niceStep(_ raw: Double, integral: Bool) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalised = raw / magnitude
        let step = (normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10) * magnitude
        return integral ? max(1, step.rounded(.up)) : step
    }

    /// Base units as whole-token floating point, for drawing only.
    private static func tokens(_ amount: Amount) -> Double {
        Double(amount / Tokens.one) + Double(amount % Tokens.one) / 1e18
    }

    /// Axis labels: 1.2B, 300M, 50k, 12.5, 0.003.
    private static func compact(_ value: Double) -> String {
        for (divisor, suffix) in [(1e9, "B"), (1e6, "M"), (1e3, "k")] where abs(value) >= divisor {
            return trimmed(value / divisor) + suffix
        }
        return trimmed(value)
    }

    private static func trimmed(_ value: Double) -> String {
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Exact whole tokens with thousands separators (four decimals, truncated, below 1,000 AI).
    static func grouped(_ amount: Amount) -> String {
        let whole = String(amount / Tokens.one)
        var groups = [Substring]()
        var end = whole.endIndex
        while end > whole.startIndex {
            let start = whole.index(end, offsetBy: -3, limitedBy: whole.startIndex) ?? whole.startIndex
            groups.insert(whole[start..<end], at: 0)
            end = start
        }
        let text = groups.joined(separator: ",")
        guard amount < 1000 * Tokens.one else { return text }
        let fraction = amount % Tokens.one / (Tokens.one / 10_000)
        let digits = String(fraction)
        return text + "." + String(repeating: "0", count: 4 - digits.count) + digits
    }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String, width: Double = 1, dash: String? = nil
    ) -> String {
        "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" stroke=\"\(color)\" "
            + "stroke-width=\"\(width)\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"
    }

    private static func polyline(_ points: String, color: String, id: String, dash: String? = nil) -> String {
        "<polyline id=\"\(id)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\" stroke-linejoin=\"round\""
            + "\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") points=\"\(points)\"/>"
    }

    private static func text(
        _ x: Double, _ y: Double, _ content: String, anchor: String, size: Int = 12, weight: String = "normal", color: String = "#222222"
    ) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" font-weight=\"\(weight)\" "
            + "fill=\"\(color)\">\(escaped(content))</text>"
    }

    private static func rotated(_ x: Double, _ y: Double, _ content: String, color: String = "#222222") -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"middle\" fill=\"\(color)\" "
            + "transform=\"rotate(-90 \(number(x)) \(number(y)))\">\(escaped(content))</text>"
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
