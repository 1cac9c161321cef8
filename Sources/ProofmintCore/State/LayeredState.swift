/// Block outcomes not yet committed, layered over a committed state. Outcome writes are absolute values, so
/// layering an outcome over a state that already contains it changes nothing: this lets block N+1 execute
/// while block N is still being written.
///
/// Lookups search the outcomes' sorted write lists directly (newest outcome first), so layering a block
/// costs nothing up front, however many writes it has.
///
/// Not for use from two threads at once: tree-node lookups remember where they ended (`nodeFingers`).
public final class LayeredState: StateReader {
    private let base: any StateReader
    private var outcomes: [BlockOutcome]
    /// For each outcome, where its last tree-node lookup ended. A tree update reads its nodes in key order (a parent,
    /// its left subtree, its right), so the next node is usually a few entries further on: galloping from here finds it
    /// in a few comparisons of nearby entries, where bisecting ~100,000 entries from scratch takes 17 far apart.
    private var nodeFingers: [Int]

    public init(base: any StateReader, outcomes: [BlockOutcome] = []) {
        self.base = base
        self.outcomes = outcomes
        self.nodeFingers = Array(repeating: 0, count: outcomes.count)
    }

    public func value(for key: StateKey) throws(StateReadError) -> Bytes? {
        let word = key.orderWord
        for outcome in outcomes.reversed() {
            if let index = Self.index(of: key, word: word, in: outcome) { return outcome.stateWrites[index].value }
        }
        return try base.value(for: key)
    }

    /// Where `key` (whose `orderWord` is `word`) is among `outcome`'s writes: the run of writes whose words equal `word`,
    /// found by bisecting the words, then the key within that run (one write, but every vote on one proposal shares a
    /// word).
    static func index(of key: StateKey, word: UInt64, in outcome: BlockOutcome) -> Int? {
        let words = outcome.stateKeyWords
        let start = lowerBound(of: word, in: words, from: 0)
        guard start < words.count, words[start] == word else { return nil }
        // A run is one write but for keys that share their first eight bytes (every vote on one proposal): the next word
        // tells, where a second bisection took as many far-apart reads as the first.
        let end: Int
        if start + 1 == words.count || words[start + 1] != word {
            end = start + 1
        } else {
            end = word == .max ? words.count : lowerBound(of: word + 1, in: words, from: start + 1)
        }
        let run = outcome.stateWrites[start..<end]
        return search(run, for: key, by: { $0.key })
    }

    /// The first position at or after `from` whose word is not below `word`.
    private static func lowerBound(of word: UInt64, in words: [UInt64], from: Int) -> Int {
        var (low, high) = (from, words.count)
        while low < high {
            let middle = (low + high) / 2
            if words[middle] < word { low = middle + 1 } else { high = middle }
        }
        return low
    }

    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? {
        for layer in outcomes.indices.reversed() {
            let nodes = outcomes[layer].treeNodes
            if let index = Self.gallop(nodes, for: path, from: &nodeFingers[layer], by: { $0.path }) { return nodes[index].node }
        }
        return try base.treeNode(at: path)
    }

    /// Lays `outcome`'s writes over everything below.
    public func apply(_ outcome: BlockOutcome) {
        outcomes.append(outcome)
        nodeFingers.append(0)
    }

    /// `search` starting from `finger`, the position where the previous lookup ended, when `key` lies at or after it
    /// (an exponential search forward, then a bisection of the last step); from scratch otherwise. Leaves `finger` where
    /// this lookup ended: every entry before it sorts below `key`.
    @inline(__always)
    static func gallop<Entry, Key: Comparable>(
        _ entries: [Entry], for key: Key, from finger: inout Int, by sortKey: (Entry) -> Key
    ) -> Int? {
        var low = 0, high = entries.count
        if finger <= entries.count, finger == 0 || sortKey(entries[finger - 1]) < key {
            low = finger
            var step = 1
            while true {
                let probe = low + step - 1
                guard probe < entries.count else { break }
                guard sortKey(entries[probe]) < key else {
                    high = probe + 1
                    break
                }
                low = probe + 1
                step <<= 1
            }
        }
        while low < high {
            let middle = (low + high) / 2
            if sortKey(entries[middle]) < key { low = middle + 1 } else { high = middle }
        }
        finger = low
        return low < entries.count && !(key < sortKey(entries[low])) ? low : nil
    }

    /// The index of `key` in `entries` (sorted by `key`), if present. A closure, not a key path: a key-path
    /// projection is not specialized away and cost more than the search.
    @inline(__always)
    private static func search<Entries: RandomAccessCollection<Entry>, Entry, Key: Comparable>(
        _ entries: Entries, for key: Key, by sortKey: (Entry) -> Key
    ) -> Int? where Entries.Index == Int {
        var low = entries.startIndex, high = entries.endIndex
        while low < high {
            let middle = (low + high) / 2
            let candidate = sortKey(entries[middle])
            if candidate < key {
                low = middle + 1
            } else if key < candidate {
                high = middle
            } else {
                return middle
            }
        }
        return nil
    }
}
