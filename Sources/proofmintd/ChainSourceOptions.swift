import ArgumentParser
import ProofmintAudit
import ProofmintCore
import ProofmintNode
import ProofmintStorage

/// Where the blocks come from: a chain file or a node home.
struct ChainSourceOptions: ParsableArguments {
    @Argument(help: "A chain file written by `proofmintd export`.")
    var file: String?

    @Option(help: "Read the blocks stored in this node home instead of a file (read-only; the node may run).")
    var home: String?

    func validate() throws {
        guard (file == nil) != (home == nil) else { throw ValidationError("give either a chain FILE or --home DIR") }
    }

    /// The genesis file, a block source and the number of blocks when known.
    func open() throws -> (genesis: Bytes, next: () throws -> Block?, total: UInt64?) {
        if let file {
            let reader = try CLIError.wrap { try ChainFileReader(path: file) }
            return (reader.genesisFile, { try reader.nextBlock() }, nil)
        }
        let store = try CLIError.wrap { try NodeHome(path: home ?? "").openStore(options: .init(mapSize: 1 << 30, durability: .full, readOnly: true)) }
        guard let genesis = try store.genesisFile() else { throw CLIError("the home holds no genesis file") }
        let head = store.head.height
        var height: UInt64 = 0
        return (genesis, {
            guard height < head else { return nil }
            height += 1
            return try store.block(at: height)
        }, head)
    }
}
