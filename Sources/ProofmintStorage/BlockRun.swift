import ProofmintCore

/// Consecutive blocks executed but not yet committed, with their outcomes: what one group commit writes
/// (`ChainStore.commit(run:)`), and what the next block executes on.
struct BlockRun: Sendable {
    private(set) var blocks: [(block: Block, outcome: BlockOutcome)] = []

    var isEmpty: Bool { blocks.isEmpty }
    var count: Int { blocks.count }
    var firstHeight: UInt64? { blocks.first?.block.height }
    var outcomes: [BlockOutcome] { blocks.map(\.outcome) }

    mutating func append(_ block: Block, outcome: BlockOutcome) { blocks.append((block, outcome)) }
}
