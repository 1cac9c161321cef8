import ProofmintCore

/// What an attack cost, what it gained, and whether it worked, read from the state the real transition left.
public struct ScenarioReport: Sendable {
    public let name: String
    public let summary: String
    /// Whether the attacker got what it was after.
    public let succeeded: Bool
    /// Tokens the attacker spent or lost: fees, burns, forfeited deposits and slashed stake.
    public let cost: Amount
    /// Tokens the attacker gained (or kept out of a slash).
    public let gain: Amount
    /// Label / value lines with the figures behind the verdict.
    public let figures: [(String, String)]

    public var text: String {
        var lines = ["Scenario \(name): \(summary)", "  attack \(succeeded ? "SUCCEEDED" : "failed")",
                     "  cost   \(Tokens.format(cost)) AI", "  gain   \(Tokens.format(gain)) AI"]
        let width = figures.map(\.0.count).max() ?? 0
        lines += figures.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        return lines.joined(separator: "\n")
    }

    /// The report as JSON: amounts as decimal strings of base units, figures as text.
    public var json: JSONValue {
        .object([
            ("name", .string(name)), ("summary", .string(summary)), ("succeeded", .bool(succeeded)),
            ("cost", .string(String(cost))), ("gain", .string(String(gain))),
            ("figures", .object(figures.map { ($0.0, JSONValue.string($0.1)) })),
        ])
    }
}
