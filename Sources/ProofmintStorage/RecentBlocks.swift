import Foundation
import ProofmintCore

/// The last few committed blocks as the store wrote them, so that reading a block just committed (what a client
/// following the head asks for, block after block) neither copies its record out of LMDB nor decodes and hashes its
/// transactions again: geth's block cache does the same. Bounded by count, not bytes: four blocks of 10,000
/// transfers hold about 20 MB.
final class RecentBlocks: @unchecked Sendable {
    static let capacity = 4

    private let lock = NSLock()
    /// Ascending, consecutive heights, the newest last.
    private var blocks: [Block] = []

    /// The block at `height` if it is one of the last committed.
    func block(at height: UInt64) -> Block? {
        lock.lock()
        defer { lock.unlock() }
        guard let first = blocks.first?.height, height >= first, height - first < UInt64(blocks.count) else { return nil }
        return blocks[Int(height - first)]
    }

    /// Remembers `committed` (consecutive, ascending), which a write transaction has just made durable; forgets what
    /// no longer leads up to them.
    func remember(_ committed: [Block]) {
        guard let first = committed.first else { return }
        lock.lock()
        defer { lock.unlock() }
        if blocks.last.map({ $0.height + 1 != first.height }) ?? false { blocks.removeAll() }
        blocks.append(contentsOf: committed.suffix(Self.capacity))
        if blocks.count > Self.capacity { blocks.removeFirst(blocks.count - Self.capacity) }
    }

    /// Forgets every block: after a revert removed some, or a test damaged a stored record on purpose.
    func forgetAll() {
        lock.lock()
        blocks.removeAll()
        lock.unlock()
    }
}
