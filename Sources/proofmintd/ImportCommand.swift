import ArgumentParser
import Foundation
import ProofmintAudit
import ProofmintCore
import ProofmintNode
import ProofmintStorage

/// `proofmintd import`: build a node home from a chain file, verifying every block as it goes.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create a node home from a chain file, re-executing and verifying every block.",
        discussion: """
            The home is built in HOME.importing (locked while the import runs; one left by an interrupted import is \
            removed and reused) and renamed to HOME only when every block has been applied with the \
            full checks (signatures, parent links, roots); on any error the partial home is removed and the error names \
            the byte offset and the last sound block. The imported home has no validator key: start it to serve RPC. \
            Example: proofmintd import --file chain.pmc --home audit-home
            """)

    @Option(help: "The chain file to read.")
    var file: String

    @Option(help: "The node home to create (must not exist).")
    var home: String

    @OptionGroup var indexes: ExplorerIndexesOption

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() throws {
        guard !FileManager.default.fileExists(atPath: home) else { throw CLIError("\(home) already exists; choose a new --home") }
        let staging = try HomeStaging(home: home, purpose: .importing)
        if !staging.removedLeftovers.isEmpty {
            FileHandle.standardError.write(Data("note: removed \(staging.path), left by an interrupted import\n".utf8))
        }
        do {
            let summary = try importChain(into: staging.path)
            try staging.promote(to: home)
            if json {
                try printJSON([
                    "home": home, "blocks": summary.blocks, "height": summary.height, "state_root": summary.root.hex,
                    "explorer_indexes": indexes.explorerIndexes,
                ])
            } else {
                print("Imported \(summary.blocks) blocks into \(home); head \(summary.height), state root \(summary.root)")
            }
        } catch {
            staging.discard()
            throw CLIError("import failed, nothing was kept: \(error)")
        }
    }

    private func importChain(into path: String) throws -> (blocks: Int, height: UInt64, root: Hash32) {
        let reader = try ChainFileReader(path: file)
        var options = ChainStore.Options(mapSize: 1 << 30, durability: .none)
        options.explorerIndexes = indexes.explorerIndexes
        let (_, store) = try NodeHome(path: path).initialize(genesisFile: reader.genesisFile, validatorKey: nil, options: options)
        let importer = BlockImporter(store: store)
        var batch = [Block]()
        var imported = 0
        func flush() throws {
            try importer.importBlocks(batch)
            imported += batch.count
            batch.removeAll(keepingCapacity: true)
        }
        while let block = try reader.nextBlock() {
            batch.append(block)
            if batch.count == 256 { try flush() }
        }
        try flush()
        return (imported, store.head.height, store.head.stateRoot)
    }
}
