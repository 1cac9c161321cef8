import Foundation
import ProofmintStorage

/// What a devnet snapshot costs (`--snapshot`): the undo records the blocks after it left, and the revert to it.
struct RevertCost {
    let undoBytesPerBlock: Double
    let revertSeconds: Double
    /// Whether the revert gave back the snapshot's state root, and the store then passed `inspect --verify`.
    let exact: Bool

    /// Measures on `store`, which holds the snapshot `bench` and `blocks` blocks above it; reverts it.
    static func measure(_ store: ChainStore, blocks: Int) throws -> RevertCost {
        let footprint = try store.undoFootprint()
        let start = ContinuousClock.now
        let outcome = try store.revert(to: "bench")
        let seconds = (ContinuousClock.now - start).seconds
        let consistent = try store.verify().isConsistent
        let exact = outcome.header.stateRoot == outcome.snapshot.stateRoot && consistent
        return RevertCost(undoBytesPerBlock: Double(footprint.bytes) / Double(max(blocks, 1)), revertSeconds: seconds, exact: exact)
    }
}
