import ProofmintCore

/// Pending transactions, ordered for inclusion by fee (highest first) while keeping each sender's nonce order.
///
/// A transaction is *ready* when it continues its sender's nonces from the account's next nonce without a gap, and
/// *gapped* otherwise. A gapped transaction cannot be included and pays no fee until its gap is filled, so without
/// its own bounds it would let anyone hold the pool full for the price of a few funded accounts (issue 13, D3). As
/// geth's txpool treats its "queue", gapped transactions are capped per sender and in total, expire after a
/// lifetime in blocks or seconds, and are the first to go when the pool is full. When the pool is full a new
/// transaction that pays more per byte than the cheapest one the pool can drop takes its place; a ready one may
/// displace any gapped one whatever it pays. Every choice is ordered by fee rate and arrival sequence, never by
/// `Dictionary` order, so the same submissions give the same pool and the same blocks.
public struct Mempool: Sendable {
    /// The pool's bounds; `proofmintd start` sets them from its `--mempool-*` options.
    public struct Limits: Sendable {
        /// Pending transactions per sender, ready and gapped; also how far past the account's next nonce a nonce may be.
        public var maxPerSender = 64
        public var maxTotalBytes = 64 << 20
        /// Gapped transactions per sender: more than enough for a wallet that sends out of order.
        public var maxGappedPerSender = 16
        /// Gapped transactions in the whole pool (geth's `GlobalQueue`).
        public var maxGapped = 1024
        /// A gapped transaction is dropped once this many blocks were added since its admission...
        public var gappedLifetimeBlocks: UInt64 = 3_600
        /// ...or once this many milliseconds have passed since it, whichever comes first.
        public var gappedLifetimeMilliseconds: UInt64 = 3_600_000
        public init() {}
    }

    private struct Location: Sendable {
        let sender: Address
        let nonce: UInt64
    }

    public let limits: Limits
    private var senders: [Address: SenderQueue] = [:]
    private var locations: [Hash32: Location] = [:]
    private var nextSequence: UInt64 = 0
    /// The head height and clock last given to `expire`: admissions are stamped with them.
    private var height: UInt64 = 0
    private var now: UInt64 = 0
    /// When `expire` last looked at every gapped transaction: it looks again on a new block or a second later, so
    /// a stream of submissions does not pay a sweep each.
    private var lastSweep: (height: UInt64, now: UInt64)?
    public private(set) var totalBytes = 0
    public private(set) var gappedCount = 0
    public private(set) var gappedBytes = 0

    public init(limits: Limits = Limits()) { self.limits = limits }

    public var count: Int { locations.count }

    public func contains(_ id: Hash32) -> Bool { locations[id] != nil }

    public func transaction(_ id: Hash32) -> SignedTransaction? {
        guard let location = locations[id] else { return nil }
        return senders[location.sender]?[location.nonce]?.transaction
    }

    /// The sender's nonce in the committed head as the pool last learnt it (at admission, or from `prune` after each
    /// committed block), if the pool holds any of its transactions; nil otherwise. Tests hold it to the state.
    func committedNonce(of sender: Address) -> UInt64? { senders[sender]?.accountNonce }

    /// The nonce after the sender's pending transactions that follow on from `accountNonce` without a gap.
    public func pendingNonce(for sender: Address, accountNonce: UInt64) -> UInt64 {
        var nonce = accountNonce
        while senders[sender]?[nonce] != nil { nonce += 1 }
        return nonce
    }

    // MARK: - Admission

    /// Adds a transaction that already passed admission against the head state (except for future nonces),
    /// evicting cheaper or gapped transactions if the pool is full. Returns the ids it evicted, in order (empty if
    /// it needed no room), so the node can log them.
    @discardableResult
    public mutating func insert(_ verified: VerifiedTransaction, size: Int, accountNonce: UInt64) throws(MempoolError) -> [Hash32] {
        let transaction = verified.signed
        let id = transaction.id
        guard locations[id] == nil else { throw .duplicate(id) }
        let sender = transaction.senderAddress
        let nonce = transaction.transaction.nonce
        let maxAhead = UInt64(limits.maxPerSender)
        guard nonce >= accountNonce else { throw .rejected(.nonceTooLow(expected: accountNonce, actual: nonce)) }
        // Up to `maxAhead` past the account's next nonce on chain, inclusive (docs/RPC.md): next + 64 is accepted.
        guard nonce - accountNonce <= maxAhead else { throw .nonceGap(expected: accountNonce, actual: nonce, maxAhead: maxAhead) }

        // The chain may have moved on since this sender's queue was last seen: drop what it made stale first. The queue
        // takes the state's nonce whichever way it moved, so a pool that got it wrong is set right by the next admission.
        changeQueue(of: sender) { $0.rebase(to: accountNonce) }
        let entry = Entry(
            verified: verified, id: id, sender: sender, size: size, sequence: nextSequence,
            admittedHeight: height, admittedAt: now)
        let (existing, gapped) = try place(of: entry, accountNonce: accountNonce)
        var victims = [Entry]()
        if gapped && existing == nil && gappedCount >= limits.maxGapped {
            // The gapped share is full: only a gapped transaction that pays more per byte may take a slot.
            guard let victim = cheapestGapped(excluding: sender, cheaperThan: entry, skipping: [])
            else { throw .gappedLimit(max: limits.maxGapped) }
            victims.append(victim)
        }
        let freed = (existing?.size ?? 0) + victims.reduce(0) { $0 + $1.size }
        let needed = totalBytes - freed + size - limits.maxTotalBytes
        if needed > 0 {
            guard let more = planEviction(bytes: needed, for: entry, gapped: gapped, skipping: Set(victims.map(\.id)))
            else { throw .full(maxBytes: limits.maxTotalBytes) }
            victims += more
        }

        for victim in victims { removeEntry(sender: victim.sender, nonce: victim.nonce) }
        changeQueue(of: sender, creatingAt: accountNonce) { queue in queue.put(entry).map { [$0] } ?? [] }
        nextSequence += 1
        locations[id] = Location(sender: sender, nonce: nonce)
        return victims.map(\.id)
    }

    /// Where `entry` would go in its sender's queue: the entry at its nonce that it outbids, if any, and whether it would
    /// be gapped; throws if the sender's bounds or replace-by-fee refuse it. Reads the queue without keeping a copy, so
    /// the insert after it changes the queue in place.
    private func place(of entry: Entry, accountNonce: UInt64) throws(MempoolError) -> (existing: Entry?, gapped: Bool) {
        let queue = senders[entry.sender] ?? SenderQueue(accountNonce: accountNonce)
        let existing = queue[entry.nonce]
        if let existing {
            // Replace-by-fee: at least 10% more, so replacements cannot be used to spam for free.
            let minimum = existing.fee + existing.fee / 10
            guard entry.fee >= minimum, entry.fee > existing.fee else {
                throw .replacementUnderpriced(nonce: entry.nonce, pendingFee: existing.fee)
            }
        } else if queue.count >= limits.maxPerSender {
            throw .senderLimit(max: limits.maxPerSender)
        }
        let gapped = queue.isGapped(nonce: entry.nonce)
        if gapped && existing == nil && queue.gappedCount >= limits.maxGappedPerSender {
            throw .gappedSenderLimit(max: limits.maxGappedPerSender, nextNonce: queue.readyEnd)
        }
        return (existing, gapped)
    }

    /// The cheapest gapped entry of another sender that `entry` outbids (any, if `cheaperThan` is nil).
    private func cheapestGapped(excluding sender: Address, cheaperThan entry: Entry?, skipping: Set<Hash32>) -> Entry? {
        var best: Entry?
        for (owner, queue) in senders where owner != sender && queue.gappedCount > 0 {
            for candidate in queue.gapped where !skipping.contains(candidate.id) {
                if let entry, !(candidate.feeRate < entry.feeRate) { continue }
                if best.map({ Entry.evictedBefore(candidate, $0) }) ?? true { best = candidate }
            }
        }
        return best
    }

    /// The entries to evict, in order, so that `bytes` more fit; nil if the pool cannot make that much room for
    /// `entry`. Gapped entries go first, any of them for a ready newcomer and only cheaper ones for a gapped one;
    /// then, for a ready newcomer only, other senders' ready tails that pay less per byte than it does. Taking
    /// tails keeps every remaining run includable. The newcomer's own sender is never a victim.
    private func planEviction(bytes: Int, for entry: Entry, gapped: Bool, skipping: Set<Hash32>) -> [Entry]? {
        var victims = [Entry]()
        var freed = 0
        var chosen = skipping
        let gappedCandidates = senders
            .filter { $0.key != entry.sender && $0.value.gappedCount > 0 }
            .flatMap { $0.value.gapped }
            .filter { !chosen.contains($0.id) && (!gapped || $0.feeRate < entry.feeRate) }
            .sorted(by: Entry.evictedBefore)
        for candidate in gappedCandidates where freed < bytes {
            victims.append(candidate)
            chosen.insert(candidate.id)
            freed += candidate.size
        }
        if freed >= bytes { return victims }
        guard !gapped else { return nil }
        // Ready tails, cheapest first; taking one exposes that sender's previous nonce as its next tail.
        var tails = senders.compactMap { owner, queue in owner == entry.sender ? nil : queue.readyTail }
        while freed < bytes {
            guard let index = tails.indices.min(by: { Entry.evictedBefore(tails[$0], tails[$1]) }) else { return nil }
            let tail = tails[index]
            guard tail.feeRate < entry.feeRate else { return nil }
            victims.append(tail)
            freed += tail.size
            if let queue = senders[tail.sender], tail.nonce > queue.accountNonce, let previous = queue[tail.nonce - 1] {
                tails[index] = previous
            } else {
                tails.remove(at: index)
            }
        }
        return victims
    }

    // MARK: - Selection

    /// Up to `limit` transactions in inclusion order: among each sender's next ready transactions, the highest
    /// fee first (earliest arrival on ties), so every sender's transactions stay in nonce order. The heap's order is
    /// total (arrival sequences are unique), so the result does not depend on the order senders are visited in.
    public func candidates(limit: Int, accountNonce: (Address) -> UInt64) -> [VerifiedTransaction] {
        select(limit: limit) { sender, _ in accountNonce(sender) }
    }

    /// `candidates(limit:accountNonce:)` on the tip without reading its state: each sender from `pending`'s nonce if the
    /// block being committed includes it, else from the committed nonce the pool holds for it. The pool holds the
    /// committed nonce of every sender it has transactions of: admission gives it (read from the state), `prune` after
    /// each committed block advances it for the block's senders, and only a sender's own transactions move its nonce
    /// (`SenderNonces`). A revert empties the pool.
    func candidates(limit: Int, pending: SenderNonces) -> [VerifiedTransaction] {
        select(limit: limit) { sender, queue in pending[sender] ?? queue.accountNonce }
    }

    private func select(limit: Int, accountNonce: (Address, SenderQueue) -> UInt64) -> [VerifiedTransaction] {
        var heads = FeeHeap()
        var queues = [SenderQueue]()
        for (sender, queue) in senders {
            if let entry = queue[accountNonce(sender, queue)] {
                heads.push(FeeHeap.Head(entry, queue: queues.count))
                queues.append(queue)
            }
        }
        var selected = [VerifiedTransaction]()
        while selected.count < limit, let best = heads.pop() {
            // Always there: a head is pushed only for an entry its queue holds, and the queues are copies.
            guard let entry = queues[best.queue][best.nonce] else { continue }
            selected.append(entry.verified)
            if let following = queues[best.queue][best.nonce + 1] { heads.push(FeeHeap.Head(following, queue: best.queue)) }
        }
        return selected
    }

    // MARK: - Tidying

    /// Sets each sender's queue to its nonce in the state (`accountNonce`): the transactions whose nonce the chain has
    /// used leave (included, or made stale by an included one); a nonce below the queue's (a pool that had got ahead
    /// of the state) leaves its transactions waiting for the nonces below them.
    public mutating func prune(senders changed: Set<Address>, accountNonce: (Address) -> UInt64) {
        for sender in changed where senders[sender] != nil {
            let nonce = accountNonce(sender)
            changeQueue(of: sender) { $0.rebase(to: nonce) }
        }
    }

    /// Drops the transactions whose nonce committed blocks used, their senders' nonces after them being `committed`'s.
    mutating func prune(after committed: SenderNonces) {
        for sender in committed.senders {
            guard let nonce = committed[sender], senders[sender] != nil else { continue }
            changeQueue(of: sender) { $0.advance(to: nonce) }
        }
    }

    /// Removes one transaction (for example one the producer found no longer admissible). Its sender's later
    /// nonces become gapped.
    public mutating func remove(_ id: Hash32) {
        guard let location = locations[id] else { return }
        removeEntry(sender: location.sender, nonce: location.nonce)
    }

    /// Records the head `height` and the clock (`now`, Unix ms) and drops the gapped transactions whose lifetime
    /// has run out: admitted `gappedLifetimeBlocks` or more blocks ago, or `gappedLifetimeMilliseconds` or more ago.
    /// A clock that steps back never expires anything early. Checks at most once per block and second.
    @discardableResult
    public mutating func expire(height: UInt64, now: UInt64) -> [Hash32] {
        self.height = max(self.height, height)
        self.now = max(self.now, now)
        guard gappedCount > 0 else { return [] }
        if let lastSweep, lastSweep.height == self.height, Self.elapsed(from: lastSweep.now, to: self.now) < Self.sweepInterval {
            return []
        }
        lastSweep = (self.height, self.now)
        let expired = senders.values.flatMap(\.gapped).filter { entry in
            Self.elapsed(from: entry.admittedHeight, to: self.height) >= limits.gappedLifetimeBlocks
                || Self.elapsed(from: entry.admittedAt, to: self.now) >= limits.gappedLifetimeMilliseconds
        }.sorted { $0.sequence < $1.sequence }
        for entry in expired { removeEntry(sender: entry.sender, nonce: entry.nonce) }
        return expired.map(\.id)
    }

    /// Milliseconds between sweeps while the head stays put: the granularity of the lifetime in seconds.
    static let sweepInterval: UInt64 = 1_000

    private static func elapsed(from start: UInt64, to end: UInt64) -> UInt64 { end >= start ? end - start : 0 }

    // MARK: - Bookkeeping

    private mutating func removeEntry(sender: Address, nonce: UInt64) {
        changeQueue(of: sender) { queue in queue.remove(nonce: nonce).map { [$0] } ?? [] }
    }

    /// Changes a sender's queue (a new one at `accountNonce` if it has none and `creatingAt` is given; nothing
    /// otherwise) and keeps the totals and the id index in step with what `change` removed. The queue is taken out of
    /// the dictionary while it changes: a copy left there would make the change copy its entries.
    private mutating func changeQueue(
        of sender: Address, creatingAt accountNonce: UInt64? = nil, _ change: (inout SenderQueue) -> [Entry]
    ) {
        guard var queue = senders.removeValue(forKey: sender) ?? accountNonce.map(SenderQueue.init) else { return }
        let before = (bytes: queue.bytes, gappedCount: queue.gappedCount, gappedBytes: queue.gappedBytes)
        let removed = change(&queue)
        totalBytes += queue.bytes - before.bytes
        gappedCount += queue.gappedCount - before.gappedCount
        gappedBytes += queue.gappedBytes - before.gappedBytes
        for entry in removed { locations.removeValue(forKey: entry.id) }
        if !queue.isEmpty { senders[sender] = queue }
    }
}

extension Mempool {
    /// The pool's totals summed from every entry, each queue's ready run walked again from its account nonce (not taken
    /// from what the queue keeps): tests check the kept totals against them after every operation.
    func recountedTotals() -> (bytes: Int, gappedCount: Int, gappedBytes: Int) {
        var totals = (bytes: 0, gappedCount: 0, gappedBytes: 0)
        for queue in senders.values {
            var runEnd = queue.accountNonce
            while queue.entries[runEnd] != nil { runEnd += 1 }
            totals.bytes += queue.entries.values.reduce(0) { $0 + $1.size }
            let gapped = queue.entries.values.filter { $0.nonce < queue.accountNonce || $0.nonce >= runEnd }
            totals.gappedCount += gapped.count
            totals.gappedBytes += gapped.reduce(0) { $0 + $1.size }
        }
        return totals
    }
}
