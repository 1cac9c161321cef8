import Foundation
import ProofmintCore

/// The last few committed blocks as the store wrote them, so that reading a block just committed (what a client
/// following the head asks for, block after block) neither copies its record out of LMDB nor decodes and hashes its
/// transactions again: geth's block cache does the same. Bounded by count (two: a follower reads each new block once,
/// right after it is committed) and by the blocks' encoded transaction bytes, so its memory does not follow
/// `max_block_bytes` up (governance may raise that to 64 MiB a block). A decoded block of 10,000 transfers took about
/// 15 MiB (2 MiB encoded) before each transaction also kept its 2 MiB of signed bytes, so two of them add about 35 MiB
/// to a busy node's anonymous memory.
final class RecentBlocks: @unchecked Sendable {
    let capacity: Int
    /// Encoded transaction bytes held at most: by default one full block at the devnet's `max_block_bytes`.
    let byteBudget: Int

    private let lock = NSLock()
    /// Ascending, consecutive heights, the newest last, each with its transactions' encoded size.
    private var blocks: [(block: Block, bytes: Int)] = []
    private var bytes = 0

    init(capacity: Int = 2, byteBudget: Int = 8 << 20) {
        self.capacity = capacity
        self.byteBudget = byteBudget
    }

    /// The block at `height` if it is one of the last committed.
    func block(at height: UInt64) -> Block? {
        lock.lock()
        defer { lock.unlock() }
        guard let first = blocks.first?.block.height, height >= first, height - first < UInt64(blocks.count) else { return nil }
        return blocks[Int(height - first)].block
    }

    /// Remembers `committed` (consecutive, ascending), which a write transaction has just made durable; forgets what
    /// no longer leads up to them, and the oldest beyond the bounds (a block over the byte budget is not kept at all).
    func remember(_ committed: [Block]) {
        guard let first = committed.first else { return }
        lock.lock()
        defer { lock.unlock() }
        if blocks.last.map({ $0.block.height + 1 != first.height }) ?? false { removeAll() }
        for block in committed {
            let size = block.transactions.reduce(0) { $0 + $1.encodedSize }
            blocks.append((block, size))
            bytes += size
        }
        while let oldest = blocks.first, blocks.count > capacity || bytes > byteBudget {
            bytes -= oldest.bytes
            blocks.removeFirst()
        }
    }

    /// Forgets every block: after a revert removed some, or a test damaged a stored record on purpose.
    func forgetAll() {
        lock.lock()
        removeAll()
        lock.unlock()
    }

    private func removeAll() {
        blocks.removeAll()
        bytes = 0
    }
}
