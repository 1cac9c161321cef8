import ArgumentParser
import Foundation
import ProofmintAudit
import ProofmintNode
import ProofmintStorage

/// `proofmintd export`: a node's chain as a chain file (docs/PROTOCOL.md, "Chain files").
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a node's genesis and blocks to a versioned, checksummed chain file (read-only; the node may run).",
        discussion: """
            The file holds the genesis file byte for byte and blocks --from..--to (default: 1 to the head), each in a \
            checksummed frame, and ends with a frame naming the block count and the last block's hash, so a cut-short \
            or damaged file is always detected. It is written as FILE.partial and renamed when complete. \
            Example: proofmintd export --home devnet-home --out chain.pmc
            """)

    @Option(help: "The node's home directory.")
    var home: String

    @Option(help: "The chain file to write.")
    var out: String

    @Option(help: "First height to export (default 1). A replay needs the chain from 1.")
    var from: UInt64 = 1

    @Option(help: "Last height to export (default: the head).")
    var to: UInt64?

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() throws {
        let store = try CLIError.wrap { try NodeHome(path: home).openStore(options: .init(mapSize: 1 << 30, durability: .full, readOnly: true)) }
        let last = to ?? store.head.height
        guard from >= 1, from <= last, last <= store.head.height else {
            throw CLIError("--from \(from) --to \(last) is not a range of stored blocks (1…\(store.head.height))")
        }
        let end = try CLIError.wrap { try ChainFileWriter.export(from: store, to: out, heights: from...last) }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        if json {
            try printJSON(["file": out, "blocks": end.count, "from": end.firstHeight, "to": end.lastHeight, "last_hash": end.lastHash.hex, "bytes": size])
        } else {
            print("Exported blocks \(end.firstHeight)–\(end.lastHeight) (\(end.count) blocks, \(size) bytes) to \(out)")
        }
    }
}
