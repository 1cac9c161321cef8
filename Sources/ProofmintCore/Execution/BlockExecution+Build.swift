extension BlockExecution {
    /// Build mode, shared by `propose` and the consensus entry point: includes `candidates` in order and leaves out
    /// (with the reason) any that is not admissible, stopping at the block's transaction count and skipping any that
    /// would pass `maxBytes`. Returns the indexes of the included candidates and of those left out.
    mutating func includeAdmissible(
        _ candidates: [SignedTransaction], signatures valid: [SignatureCheck], maxBytes: Int
    ) throws(BlockError) -> (included: [Int], dropped: [(index: Int, error: TransactionError)]) {
        var included = [Int]()
        var dropped = [(index: Int, error: TransactionError)]()
        var blockBytes = 0
        for (index, transaction) in candidates.enumerated() {
            guard included.count < context.parameters.maxBlockTransactions else { break }
            let size = transaction.encodedSize
            guard blockBytes + size <= maxBytes else { continue }
            do {
                try include(transaction, size: size, signatures: valid[index])
                included.append(index)
                blockBytes += size
            } catch let .stateUnreadable(error) {
                throw .state(error)
            } catch {
                dropped.append((index, error))
            }
        }
        return (included, dropped)
    }
}
