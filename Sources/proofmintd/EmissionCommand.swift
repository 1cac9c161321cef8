import ArgumentParser
import Foundation
import ProofmintCore

struct EmissionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emission",
        abstract: "Print the Proof-of-Compute emission schedule as the code computes it (docs/EMISSION.md is its --markdown output).")

    @Option(help: "How many years to show.")
    var years: UInt64 = 25

    @Option(help: "Blocks in one year (the default is one block a second for 365 days).")
    var blocksPerYear: UInt64 = 31_536_000

    @Option(help: "Blocks in one epoch; must divide --blocks-per-year.")
    var epochLength: UInt64 = 60

    @Flag(help: "Print the Markdown page docs/EMISSION.md.")
    var markdown = false

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard (1...1000).contains(years) else { throw ValidationError("--years must be between 1 and 1000") }
        guard EmissionSchedule.seedDefaults(blocksPerYear: blocksPerYear, epochLength: epochLength) != nil else {
            throw ValidationError("--epoch-length must be at least 1 and divide --blocks-per-year exactly")
        }
    }

    func run() throws {
        guard let schedule = EmissionSchedule.seedDefaults(blocksPerYear: blocksPerYear, epochLength: epochLength) else { return }
        if markdown {
            print(EmissionTable.markdown(schedule, years: years, blocksPerYear: blocksPerYear, epochLength: epochLength), terminator: "")
        } else if json {
            try printJSON(schedule.yearlyTable(years: years).map { row in
                [
                    "year": row.year, "scheduled": String(row.scheduled), "cumulative_scheduled": String(row.cumulativeScheduled),
                    "cumulative_minted": String(row.cumulativeMinted),
                ] as [String: Any]
            })
        } else {
            print("year  scheduled AI     cumulative AI    minted under cap AI")
            for row in schedule.yearlyTable(years: years) {
                print(
                    String(row.year).padding(toLength: 6, withPad: " ", startingAt: 0)
                        + Tokens.format(row.scheduled).padding(toLength: 17, withPad: " ", startingAt: 0)
                        + Tokens.format(row.cumulativeScheduled).padding(toLength: 17, withPad: " ", startingAt: 0)
                        + Tokens.format(row.cumulativeMinted))
            }
        }
    }
}
