import Dispatch
import Foundation
import ProofmintCore

/// Applies a sequence of blocks to a store as fast as two cores allow, in three overlapping stages:
/// the signatures of blocks N+1 and N+2 are checked while block N executes, and the blocks already executed are
/// written to LMDB on a background thread while the next ones execute on top of their not-yet-committed writes
/// (`GroupCommit`: a block waiting for the disk joins the next write transaction instead of waiting).
/// Every block still goes through `StateTransition.apply`; every block before a refused one is committed.
public final class BlockImporter {
    /// Time spent per stage, summed over the blocks.
    public struct Statistics: Sendable {
        public var blocks = 0
        public var transactions = 0
        /// Write transactions: fewer than `blocks` when blocks were committed in runs.
        public var commits = 0
        public var applyTime = Duration.zero
        public var commitTime = Duration.zero
        /// Each write transaction in order: how many blocks it held, how long it took (how a commit's cost moves as
        /// the chain grows; the benchmark's first and last fifth) and when it ended (the benchmark's steady rate).
        public var commitRuns: [(blocks: Int, time: Duration, ended: ContinuousClock.Instant)] = []
        public init() {}
    }

    public enum ImportError: Error, CustomStringConvertible {
        case invalidBlock(height: UInt64, BlockError)
        /// The commit of a run starting at `height` failed; nothing from `height` on was written.
        case storage(height: UInt64, StorageError)

        public var description: String {
            switch self {
            case let .invalidBlock(height, error): return "block \(height) is invalid: \(error)"
            case let .storage(height, error): return "block \(height) could not be stored: \(error)"
            }
        }
    }

    /// Most blocks one commit writes: bounds what waits in memory and how many outcomes a read searches.
    public static let defaultMaxRun = 4

    private let store: ChainStore
    private let maxRun: Int
    private let commitQueue = DispatchQueue(label: "proofmint.import.commit")
    public private(set) var statistics = Statistics()
    /// Test seam: runs on the commit thread for each block of a run, in order, before the run's transaction opens; a
    /// throw stands for the process dying between execution and commit (nothing of that run is written, and the import
    /// stops at the run's first block).
    /// Internal, so only `@testable` tests can set it; nil in production.
    var beforeCommit: (@Sendable (Block) throws(StorageError) -> Void)?

    /// `maxRun` 1 commits every block in its own transaction (for comparison; the benchmark's `--max-run`).
    public init(store: ChainStore, maxRun: Int = defaultMaxRun) {
        self.store = store
        self.maxRun = max(1, maxRun)
    }

    /// Imports `blocks` (which must continue the store's head) and returns when the last one is committed. On a
    /// refused block or a failed commit, the blocks before it are committed first, then the error is thrown.
    /// `progress` is called as each block has executed (its commit may still be pending).
    public func importBlocks(_ blocks: [Block], progress: (Block) -> Void = { _ in }) throws {
        guard !blocks.isEmpty else { return }
        let commits = GroupCommit(store: store, queue: commitQueue, maxRun: maxRun, beforeCommit: beforeCommit)
        defer {
            statistics.commitTime += commits.commitTime
            statistics.commits += commits.commits
            statistics.commitRuns += commits.runs
        }
        do {
            var parent = store.head
            var remaining = blocks[...]
            var ahead = SignatureLookahead()
            while let (block, valid) = try ahead.next(from: { remaining.popFirst() }) {
                let started = ContinuousClock.now
                let outcome = try apply(block, parent: parent, signatures: valid, on: commits.uncommitted)
                statistics.applyTime += ContinuousClock.now - started
                try commits.add(block, outcome: outcome)
                statistics.blocks += 1
                statistics.transactions += block.transactions.count
                parent = block.header
                progress(block)
            }
        } catch {
            // What executed before the failure is still committed; a failed commit of its own is reported first.
            try commits.finish()
            throw error
        }
        try commits.finish()
    }

    /// Executes `block` over the committed state with `uncommitted` laid on top.
    private func apply(_ block: Block, parent: BlockHeader, signatures: [SignatureCheck], on uncommitted: [BlockOutcome]) throws -> BlockOutcome {
        do {
            return try store.withSnapshot { snapshot in
                try StateTransition.apply(
                    block, parent: parent, state: LayeredState(base: snapshot, outcomes: uncommitted), signatures: signatures)
            }
        } catch let error as BlockError {
            throw ImportError.invalidBlock(height: block.height, error)
        }
    }
}
