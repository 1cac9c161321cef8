import Dispatch
import ProofmintCore
import ProofmintStorage

/// A produced block whose LMDB commit runs on the producer's commit queue instead of the node's actor, so submissions,
/// reads and the next block's build go on meanwhile (issue 14, point 3). The node holds at most one.
final class PendingCommit: @unchecked Sendable {
    let built: BlockProducer.Built
    /// The map's size before the commit, to log its growth (`Node.noteMapGrowth`).
    let mapSizeBefore: Int
    private let group = DispatchGroup()
    // Written once on the commit queue before `group.leave()`, read only after the group is done.
    private var failure: StorageError?

    /// Starts committing `built` on `queue` at once. `beforeCommit` is a test seam run on the commit queue first (a
    /// throw stands for a failed commit); nil in production.
    init(
        _ built: BlockProducer.Built, store: ChainStore, queue: DispatchQueue, mapSizeBefore: Int,
        beforeCommit: (@Sendable (Block) throws(StorageError) -> Void)? = nil
    ) {
        self.built = built
        self.mapSizeBefore = mapSizeBefore
        group.enter()
        queue.async { [self] in
            do throws(StorageError) {
                try beforeCommit?(built.block)
                try store.commit(built.block, outcome: built.outcome)
            } catch {
                failure = error
            }
            group.leave()
        }
    }

    /// Waits, blocking the caller, until the block is written; its failure, if any. For the node's synchronous paths
    /// (a `pm_mine`, a peer's blocks, a revert), which must start from a settled head.
    func wait() -> StorageError? {
        group.wait()
        return failure
    }

    /// Waits without blocking a thread; its failure, if any.
    func completion() async -> StorageError? {
        await withCheckedContinuation { continuation in
            group.notify(queue: .global()) { continuation.resume(returning: self.failure) }
        }
    }
}
