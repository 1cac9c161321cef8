import ProofmintCore
import ProofmintStorage

/// What `StateTransition.apply` costs on one core with nothing else running: the second block applied on the first
/// one's uncommitted outcome laid over the committed state, as the importer's pipeline applies it, its signatures
/// checked beforehand. The pipelined figure ("apply ms/block") is wall time shared with the signature checks and the
/// commit on two cores; this one is the work itself, so a change to execution shows here above the runs' spread.
struct ApplyCost {
    /// The best and the median of `repeats` applications, in milliseconds.
    let bestMilliseconds: Double
    let medianMilliseconds: Double
    let transactions: Int

    static let repeats = 5

    /// Nil with fewer than two blocks.
    static func measure(_ blocks: [Block], store: ChainStore) throws -> ApplyCost? {
        guard blocks.count >= 2 else { return nil }
        let (first, second) = (blocks[0], blocks[1])
        let checks = SignatureBatch.verify(second.transactions)
        let times = try store.withSnapshot { snapshot in
            let layer = try StateTransition.apply(first, parent: store.head, state: snapshot)
            return try (0..<repeats).map { _ in
                let state = LayeredState(base: snapshot, outcomes: [layer])
                let start = ContinuousClock.now
                let outcome = try StateTransition.apply(second, parent: first.header, state: state, signatures: checks)
                let elapsed = (ContinuousClock.now - start).milliseconds
                guard outcome.header == second.header else {
                    throw BenchmarkOptions.Invalid(description: "block \(second.height) applied to a different header")
                }
                return elapsed
            }
        }.sorted()
        return ApplyCost(bestMilliseconds: times[0], medianMilliseconds: times[repeats / 2], transactions: second.transactions.count)
    }

    /// The report's line.
    var line: String {
        let perTransfer = 1_000 * bestMilliseconds / Double(max(transactions, 1))
        return String(
            format: "apply on one core alone (block 2 on block 1's uncommitted outcome, signatures checked beforehand): best %.0f ms, median %.0f ms of %d; %.1f µs a transaction",
            bestMilliseconds, medianMilliseconds, Self.repeats, perTransfer)
    }
}
