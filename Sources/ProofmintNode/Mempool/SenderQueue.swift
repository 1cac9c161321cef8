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

        /// Moves to a newer account nonce; returns the entries it made stale (nonces the chain has used), in nonce order.
        mutating func advance(to nonce: UInt64) -> [Entry] {
            guard nonce > accountNonce else { return [] }
            // Every entry's nonce is at or above the old account nonce, so the stale ones are below the new one: looked up
            // one by one when the step is short (a block's worth), picked out of all the entries when it is longer.
            let stale: [Entry]
            if nonce - accountNonce <= UInt64(entries.count) {
                stale = (accountNonce..<nonce).compactMap { entries.removeValue(forKey: $0) }
            } else {
                stale = entries.values.filter { $0.nonce < nonce }.sorted { $0.nonce < $1.nonce }
                for entry in stale { entries.removeValue(forKey: entry.nonce) }
            }
            bytes -= stale.reduce(0) { $0 + $1.size }
            accountNonce = nonce
            recount(from: nonce, readyBytes: 0)
            return stale
        }

        /// Takes `nonce` as the account's next nonce whichever way it moves: forward drops what it made stale (`advance`);
        /// backward (the pool had got ahead of the state) leaves every entry waiting for the nonces below it, gapped, even
        /// past the gapped limits (which admission applies to new entries): they are the sender's own, and go once the
        /// missing nonces arrive and are included, or when they expire.
        mutating func rebase(to nonce: UInt64) -> [Entry] {
            guard nonce < accountNonce else { return advance(to: nonce) }
            accountNonce = nonce
            recount(from: nonce, readyBytes: 0)
            return []
        }

        /// Puts `entry` at its nonce; returns the entry it replaced, if any.
        @discardableResult
        mutating func put(_ entry: Entry) -> Entry? {
            let readyBefore = readyBytes
            let replaced = entries.updateValue(entry, forKey: entry.nonce)
            let change = entry.size - (replaced?.size ?? 0)
            bytes += change
            // Only a put at the run's end lengthens the run (and joins it to the entries after it); a replacement inside
            // the run changes the run's bytes, which follow `bytes`; any other put changes the gapped bytes.
            assert(entry.nonce >= accountNonce, "a queue holds no nonce below its account nonce: insert rebases it first")
            if entry.nonce == readyEnd {
                recount(from: readyEnd, readyBytes: readyBefore)
            } else if entry.nonce > readyEnd {
                gappedBytes += change
            }
            return replaced
        }

        @discardableResult
        mutating func remove(nonce: UInt64) -> Entry? {
            guard let removed = entries.removeValue(forKey: nonce) else { return nil }
            bytes -= removed.size
            if nonce >= accountNonce, nonce < readyEnd {
                // The run now ends below the removed nonce; what followed it is gapped.
                readyCount = Int(nonce - accountNonce)
                gappedBytes = bytes - (accountNonce..<nonce).reduce(0) { $0 + (entries[$1]?.size ?? 0) }
            } else {
                gappedBytes -= removed.size
            }
            return removed
        }

        /// The bytes of the ready run.
        private var readyBytes: Int { bytes - gappedBytes }

        /// Extends the ready run from `nonce` (the end of a run of `readyBytes` bytes from the account nonce) while the
        /// next nonce is present: only the entries it adds are walked.
        private mutating func recount(from nonce: UInt64, readyBytes: Int) {
            var nonce = nonce, readyBytes = readyBytes
            while let entry = entries[nonce] {
                readyBytes += entry.size
                nonce += 1
            }
            readyCount = Int(nonce - accountNonce)
            gappedBytes = bytes - readyBytes
        }
    }
}
