/// Columns aligned with spaces for terminal output: text columns to the left, numeric ones to the right.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public let header: [String]
    public let alignments: [Alignment]
    public private(set) var rows: [[String]] = []

    public init(header: [String], alignments: [Alignment]) {
        self.header = header
        self.alignments = alignments
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The header and rows, two spaces between columns, no trailing spaces, each line indented by `indent`.
    public func render(indent: Int = 2) -> String {
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        let pad = String(repeating: " ", count: indent)
        return all.map { row in
            let cells = (0..<columns).map { column -> String in
                let text = column < row.count ? row[column] : ""
                let fill = String(repeating: " ", count: widths[column] - text.count)
                let alignment = column < alignments.count ? alignments[column] : .left
                return alignment == .right ? fill + text : text + fill
            }
            var line = pad + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
