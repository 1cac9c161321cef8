import ArgumentParser
import Foundation
import ProofmintAudit
import ProofmintCore
import ProofmintCrypto
import ProofmintNode

/// `proofmintd dump-state`: the full state at a height as a canonical, byte-deterministic file (PROTOCOL.md §10.6).
struct DumpStateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump-state",
        abstract: "Write the full state at a height, sorted and byte-deterministic, with its state root and digest (read-only; the node may run).",
        discussion: """
            Two dumps of the same state are the same bytes on any machine. Below the head the state is re-executed \
            from genesis (as `replay` does). `proofmintd init --from-state FILE --chain-id ID` starts a fork from it. \
            Example: proofmintd dump-state --home devnet-home --height 120 --out state-120.pmstate
            """)

    @Option(help: "The node's home directory.")
    var home: String

    @Option(help: "The height whose state to dump (default: the head).")
    var height: UInt64?

    @Option(help: "The file to write (written to a temporary file and renamed into place).")
    var out: String

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() throws {
        let store = try CLIError.wrap { try NodeHome(path: home).openStore(options: .init(mapSize: 1 << 30, durability: .full, readOnly: true)) }
        let dump = try CLIError.wrap { try StateDumper(store: store).dump(at: height) }
        let bytes = dump.encoded()
        try CLIError.wrap { try AtomicFile.write(bytes, to: out, permissions: 0o644, overwrite: true) }
        if json {
            try printJSON([
                "file": out, "chain_id": dump.chainId, "height": dump.height, "block_hash": dump.blockHash.hex,
                "state_root": dump.stateRoot.hex, "entries": dump.entries.count, "digest": dump.digest.hex, "bytes": bytes.count,
            ])
        } else {
            print("Dumped the state of \(dump.chainId) at height \(dump.height) to \(out)")
            print("  state root  \(dump.stateRoot)")
            print("  entries     \(dump.entries.count) (\(bytes.count) bytes)")
            print("  digest      \(dump.digest)")
        }
    }
}
