import ProofmintCore

/// A binary max-heap of entries by (fee, then earlier arrival).
struct FeeHeap {
    private var items: [Mempool.Entry] = []

    /// Compares two slots by index, reading only the two fields: passing entries by value retained and released
    /// every reference an entry holds, at each step of every sift.
    private func before(_ a: Int, _ b: Int) -> Bool {
        let feeA = items[a].fee, feeB = items[b].fee
        return feeA != feeB ? feeA > feeB : items[a].sequence < items[b].sequence
    }

    mutating func push(_ entry: Mempool.Entry) {
        items.append(entry)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(child, parent) else { break }
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
            if left < items.count && before(left, best) { best = left }
            if right < items.count && before(right, best) { best = right }
            if best == parent { break }
            items.swapAt(parent, best)
            parent = best
        }
        return top
    }
}
