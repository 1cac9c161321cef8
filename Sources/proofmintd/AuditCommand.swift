import ArgumentParser
import Foundation
import ProofmintAudit
import ProofmintCore
import ProofmintNode
import ProofmintStorage

/// `proofmintd audit`: per-block and per-epoch figures of a replayed chain, and reward explanations.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a chain: replay it and report supply, fees, treasury, staking and rewards block by block.",
        subcommands: [AuditReportCommand.self, AuditExplainCommand.self],
        defaultSubcommand: AuditReportCommand.self)
}

struct AuditReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Replay and write blocks.csv, epochs.csv, audit.json and supply.svg into --out DIR (the default audit command).",
        discussion: """
            Checks the supply invariant (issued − burned = Σ balances + staked + unbonding, and the totals equal the \
            records) after every block, and lists any block where it fails. Exit code 2 if the replay finds a mismatch \
            or the invariant fails. Example: proofmintd audit chain.pmc --out audit
            """)

    @OptionGroup var source: ChainSourceOptions

    @Option(help: "Directory for the report files (created if missing).")
    var out: String

    @Option(help: "Stop after this height.")
    var haltAt: UInt64?

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        let (genesis, next, total) = try source.open()
        let bar = ProgressBar(total: total, enabled: !json && isatty(STDERR_FILENO) == 1)
        let report = try CLIError.wrap { try ChainAuditor().audit(genesisFile: genesis, next: next, haltAt: haltAt) { height, _ in bar.update(height) } }
        bar.finish()
        try CLIError.wrap {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try Data(AuditOutput.blocksCSV(report).utf8).write(to: URL(fileURLWithPath: out + "/blocks.csv"))
            try Data(AuditOutput.epochsCSV(report).utf8).write(to: URL(fileURLWithPath: out + "/epochs.csv"))
            try Data(AuditOutput.svg(report).utf8).write(to: URL(fileURLWithPath: out + "/supply.svg"))
        }
        let summary = AuditSummary.json(report)
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try CLIError.wrap { try data.write(to: URL(fileURLWithPath: out + "/audit.json")) }
        if json { try printJSON(summary) } else { print(AuditSummary.text(report, out: out)) }
        if !report.replay.ok || !report.invariantViolations.isEmpty { throw ExitCode(2) }
    }
}

struct AuditExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a provider's reward in one epoch, re-derived from the blocks to the base unit.",
        discussion: """
            Lists every receipt the provider had accepted in the epoch (units, quality and tier multipliers, weight), \
            the epoch's total weight, emission and reward pool, and reward = ⌊(minted + pool) × weight / total weight⌋, \
            checked against what the settlement recorded. An epoch in which no provider had work mints and pays nothing, \
            and is reported as consistent. Without --epoch, the latest settled epoch in which the provider had accepted \
            work is explained. Exit code 2 if the settlement and the re-derivation disagree. \
            Example: proofmintd audit explain pm1… --epoch 3 chain.pmc
            """)

    @Argument(help: "The provider's pm1… address.")
    var address: String

    @Option(help: "The epoch (default: the latest settled epoch in which the provider had accepted work).")
    var epoch: UInt64?

    @OptionGroup var source: ChainSourceOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let provider = try CLIError.wrap { try Address(text: address) }
        let (genesis, next, _) = try source.open()
        let explanation: RewardExplanation
        if let epoch {
            explanation = try CLIError.wrap { try RewardExplanation.derive(provider: provider, epoch: epoch, genesisFile: genesis, next: next) }
            guard explanation.settlement != nil else { throw CLIError("epoch \(epoch) has not settled in this chain") }
        } else {
            let latest = try CLIError.wrap { try RewardExplanation.deriveLatest(provider: provider, genesisFile: genesis, next: next) }
            guard let latest else {
                throw CLIError("\(provider) had no accepted work in any settled epoch of this chain; give --epoch N to explain another epoch")
            }
            explanation = latest
        }
        if json { try printJSON(AuditSummary.json(explanation)) } else { print(AuditSummary.text(explanation)) }
        if !explanation.consistent { throw ExitCode(2) }
    }
}
