import Dispatch
import ProofmintCore

/// Blocks handed out in order with their transactions' signatures checked, the checks started `depth` blocks ahead of
/// the block handed out, so they run on all cores while that block executes. Used by the importer and the replayer.
/// Which signatures are valid depends only on the blocks, never on timing.
public struct SignatureLookahead {
    private enum Entry {
        case block(Block, Future<[SignatureCheck]>)
        /// Reading the next block failed; thrown when its turn comes, so the blocks before it are still handed out.
        case failed(any Error)
    }

    /// Two blocks: with one, a core idled whenever the next block's checks finished before this block's execution.
    public static let defaultDepth = 2

    private let depth: Int
    private var pending: [Entry] = []
    private var exhausted = false

    /// `depth` ≥ 1: how many blocks after the current one have their checks under way.
    public init(depth: Int = defaultDepth) {
        self.depth = Swift.max(1, depth)
    }

    /// The next block from `source` (nil at its end) with what checking each transaction's signatures found.
    public mutating func next(from source: () throws -> Block?) throws -> (block: Block, signatures: [SignatureCheck])? {
        fill(from: source)
        guard !pending.isEmpty else { return nil }
        switch pending.removeFirst() {
        case let .failed(error):
            throw error
        case let .block(block, signatures):
            return (block, signatures.wait())
        }
    }

    /// Starts checks until the block about to be handed out and the `depth` after it are under way.
    private mutating func fill(from source: () throws -> Block?) {
        while !exhausted, pending.count <= depth {
            do {
                guard let block = try source() else {
                    exhausted = true
                    return
                }
                let transactions = block.transactions
                pending.append(.block(block, Future { SignatureBatch.verify(transactions) }))
            } catch {
                pending.append(.failed(error))
                exhausted = true
            }
        }
    }
}
