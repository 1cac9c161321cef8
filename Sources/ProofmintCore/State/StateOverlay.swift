/// Pending writes on top of a parent state, with a per-transaction journal so a failed transaction's
/// effects (but not its fee) can be undone without copying the whole overlay.
public struct StateOverlay: StateReader {
    private let base: any StateReader
    /// nil value = deleted.
    private var writes: [StateKey: Bytes?] = [:]
    /// What the current transaction changed, in order, with what it replaced.
    private var journal: [Undo] = []
    /// The records fees change, while they are ahead of `writes` (`PendingFees`); nil when `writes` holds them.
    private var fees: PendingFees?

    private enum Undo {
        /// A key's previous overlay entry (nil: none).
        case write(StateKey, Bytes??)
        case fees(PendingFees?)
    }

    public init(base: any StateReader) { self.base = base }

    /// An overlay that expects about `expectedWrites` keys: a genesis of 10⁷ accounts would otherwise rehash its
    /// dictionary some twenty times as it grows.
    public init(base: any StateReader, expectedWrites: Int) {
        self.base = base
        writes.reserveCapacity(expectedWrites)
    }

    public func value(for key: StateKey) throws(StateReadError) -> Bytes? {
        if let fees, let pending = fees.value(for: key) { return pending }
        if let pending = writes[key] { return pending }
        return try base.value(for: key)
    }

    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? {
        try base.treeNode(at: path)
    }

    public mutating func set(_ key: StateKey, _ value: Bytes?) {
        if fees != nil, PendingFees.holds(key) { writeOutFees() }
        write(key, value)
    }

    private mutating func write(_ key: StateKey, _ value: Bytes?) {
        // One hash of the key for both the write and the journal's copy of what it replaced.
        journal.append(.write(key, writes.updateValue(value, forKey: key)))
    }

    /// Adds one fee's shares to the fee records (`PendingFees`), reading them first if `writes` holds them;
    /// `.balanceOverflow`, and nothing changed, if a sum overflows.
    mutating func addFee(
        _ shares: (burn: Amount, rewardPool: Amount, treasury: Amount, liquidity: Amount), fee: Amount
    ) throws(TransactionError) {
        let next: PendingFees?
        if let fees { next = fees.adding(shares, fee: fee) } else { next = try PendingFees.first(shares, fee: fee, reading: self) }
        guard let next else { throw .balanceOverflow }
        journal.append(.fees(fees))
        fees = next
    }

    /// Puts the fee records into `writes`, before a write to one of them.
    private mutating func writeOutFees() {
        guard let pending = fees else { return }
        journal.append(.fees(pending))
        fees = nil
        for (key, value) in pending.records { write(key, value) }
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
        for undo in journal.reversed() {
            switch undo {
            case let .write(key, previous?): writes[key] = previous
            case let .write(key, nil): writes.removeValue(forKey: key)
            case let .fees(previous): fees = previous
            }
        }
        journal.removeAll(keepingCapacity: true)
    }

    /// The net writes, sorted by key: the order never depends on hashing.
    public var sortedWrites: [(key: StateKey, value: Bytes?)] {
        guard let fees else { return writes.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) } }
        var entries = [(key: StateKey, value: Bytes?)]()
        entries.reserveCapacity(writes.count + 4)
        for (key, value) in writes where !PendingFees.holds(key) { entries.append((key, value)) }
        entries += fees.records
        entries.sort { $0.key < $1.key }
        return entries
    }
}
