import Foundation
import ProofmintWallet

/// Where output goes: results to stdout (text or JSON), warnings and progress to stderr so scripts can pipe stdout.
struct Console {
    let json: Bool

    /// Prints the JSON value with `--json`, otherwise the text.
    func result(_ value: @autoclosure () -> JSONValue, text: @autoclosure () -> String) {
        print(json ? value().prettyText : text())
    }

    /// A line on stderr (progress, warnings), never mixed into stdout.
    func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Aligned `label  value` lines.
    static func table(_ rows: [(String, String)], indent: Int = 2) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        let pad = String(repeating: " ", count: indent)
        return rows.map { pad + $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(separator: "\n")
    }

    /// A titled bullet list on the lines after a table (`\nEvents\n  - …`), or nothing when there are no items.
    static func section(_ title: String, _ items: [String]) -> String {
        items.isEmpty ? "" : "\n\(title)\n" + items.map { "  - \($0)" }.joined(separator: "\n")
    }
}
