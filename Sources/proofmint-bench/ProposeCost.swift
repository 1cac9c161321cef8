import ProofmintBenchSupport
import ProofmintCore
import ProofmintStorage

/// What the producer's proposal of one block costs with the signatures checked again (the path a block's candidates
/// took before issue 14, point 2) and with them checked once, at admission (`VerifiedTransaction`).
struct ProposeCost {
    let checkedMilliseconds: Double
    let verifiedMilliseconds: Double

    /// Proposes `block`'s transactions on the head state of `store` both ways (the verified wrappers are made
    /// beforehand, as admission makes them), and checks that both give the same header.
    static func measure(_ block: Block, store: ChainStore, beacon: BlockBeacon) throws -> ProposeCost {
        let verified = block.transactions.compactMap(VerifiedTransaction.init(verifying:))
        let parent = store.head
        return try store.withSnapshot { snapshot in
            let checkedStart = ContinuousClock.now
            let checked = try StateTransition.propose(
                candidates: block.transactions, parent: parent, timestamp: block.header.timestamp, beacon: beacon, state: snapshot)
            let checkedTime = ContinuousClock.now - checkedStart
            let verifiedStart = ContinuousClock.now
            let fast = try StateTransition.propose(
                verified: verified, parent: parent, timestamp: block.header.timestamp, beacon: beacon, state: snapshot)
            let verifiedTime = ContinuousClock.now - verifiedStart
            guard fast.header == checked.header else {
                throw BenchmarkOptions.Invalid(description: "the two proposals of block \(block.height) differ")
            }
            return ProposeCost(checkedMilliseconds: checkedTime.milliseconds, verifiedMilliseconds: verifiedTime.milliseconds)
        }
    }
}
