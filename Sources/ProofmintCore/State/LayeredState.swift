/// Block outcomes not yet committed, layered over a committed state. Outcome writes are absolute values, so
/// layering an outcome over a state that already contains it changes nothing: this lets block N+1 execute
/// while block N is still being written.
///
/// Lookups binary-search the outcomes' sorted write lists directly (newest outcome first), so layering a block
/// costs nothing up front, however many writes it has.
public final class LayeredState: StateReader {
    private let base: any StateReader
    private var outcomes: [BlockOutcome]

    public init(base: any StateReader, outcomes: [BlockOutcome] = []) {
        self.base = base
        self.outcomes = outcomes
    }

    public func value(for key: StateKey) throws(StateReadError) -> Bytes? {
        for outcome in outcomes.reversed() {
            if let index = Self.search(outcome.stateWrites, for: key, by: { $0.key }) { return outcome.stateWrites[index].value }
        }
        return try base.value(for: key)
    }

    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? {
        for outcome in outcomes.reversed() {
            if let index = Self.search(outcome.treeNodes, for: path, by: { $0.path }) { return outcome.treeNodes[index].node }
        }
        return try base.treeNode(at: path)
    }

    /// Lays `outcome`'s writes over everything below.
    public func apply(_ outcome: BlockOutcome) { outcomes.append(outcome) }

    /// The index of `key` in `entries` (sorted by `key`), if present. A closure, not a key path: a key-path
    /// projection is not specialized away and cost more than the search.
    @inline(__always)
    private static func search<Entry, Key: Comparable>(_ entries: [Entry], for key: Key, by sortKey: (Entry) -> Key) -> Int? {
        var low = 0, high = entries.count
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
