import ProofmintCore

/// A binary max-heap of entries by (fee, then earlier arrival).
struct FeeHeap {
    private var items: [Mempool.Entry] = []

    private static func before(_ a: Mempool.Entry, _ b: Mempool.Entry) -> Bool {
        a.fee != b.fee ? a.fee > b.fee : a.sequence < b.sequence
    }

    mutating func push(_ entry: Mempool.Entry) {
        items.append(entry)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Mempool.Entry? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < items.count && Self.before(items[left], items[best]) { best = left }
            if right < items.count && Self.before(items[right], items[best]) { best = right }
            if best == parent { break }
            items.swapAt(parent, best)
            parent = best
        }
        return top
    }
}
