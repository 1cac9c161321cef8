import ArgumentParser
import Foundation
import ProofmintAudit
import ProofmintNode
import ProofmintStorage

/// `proofmintd diff`: where two node homes' chains part, and what differs.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Find the first block at which two node homes' state roots differ, and list the state entries that differ.",
        discussion: """
            Bisects over the stored headers (each state root commits to the whole state, so after the first difference \
            every root differs), says whether the two blocks there carry the same transactions (then the rules differ, \
            not the input) or that the genesis differs (then they are two different chains), and lists, decoded, the state entries that differ between the two homes now. Read-only; \
            the nodes may run. Exit code 0 if the chains agree up to the lower head, 2 if they diverge. \
            Example: proofmintd diff node-a node-b
            """)

    @Argument(help: "The first node home.")
    var homeA: String

    @Argument(help: "The second node home.")
    var homeB: String

    @Option(help: "List at most this many differing entries.")
    var limit = 100

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let options = ChainStore.Options(mapSize: 1 << 30, durability: .full, readOnly: true)
        let a = try CLIError.wrap { try NodeHome(path: homeA).openStore(options: options) }
        let b = try CLIError.wrap { try NodeHome(path: homeB).openStore(options: options) }
        let report = try CLIError.wrap { try DivergenceFinder.compare(a, b, maxEntries: limit) }
        if json {
            try printJSON([
                "same_genesis": report.sameGenesis, "height_a": report.heights.a, "height_b": report.heights.b,
                "first_divergent_height": report.firstDivergentHeight.map { $0 as Any } ?? NSNull(),
                "root_a": report.roots.map { $0.a.hex as Any } ?? NSNull(), "root_b": report.roots.map { $0.b.hex as Any } ?? NSNull(),
                "same_transactions": report.sameTransactions.map { $0 as Any } ?? NSNull(),
                "differing_entries": report.differingEntries.map { ["key": $0.key, "a": $0.a, "b": $0.b] },
            ])
        } else {
            print("heads         \(report.heights.a) and \(report.heights.b)\(report.sameGenesis ? "" : "; DIFFERENT GENESIS")")
            if !report.sameGenesis {
                print("the genesis differs: these homes hold two different chains, so no block is shared (compare homes made from the same genesis file)")
            } else if let height = report.firstDivergentHeight, let roots = report.roots {
                print("diverge at    block \(height): state roots \(roots.a) and \(roots.b)")
                if let same = report.sameTransactions {
                    print(same ? "              same transactions: the rules differ, not the input" : "              the blocks carry different transactions")
                }
            } else {
                print("no divergence up to block \(min(report.heights.a, report.heights.b))")
            }
            for entry in report.differingEntries { print("  \(entry.key)\n    a: \(entry.a)\n    b: \(entry.b)") }
        }
        if report.firstDivergentHeight != nil { throw ExitCode(2) }
    }
}
