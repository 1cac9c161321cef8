import ArgumentParser
import ProofmintWallet

/// `dev time`: read or move the node's block clock.
struct DevTimeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "time",
        abstract: "Show the node's block clock, move it forward, or set the next block's timestamp.",
        discussion: """
            Examples: proofmint dev time --increase 3600s      (every later block is an hour later)
                      proofmint dev time --next 2027-01-01T00:00:00Z   (the next block's timestamp, once)
            """)

    @Option(name: .customLong("increase"), help: ArgumentHelp(
        "Move the clock forward: milliseconds, or with a unit (90s, 15m, 2h, 3d).", valueName: "DURATION"))
    var increase: String?

    @Option(name: .customLong("next"), help: ArgumentHelp(
        "The next block's timestamp: Unix milliseconds or RFC 3339 (2027-01-01T00:00:00Z); not before the head's.", valueName: "TIME"))
    var next: String?

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try nodeOptions.client(WalletEnvironment())
        var clock = try await client.call(Calls.IncreaseTime.self, IncreaseTimeParams(milliseconds: try Self.milliseconds(increase ?? "0")))
        if let next {
            clock = try await client.call(Calls.SetNextBlockTimestamp.self, NextTimestampParams(timestamp: try Self.timestamp(next)))
        }
        var rows = [("clock", Formatting.timestamp(milliseconds: clock.now)), ("ahead of the wall", "\(clock.offsetMs) ms")]
        if let pinned = clock.nextTimestamp { rows.append(("next block", Formatting.timestamp(milliseconds: pinned))) }
        output.console.result(clock.json, text: Console.table(rows, indent: 0))
    }

    /// `1500`, `90s`, `15m`, `2h`, `3d` as milliseconds.
    static func milliseconds(_ text: String) throws -> UInt64 {
        let units: [(String, UInt64)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        let (digits, factor) = units.first { text.hasSuffix($0.0) && UInt64(text.dropLast($0.0.count)) != nil }
            .map { (String(text.dropLast($0.0.count)), $0.1) } ?? (text, 1)
        guard let value = UInt64(digits) else { throw ValidationError("'\(text)' is not a duration: write milliseconds or 90s, 15m, 2h, 3d") }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw ValidationError("'\(text)' is too long a duration") }
        return product
    }

    /// Unix milliseconds or RFC 3339.
    static func timestamp(_ text: String) throws -> UInt64 {
        if let milliseconds = UInt64(text) { return milliseconds }
        guard let milliseconds = RFC3339.unixMilliseconds(text) else {
            throw ValidationError("'\(text)' is not a time: write Unix milliseconds or RFC 3339 (2027-01-01T00:00:00Z)")
        }
        return milliseconds
    }
}
