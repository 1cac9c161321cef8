import ArgumentParser
import Foundation
import ProofmintCore
import ProofmintNode
import ProofmintStorage

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a node home holds (head, genesis, supply), or one block with --height. Read-only; the node may be running.")

    @Option(help: "The node's home directory.")
    var home: String

    @Option(help: "Show this block in full.")
    var height: UInt64?

    @Flag(help: """
        Check the whole store: every record's checksum in every table; every block from genesis to the head (it decodes, \
        its hash is indexed at its height, it links to its parent, its transactions and receipts match its header's roots, \
        its producer's signature verifies); every transaction's index entry; and the state root recomputed from every \
        entry against the stored tree and the head header. Exits 2 if anything is wrong.
        """)
    var verify = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        var options = ChainStore.Options(mapSize: 1 << 30, durability: .full, readOnly: true)
        options.toleratesDamagedHead = verify  // --verify reads the head block itself, and reports it if damaged
        let store = try CLIError.wrap { try NodeHome(path: home).openStore(options: options) }
        if verify {
            try verifyState(store)
            return
        }
        if let height {
            guard let block = try store.block(at: height) else { throw CLIError("no block at height \(height); the head is \(store.head.height)") }
            let receipts = try store.receipts(at: height) ?? []
            try printJSON(BlockInspection.json(block, receipts: receipts))
            return
        }
        let head = store.head
        let (totals, parameters, validators) = try store.withSnapshot { snapshot in
            (try snapshot.totals(), try snapshot.parameters(), try snapshot.validatorSet())
        }
        let genesisHash = try store.block(at: 0)?.hash.hex ?? ""
        if json {
            try printJSON([
                "chain_id": head.chainId, "genesis_hash": genesisHash, "height": head.height, "head_hash": head.hash.hex,
                "state_root": head.stateRoot.hex, "issued": String(totals.issued), "burned": String(totals.burned),
                "supply": String(totals.supply), "fees_paid": String(totals.feesPaid),
                "validators": validators.validators.map { ["name": $0.name, "public_key": $0.publicKey.bytes.hex] },
                "min_fee": String(parameters.minFee), "map_size": store.mapSize, "explorer_indexes": store.keepsExplorerIndexes,
            ])
        } else {
            print("chain id      \(head.chainId)")
            print("genesis hash  \(genesisHash)")
            print("head          \(head.height)  \(head.hash)")
            print("state root    \(head.stateRoot)")
            print("supply        \(Tokens.format(totals.supply)) AI  (issued \(Tokens.format(totals.issued)), burned \(Tokens.format(totals.burned)))")
            print("fees paid     \(Tokens.format(totals.feesPaid)) AI")
            print("validators    \(validators.validators.map(\.name).joined(separator: ", "))")
            print("explorer      \(store.keepsExplorerIndexes ? "supply and account histories kept" : "no histories kept (--no-explorer-indexes)")")
        }
    }
}

extension InspectCommand {
    private func verifyState(_ store: ChainStore) throws {
        let report = try store.verify()
        if json {
            try printJSON(VerifyReport.json(report))
        } else {
            VerifyReport.print(report)
        }
        if !report.isConsistent { throw ExitCode(2) }
    }
}

/// A block with its receipts, for `inspect --height`.
enum BlockInspection {
    static func json(_ block: Block, receipts: [Receipt]) -> [String: Any] {
        [
            "hash": block.hash.hex, "height": block.height, "state_root": block.header.stateRoot.hex,
            "timestamp": block.header.timestamp, "transactions": block.transactions.count,
            "receipts": receipts.map { ["id": $0.transactionId.hex, "status": TransactionError.name(forCode: $0.code)] },
        ]
    }
}
