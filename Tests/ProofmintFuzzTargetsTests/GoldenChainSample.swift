import Foundation
import ProofmintAudit
import ProofmintCore
import ProofmintFuzzTargets
import ProofmintTestSupport

/// What the seed corpus takes from the golden chain fixture (`Tests/Fixtures/golden-chain.pmc`): its genesis file,
/// its blocks, and their receipts as a replay computes them.
struct GoldenChainSample {
    let genesisFile: Bytes
    let blocks: [Block]
    let receipts: [UInt64: ReceiptList]

    static func read() throws -> GoldenChainSample {
        let reader = try ChainFileReader(path: RepositoryRoot.url.appendingPathComponent("Tests/Fixtures/golden-chain.pmc").path)
        var blocks: [Block] = []
        var receipts: [UInt64: ReceiptList] = [:]
        _ = try ChainReplayer().replay(genesisFile: reader.genesisFile, next: { try reader.nextBlock() }, observe: { block, outcome, _ in
            blocks.append(block)
            receipts[block.height] = ReceiptList(outcome.receipts)
        })
        return GoldenChainSample(genesisFile: reader.genesisFile, blocks: blocks, receipts: receipts)
    }

    /// The first transaction of each payload kind, named `tx-<kind>-<height>-<index>.bin`.
    var sampleTransactions: [(name: String, height: UInt64, signed: SignedTransaction)] {
        var seen = Set<String>()
        var out: [(name: String, height: UInt64, signed: SignedTransaction)] = []
        for block in blocks {
            for (index, signed) in block.transactions.enumerated() {
                let kind = Self.kind(of: signed)
                guard seen.insert(kind).inserted else { continue }
                out.append(("tx-\(kind)-\(block.height)-\(index).bin", block.height, signed))
            }
        }
        return out
    }

    /// The first block, and each block holding the first transaction of a payload kind.
    var sampleBlocks: [(UInt64, Block)] {
        let heights = Set(sampleTransactions.map(\.height) + blocks.prefix(1).map(\.height))
        return blocks.filter { heights.contains($0.height) }.map { ($0.height, $0) }
    }

    /// A chain file of the genesis and the first `count` blocks, framed as `ChainFileWriter` frames it.
    func shortFile(blocks count: Int) -> Bytes {
        let kept = Array(blocks.prefix(count))
        var end = CanonicalWriter()
        end.u64(UInt64(kept.count))
        end.u64(kept.first?.height ?? 0)
        end.u64(kept.last?.height ?? 0)
        end.fixed((kept.last?.hash ?? .zero).bytes)
        var file = Array("PMCHAIN".utf8) + [0, 0, 1]
        file += ChainFileFrames.frame(kind: 1, payload: genesisFile)
        for block in kept { file += ChainFileFrames.frame(kind: 2, payload: block.canonicalBytes) }
        return file + ChainFileFrames.frame(kind: 3, payload: end.bytes)
    }

    /// The payload's case name, e.g. `transfer`.
    private static func kind(of signed: SignedTransaction) -> String {
        String(String(describing: signed.transaction.payload).prefix { $0 != "(" })
    }
}
