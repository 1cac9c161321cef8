import ArgumentParser
import Foundation
import ProofmintAudit
import ProofmintCore
import ProofmintNode
import ProofmintStorage

/// `proofmintd replay`: re-execute a chain from genesis and stop at the first block that does not match.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-execute a chain file (or a node home's blocks) from genesis into a fresh state and check every block.",
        discussion: """
            Every block is applied with this build's state transition to a temporary in-memory state: producer \
            signature, parent link, timestamp, transaction signatures, transaction root, receipts and state root. At \
            the first mismatch it stops and reports the height, the transaction index (for a refused transaction), the \
            expected and computed roots and, for a root mismatch, the state entries the block writes as this build \
            executes it, decoded. Exit code 0 when everything matches, 2 at a mismatch. \
            Examples: proofmintd replay chain.pmc   proofmintd replay --home devnet-home --halt-at 500 --json
            """)

    @OptionGroup var source: ChainSourceOptions

    @Option(help: "Stop after this height.")
    var haltAt: UInt64?

    @Flag(help: "Include every block's state root in the JSON report.")
    var roots = false

    @Flag(help: "Print the report as JSON (and no progress bar).")
    var json = false

    func run() throws {
        let (genesisFile, next, total) = try source.open()
        let bar = ProgressBar(total: total, enabled: !json && isatty(STDERR_FILENO) == 1)
        let report = try CLIError.wrap {
            try ChainReplayer(haltAt: haltAt, keepRoots: roots).replay(genesisFile: genesisFile, next: next) { height, _ in bar.update(height) }
        }
        bar.finish()
        if json { try printJSON(ReplayOutput.json(report)) } else { print(ReplayOutput.text(report)) }
        if !report.ok { throw ExitCode(2) }
    }
}
