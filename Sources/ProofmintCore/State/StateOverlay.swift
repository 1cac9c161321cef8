/// Pending writes on top of a parent state, with a per-transaction journal so a failed transaction's
/// effects (but not its fee) can be undone without copying the whole overlay.
public struct StateOverlay: StateReader {
    private let base: any StateReader
    /// nil value = deleted.
    private var writes: [StateKey: Bytes?] = [:]
    /// Previous overlay entries of the keys the current transaction touched, in order.
    private var journal: [(StateKey, Bytes??)] = []

    public init(base: any StateReader) { self.base = base }

    /// An overlay that expects about `expectedWrites` keys: a genesis of 10⁷ accounts would otherwise rehash its
    /// dictionary some twenty times as it grows.
    public init(base: any StateReader, expectedWrites: Int) {
        self.base = base
        writes.reserveCapacity(expectedWrites)
    }

    public func value(for key: StateKey) throws(StateReadError) -> Bytes? {
        if let pending = writes[key] { return pending }
        return try base.value(for: key)
    }

    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? {
        try base.treeNode(at: path)
    }

    public mutating func set(_ key: StateKey, _ value: Bytes?) {
        // One hash of the key for both the write and the journal's copy of what it replaced.
        journal.append((key, writes.updateValue(value, forKey: key)))
    }

    public mutating func put<T: CanonicalEncodable>(_ record: T, at key: StateKey) { set(key, record.canonicalBytes) }

    /// Stores the account, or deletes it if it is empty (so empty accounts leave no trace in the root).
    public mutating func setAccount(_ account: Account, for address: Address) {
        set(.account(address), account.isEmpty ? nil : account.canonicalBytes)
    }

    /// Starts a journal for one transaction's effects.
    public mutating func checkpoint() { journal.removeAll(keepingCapacity: true) }

    /// Undoes every write since the last checkpoint.
    public mutating func revertToCheckpoint() {
        for (key, previous) in journal.reversed() {
            if let previous { writes[key] = previous } else { writes.removeValue(forKey: key) }
        }
        journal.removeAll(keepingCapacity: true)
    }

    /// The net writes, sorted by key: the order never depends on hashing.
    public var sortedWrites: [(key: StateKey, value: Bytes?)] {
        writes.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }
}
