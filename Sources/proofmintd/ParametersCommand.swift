import ArgumentParser
import Foundation
import ProofmintCore

/// `proofmintd parameters`: the governable parameters, their defaults and bounds (docs/PARAMETERS.md).
struct ParametersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parameters",
        abstract: "List the governable parameters with defaults and bounds (docs/PARAMETERS.md is its --markdown output).")

    @Flag(help: "Print the Markdown page docs/PARAMETERS.md.")
    var markdown = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        if markdown {
            print(ParameterTable.markdown(), terminator: "")
        } else if json {
            try printJSON(ParameterRegistry.all.map { spec in
                [
                    "name": spec.name, "unit": spec.unit.rawValue, "default": String(spec.value(in: .defaults)),
                    "minimum": String(spec.minimum), "maximum": String(spec.maximum), "meaning": spec.summary,
                ] as [String: Any]
            })
        } else {
            let width = ParameterRegistry.all.map(\.name.count).max() ?? 0
            for spec in ParameterRegistry.all {
                print(spec.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                    + "\(spec.value(in: .defaults)) (\(spec.minimum)…\(spec.maximum) \(spec.unit.rawValue))")
            }
        }
    }
}
