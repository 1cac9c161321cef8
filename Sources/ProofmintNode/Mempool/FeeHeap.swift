import ProofmintCore

/// A binary max-heap of senders' next transactions by (fee, then earlier arrival), for `Mempool.candidates`.
struct FeeHeap {
    /// One sender's next transaction, by value only: the entry stays in its sender's queue. Entries hold several
    /// references (the transaction, the sender's address), and moving them through the heap retained and released
    /// each at every step.
    struct Head {
        let fee: Amount
        let sequence: UInt64
        /// Which of the caller's sender queues, and the transaction's nonce in it.
        let queue: Int
        let nonce: UInt64

        init(_ entry: Mempool.Entry, queue: Int) {
            fee = entry.fee
            sequence = entry.sequence
            self.queue = queue
            nonce = entry.nonce
        }

        func before(_ other: Head) -> Bool { fee != other.fee ? fee > other.fee : sequence < other.sequence }
    }

    private var items: [Head] = []

    mutating func push(_ head: Head) {
        items.append(head)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].before(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Head? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < items.count && items[left].before(items[best]) { best = left }
            if right < items.count && items[right].before(items[best]) { best = right }
            if best == parent { break }
            items.swapAt(parent, best)
            parent = best
        }
        return top
    }
}
