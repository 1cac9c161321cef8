import ArgumentParser
import ProofmintCore

/// `proofmintd`: the Proofmint node.
@main
struct Proofmintd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proofmintd",
        abstract: "The Proofmint node: produces and serves a Proof-of-Compute token chain.",
        discussion: """
            Quick start (devnet):
              proofmintd init --genesis genesis/devnet.json --home ./devnet-home --dev-validator 0
              proofmintd start --home ./devnet-home
            """,
        version: "proofmintd " + ProofmintVersion.text,
        subcommands: [InitCommand.self, StartCommand.self, InspectCommand.self, EmissionCommand.self, ParametersCommand.self, SimulateCommand.self, ExportCommand.self, ImportCommand.self, DumpStateCommand.self, ReplayCommand.self, AuditCommand.self, DiffCommand.self, ABCICommand.self])
}
