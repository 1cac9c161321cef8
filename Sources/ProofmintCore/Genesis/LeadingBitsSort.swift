/// A sort for keys whose leading bits are uniform (hashes, addresses): one counting pass deals the items into buckets
/// of four to eight by those bits, and each bucket is then sorted on its own. A comparison sort of a genesis's 10⁷
/// entries moves each some 24 times; this moves each once, and stays correct (only slower) for keys that are not
/// uniform.
enum LeadingBitsSort {
    /// `items` in increasing order; `leadingBits(a) < leadingBits(b)` must imply `a` sorts before `b`.
    static func sorted<T>(_ items: [T], leadingBits: (T) -> UInt64, by areInIncreasingOrder: (T, T) -> Bool) -> [T] {
        var bits = 0
        while bits < 24, items.count >> (bits + 3) > 0 { bits += 1 }
        guard bits > 0 else { return items.sorted(by: areInIncreasingOrder) }
        func bucket(_ item: T) -> Int { Int(truncatingIfNeeded: leadingBits(item) >> UInt64(64 - bits)) }
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        for item in items { starts[bucket(item) + 1] += 1 }
        for index in starts.indices.dropFirst() { starts[index] += starts[index - 1] }
        var next = starts
        var sorted = [T](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            for item in items {
                let target = bucket(item)
                buffer.initializeElement(at: next[target], to: item)
                next[target] += 1
            }
            initialized = items.count
        }
        for index in 0..<(1 << bits) where starts[index + 1] - starts[index] > 1 {
            sorted[starts[index]..<starts[index + 1]].sort(by: areInIncreasingOrder)
        }
        return sorted
    }
}
