/// A run's commit cost at its start and at its end: the mean commit time a block over its first and its last fifth of
/// blocks. A chain's records grow with every block, so a store whose commit grows with them shows it here long before
/// a five-block run would (issue 14, point 5). Nil for runs of fewer than 10 blocks.
struct CommitGrowth: CustomStringConvertible {
    let blocks: Int
    let first: Double
    let last: Double

    init?(_ series: [Double]) {
        guard series.count >= 10 else { return nil }
        let fifth = series.count / 5
        blocks = series.count
        first = series.prefix(fifth).reduce(0, +) / Double(fifth)
        last = series.suffix(fifth).reduce(0, +) / Double(fifth)
    }

    var description: String {
        "\(Int(first.rounded())) ms over the first \(blocks / 5) blocks, \(Int(last.rounded())) ms over the last \(blocks / 5) of \(blocks)"
    }
}
