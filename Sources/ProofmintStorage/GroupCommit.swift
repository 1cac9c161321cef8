import Dispatch
import ProofmintCore

/// The importer's writes: one run of blocks is committed on a background thread while the next blocks execute, and
/// the blocks executed meanwhile queue into the next run. When execution keeps ahead of the disk, runs grow (to at most
/// `maxRun` blocks, `BlockImporter.defaultMaxRun`): each costs one write transaction and one pair of fsyncs, and LMDB
/// copies the pages its blocks share once. When the disk keeps up, every block is a run of its own. A run is one
/// transaction, so a crash loses whole runs after the last committed one, never part of a block.
final class GroupCommit: @unchecked Sendable {
    private let maxRun: Int
    private let store: ChainStore
    private let queue: DispatchQueue
    private let beforeCommit: (@Sendable (Block) throws(StorageError) -> Void)?
    private let group = DispatchGroup()
    private var running = false
    private var inFlight = BlockRun()
    private var queued = BlockRun()
    /// Written on the commit thread before `group.leave()`, read after `group.wait()`.
    private var failure: BlockImporter.ImportError?
    private var duration = Duration.zero
    private var ended = ContinuousClock.now

    private(set) var commitTime = Duration.zero
    private(set) var commits = 0
    /// Each finished write transaction: its blocks, its time and when it ended.
    private(set) var runs: [(blocks: Int, time: Duration, ended: ContinuousClock.Instant)] = []

    init(store: ChainStore, queue: DispatchQueue, maxRun: Int, beforeCommit: (@Sendable (Block) throws(StorageError) -> Void)?) {
        self.maxRun = maxRun
        self.store = store
        self.queue = queue
        self.beforeCommit = beforeCommit
    }

    /// The outcomes not yet committed, oldest first: what the next block executes on.
    var uncommitted: [BlockOutcome] { inFlight.outcomes + queued.outcomes }

    /// Queues an applied block. Starts a commit of the queue at once if none is running; waits for the running one
    /// only when the queue is full. Throws the failure of a commit that has ended.
    func add(_ block: Block, outcome: BlockOutcome) throws(BlockImporter.ImportError) {
        queued.append(block, outcome: outcome)
        if running, queued.count < maxRun, group.wait(timeout: .now()) == .timedOut { return }
        try wait()
        start()
    }

    /// Commits everything queued and returns when it is written.
    func finish() throws(BlockImporter.ImportError) {
        try wait()
        guard !queued.isEmpty else { return }
        start()
        try wait()
    }

    private func start() {
        let run = queued
        queued = BlockRun()
        inFlight = run
        running = true
        commits += 1
        group.enter()
        queue.async { [self] in
            let started = ContinuousClock.now
            do throws(StorageError) {
                for entry in run.blocks { try beforeCommit?(entry.block) }
                try store.commit(run: run.blocks)
            } catch {
                // Nothing of the run was written: the import resumes at its first block.
                failure = .storage(height: run.firstHeight ?? 0, error)
            }
            ended = ContinuousClock.now
            duration = ended - started
            group.leave()
        }
    }

    /// Waits for the running commit, if any; on its failure drops the queue (its blocks build on the lost run).
    private func wait() throws(BlockImporter.ImportError) {
        guard running else { return }
        group.wait()
        running = false
        runs.append((inFlight.blocks.count, duration, ended))
        inFlight = BlockRun()
        commitTime += duration
        if let failure {
            self.failure = nil
            queued = BlockRun()
            throw failure
        }
    }
}
