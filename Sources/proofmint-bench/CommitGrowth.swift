/// A run's commit cost along the chain: the mean a block, over each tenth of its blocks, of the commit's time (ms) or of
/// what it wrote (MiB). A chain's records grow with every block, so a store whose commit grows with them shows it here
/// long before a five-block run would, and a commit that levels off shows where (issue 14, point 5). Nil for runs of
/// fewer than 10 blocks.
struct CommitGrowth: CustomStringConvertible {
    let blocks: Int
    let unit: String
    /// The mean over blocks 1…n/10, then n/10+1…2n/10, and so on (the last tenth also takes the remainder).
    let tenths: [Double]

    init?(_ series: [Double], unit: String = "ms") {
        guard series.count >= 10 else { return nil }
        self.unit = unit
        let tenth = series.count / 10
        blocks = series.count
        tenths = (0..<10).map { part in
            let slice = series[(part * tenth)..<(part == 9 ? series.count : (part + 1) * tenth)]
            return slice.reduce(0, +) / Double(slice.count)
        }
    }

    var first: Double { tenths[0] }
    var last: Double { tenths[9] }

    var description: String {
        "\(Self.figure(first)) \(unit) over the first tenth of \(blocks) blocks, \(Self.figure(last)) \(unit) over the last; by tenths: "
            + tenths.map(Self.figure).joined(separator: ", ")
    }

    /// Whole numbers from 10 up, one decimal below (a commit writes a few MiB).
    private static func figure(_ value: Double) -> String {
        value >= 10 ? "\(Int(value.rounded()))" : String(format: "%.1f", value)
    }
}
