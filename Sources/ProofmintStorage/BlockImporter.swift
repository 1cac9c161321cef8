import Dispatch
import Foundation
import ProofmintCore

/// Applies a sequence of blocks to a store as fast as two cores allow, in three overlapping stages:
/// the signatures of blocks N+1 and N+2 are checked while block N executes, and block N is written to LMDB on a
/// background thread while block N+1 executes on top of N's not-yet-committed writes.
/// Every block still goes through `StateTransition.apply` and commits in its own write transaction.
public final class BlockImporter {
    /// Time spent per stage, summed over the blocks.
    public struct Statistics: Sendable {
        public var blocks = 0
        public var transactions = 0
        public var applyTime = Duration.zero
        public var commitTime = Duration.zero
        public init() {}
    }

    public enum ImportError: Error, CustomStringConvertible {
        case invalidBlock(height: UInt64, BlockError)
        case storage(height: UInt64, StorageError)

        public var description: String {
            switch self {
            case let .invalidBlock(height, error): return "block \(height) is invalid: \(error)"
            case let .storage(height, error): return "block \(height) could not be stored: \(error)"
            }
        }
    }

    private let store: ChainStore
    private let commitQueue = DispatchQueue(label: "proofmint.import.commit")
    public private(set) var statistics = Statistics()
    /// Test seam: runs on the commit thread just before a block is written; a throw stands for the process dying
    /// between a block's execution and its commit (the block is not written and the import stops at its height).
    /// Internal, so only `@testable` tests can set it; nil in production.
    var beforeCommit: (@Sendable (Block) throws(StorageError) -> Void)?

    public init(store: ChainStore) { self.store = store }

    /// Imports `blocks` (which must continue the store's head) and returns when the last one is committed.
    public func importBlocks(_ blocks: [Block], progress: (Block) -> Void = { _ in }) throws {
        guard !blocks.isEmpty else { return }
        var parent = store.head
        let inFlight = CommitSlot()
        var remaining = blocks[...]
        var ahead = SignatureLookahead()
        while let (block, valid) = try ahead.next(from: { remaining.popFirst() }) {
            let started = ContinuousClock.now
            let pending = inFlight.outcome
            let outcome: BlockOutcome
            do {
                outcome = try store.withSnapshot { snapshot in
                    try StateTransition.apply(
                        block, parent: parent, state: LayeredState(base: snapshot, outcomes: pending.map { [$0] } ?? []),
                        signatures: valid)
                }
            } catch let error as BlockError {
                _ = try inFlight.wait()
                throw ImportError.invalidBlock(height: block.height, error)
            }
            statistics.applyTime += ContinuousClock.now - started
            statistics.commitTime += try inFlight.wait()
            inFlight.start(on: commitQueue, store: store, block: block, outcome: outcome, beforeCommit: beforeCommit)
            statistics.blocks += 1
            statistics.transactions += block.transactions.count
            parent = block.header
            progress(block)
        }
        statistics.commitTime += try inFlight.wait()
    }
}

/// The one block being committed in the background, if any.
private final class CommitSlot: @unchecked Sendable {
    private let group = DispatchGroup()
    private var error: BlockImporter.ImportError?
    private var duration = Duration.zero
    private(set) var outcome: BlockOutcome?

    func start(
        on queue: DispatchQueue, store: ChainStore, block: Block, outcome: BlockOutcome,
        beforeCommit: (@Sendable (Block) throws(StorageError) -> Void)? = nil
    ) {
        self.outcome = outcome
        group.enter()
        queue.async { [self] in
            let started = ContinuousClock.now
            do throws(StorageError) {
                try beforeCommit?(block)
                try store.commit(block, outcome: outcome)
            } catch {
                self.error = .storage(height: block.height, error)
            }
            duration = ContinuousClock.now - started
            group.leave()
        }
    }

    /// Waits for the commit in flight, rethrows its failure, and returns how long it took.
    func wait() throws -> Duration {
        group.wait()
        outcome = nil
        defer { duration = .zero }
        if let error {
            self.error = nil
            throw error
        }
        return duration
    }
}
