import ProofmintCore

extension Mempool {
    /// One sender's pending transactions by nonce, split into the *ready* run (the account's next nonce and those
    /// that follow it without a gap, which a block can include in order) and the *gapped* rest (which no block can
    /// include until the missing nonces arrive, so they cost the sender nothing while they wait).
    struct SenderQueue: Sendable {
        /// The account's next nonce on chain, as last seen at admission or after a block.
        private(set) var accountNonce: UInt64
        private(set) var entries: [UInt64: Entry] = [:]
        /// How many entries from `accountNonce` on follow each other without a gap.
        private(set) var readyCount = 0
        /// The sizes of all entries and of the gapped ones, kept as entries come and go: the pool's totals change by
        /// their difference on every admission, which summed the whole queue each time.
        private(set) var bytes = 0
        private(set) var gappedBytes = 0

        init(accountNonce: UInt64) { self.accountNonce = accountNonce }

        var isEmpty: Bool { entries.isEmpty }
        var count: Int { entries.count }
        var gappedCount: Int { entries.count - readyCount }
        /// The first nonce after the ready run: a transaction with it extends the run, one above it is gapped.
        var readyEnd: UInt64 { accountNonce + UInt64(readyCount) }
        var gapped: [Entry] { entries.values.filter { $0.nonce >= readyEnd } }
        /// The highest ready nonce: the one whose eviction leaves the rest of the run includable.
        var readyTail: Entry? { readyCount > 0 ? entries[readyEnd - 1] : nil }

        func isGapped(nonce: UInt64) -> Bool { nonce > readyEnd }

        subscript(nonce: UInt64) -> Entry? { entries[nonce] }

        /// Moves to a newer account nonce; returns the entries it made stale (nonces the chain has used).
        mutating func advance(to nonce: UInt64) -> [Entry] {
            guard nonce > accountNonce else { return [] }
            accountNonce = nonce
            let stale = entries.values.filter { $0.nonce < nonce }
            for entry in stale {
                entries.removeValue(forKey: entry.nonce)
                bytes -= entry.size
            }
            recount()
            return stale
        }

        /// Puts `entry` at its nonce; returns the entry it replaced, if any.
        @discardableResult
        mutating func put(_ entry: Entry) -> Entry? {
            let replaced = entries.updateValue(entry, forKey: entry.nonce)
            bytes += entry.size - (replaced?.size ?? 0)
            recount()
            return replaced
        }

        @discardableResult
        mutating func remove(nonce: UInt64) -> Entry? {
            let removed = entries.removeValue(forKey: nonce)
            bytes -= removed?.size ?? 0
            recount()
            return removed
        }

        /// The ready run and the gapped bytes, from the account nonce up: the run's length is all it walks.
        private mutating func recount() {
            var nonce = accountNonce, readyBytes = 0
            while let entry = entries[nonce] {
                readyBytes += entry.size
                nonce += 1
            }
            readyCount = Int(nonce - accountNonce)
            gappedBytes = bytes - readyBytes
        }
    }
}
