import Foundation
import ProofmintCore
import ProofmintStorage

/// Re-executes a chain from its genesis into a fresh in-memory state with the node's own `StateTransition`, checking
/// every producer signature, parent link, timestamp, transaction signature and the transaction, receipt and state
/// roots, and stops at the first block that does not match.
public struct ChainReplayer {
    public var haltAt: UInt64?
    public var keepRoots = false

    public init(haltAt: UInt64? = nil, keepRoots: Bool = false) {
        self.haltAt = haltAt
        self.keepRoots = keepRoots
    }

    /// Replays `genesisFile` then the blocks `next()` yields (nil at the end). `progress` sees each applied height;
    /// `observe` sees every accepted block with its outcome while the store still holds the parent state; once `stop`
    /// says so (asked before each block), the replay ends. Blocks are read a few ahead of the one applied (their
    /// signatures are checked meanwhile), so `stop`, not `next` returning nil, is how a caller ends it at once.
    public func replay(
        genesisFile: Bytes, next: () throws -> Block?, progress: (UInt64, Int) -> Void = { _, _ in },
        observe: (Block, BlockOutcome, MemoryStateStore) throws -> Void = { _, _, _ in }, stop: () -> Bool = { false }
    ) throws -> ReplayReport {
        try replay(genesis: try Genesis.parse(file: genesisFile), next: next, progress: progress, observe: observe, stop: stop)
    }

    /// The same, from a genesis already parsed (the benchmark builds its genesis in code).
    public func replay(
        genesis: Genesis, next: () throws -> Block?, progress: (UInt64, Int) -> Void = { _, _ in },
        observe: (Block, BlockOutcome, MemoryStateStore) throws -> Void = { _, _, _ in }, stop: () -> Bool = { false }
    ) throws -> ReplayReport {
        // A build that verifies Ed25519 otherwise than the chain (PROTOCOL.md §2.1) would replay a different chain.
        try VerificationRule.check()
        let started = ContinuousClock.now
        let (genesisBlock, genesisOutcome) = genesis.genesisBlock()
        let store = MemoryStateStore()
        store.commit(genesisOutcome)
        var parent = genesisBlock.header
        var report = ReplayReport(genesisHash: genesisBlock.hash, stateRoot: parent.stateRoot)
        let digest = Blake2b.Hasher256()
        // The signatures of the next blocks are checked on all cores while this one executes. Nothing is read past
        // the first block above `haltAt`.
        var ahead = SignatureLookahead()
        var pastHalt = false
        while !stop(), let (block, valid) = try ahead.next(from: {
            guard !pastHalt, let block = try next() else { return nil }
            if let haltAt, block.height > haltAt { pastHalt = true }
            return block
        }) {
            if let haltAt, block.height > haltAt {
                report.haltedAt = haltAt
                break
            }
            let result = Self.apply(block, parent: parent, store: store, signatures: valid)
            guard case let .success(outcome) = result else {
                if case let .failure(error) = result { report.mismatch = mismatch(for: error, block: block, parent: parent, store: store) }
                break
            }
            try observe(block, outcome, store)
            store.commit(outcome)
            parent = block.header
            report.blocks += 1
            report.transactions += block.transactions.count
            report.lastHeight = block.height
            report.stateRoot = block.header.stateRoot
            digest.update(block.header.stateRoot.bytes)
            if keepRoots { report.roots.append(block.header.stateRoot) }
            progress(block.height, block.transactions.count)
        }
        report.rootsDigest = (try? Hash32(bytes: digest.finalize())) ?? .zero
        let elapsed = (ContinuousClock.now - started).components
        report.seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        return report
    }

    /// The outcome of `block` on the store's state, or why it is refused.
    private static func apply(_ block: Block, parent: BlockHeader, store: MemoryStateStore, signatures: [SignatureCheck]?) -> Result<BlockOutcome, BlockError> {
        do { return .success(try StateTransition.apply(block, parent: parent, state: store, signatures: signatures)) } catch { return .failure(error) }
    }

    private func mismatch(for error: BlockError, block: Block, parent: BlockHeader, store: MemoryStateStore) -> ReplayReport.Mismatch {
        ReplayReport.Mismatch(explaining: error, block: block, parent: parent, state: store)
    }
}
