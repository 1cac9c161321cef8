import ProofmintCore

/// Pending transactions, ordered for inclusion by fee (highest first) while keeping each sender's nonce order.
/// Bounded per sender, in total bytes and per transaction, so a flood cannot exhaust the node.
public struct Mempool: Sendable {
    public struct Limits: Sendable {
        public var maxPerSender = 64
        public var maxTotalBytes = 64 << 20
        public init() {}
    }

    struct Entry: Sendable {
        let transaction: SignedTransaction
        let id: Hash32
        let sender: Address
        let size: Int
        /// Arrival order: breaks fee ties so selection never depends on hashing.
        let sequence: UInt64
        var nonce: UInt64 { transaction.transaction.nonce }
        var fee: Amount { transaction.transaction.fee }
    }

    public let limits: Limits
    private var bySender: [Address: [UInt64: Entry]] = [:]
    private var senderOfId: [Hash32: Address] = [:]
    private var nextSequence: UInt64 = 0
    public private(set) var totalBytes = 0

    public init(limits: Limits = Limits()) { self.limits = limits }

    public var count: Int { senderOfId.count }

    public func contains(_ id: Hash32) -> Bool { senderOfId[id] != nil }

    public func transaction(_ id: Hash32) -> SignedTransaction? {
        guard let sender = senderOfId[id] else { return nil }
        return bySender[sender]?.values.first { $0.id == id }?.transaction
    }

    /// The nonce after the sender's pending transactions that follow on from `accountNonce` without a gap.
    public func pendingNonce(for sender: Address, accountNonce: UInt64) -> UInt64 {
        var nonce = accountNonce
        while bySender[sender]?[nonce] != nil { nonce += 1 }
        return nonce
    }

    /// Adds a transaction that already passed admission against the head state (except for future nonces).
    public mutating func insert(_ transaction: SignedTransaction, size: Int, accountNonce: UInt64) throws(MempoolError) {
        let id = transaction.id
        guard senderOfId[id] == nil else { throw .duplicate(id) }
        let sender = transaction.transaction.senderAddress
        let nonce = transaction.transaction.nonce
        let maxAhead = UInt64(limits.maxPerSender)
        guard nonce >= accountNonce else { throw .rejected(.nonceTooLow(expected: accountNonce, actual: nonce)) }
        // Up to `maxAhead` past the account's next nonce on chain, inclusive (docs/RPC.md): next + 64 is accepted.
        guard nonce - accountNonce <= maxAhead else { throw .nonceGap(expected: accountNonce, actual: nonce, maxAhead: maxAhead) }
        var pending = bySender[sender] ?? [:]
        var freed = 0
        if let existing = pending[nonce] {
            // Replace-by-fee: at least 10% more, so replacements cannot be used to spam for free.
            let minimum = existing.fee + existing.fee / 10
            guard transaction.transaction.fee >= minimum, transaction.transaction.fee > existing.fee else {
                throw .replacementUnderpriced(nonce: nonce, pendingFee: existing.fee)
            }
            freed = existing.size
        } else if pending.count >= limits.maxPerSender {
            throw .senderLimit(max: limits.maxPerSender)
        }
        guard totalBytes - freed + size <= limits.maxTotalBytes else { throw .full(maxBytes: limits.maxTotalBytes) }
        if let existing = pending[nonce] { senderOfId.removeValue(forKey: existing.id) }
        pending[nonce] = Entry(transaction: transaction, id: id, sender: sender, size: size, sequence: nextSequence)
        nextSequence += 1
        bySender[sender] = pending
        senderOfId[id] = sender
        totalBytes += size - freed
    }

    /// Up to `limit` transactions in inclusion order: among each sender's next ready transactions, the highest
    /// fee first (earliest arrival on ties), so every sender's transactions stay in nonce order.
    public func candidates(limit: Int, accountNonce: (Address) -> UInt64) -> [SignedTransaction] {
        var heads = FeeHeap()
        var next = [Address: UInt64]()
        for (sender, pending) in bySender {
            let nonce = accountNonce(sender)
            if let entry = pending[nonce] {
                heads.push(entry)
                next[sender] = nonce + 1
            }
        }
        var selected = [SignedTransaction]()
        while selected.count < limit, let best = heads.pop() {
            selected.append(best.transaction)
            if let nonce = next[best.sender], let following = bySender[best.sender]?[nonce] {
                heads.push(following)
                next[best.sender] = nonce + 1
            }
        }
        return selected
    }

    /// Drops every transaction whose nonce the chain has now used (included, or made stale by an included one).
    public mutating func prune(senders: Set<Address>, accountNonce: (Address) -> UInt64) {
        for sender in senders {
            guard var pending = bySender[sender] else { continue }
            let nonce = accountNonce(sender)
            for (entryNonce, entry) in pending where entryNonce < nonce {
                pending.removeValue(forKey: entryNonce)
                senderOfId.removeValue(forKey: entry.id)
                totalBytes -= entry.size
            }
            bySender[sender] = pending.isEmpty ? nil : pending
        }
    }

    /// Removes one transaction (for example one the producer found no longer admissible).
    public mutating func remove(_ id: Hash32) {
        guard let sender = senderOfId.removeValue(forKey: id), var pending = bySender[sender] else { return }
        if let (nonce, entry) = pending.first(where: { $0.value.id == id }) {
            pending.removeValue(forKey: nonce)
            totalBytes -= entry.size
        }
        bySender[sender] = pending.isEmpty ? nil : pending
    }
}

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
