/// The account records of a genesis's allocations, sorted by key. A genesis of 10⁷ accounts would spend most of its
/// build hashing them into a dictionary and then sorting keys that are heap arrays (a retain and a release at every
/// step); here the addresses are sorted as fixed-size words, by their leading bits first (`LeadingBitsSort`).
enum GenesisAccounts {
    /// One write a distinct address, the last allocation of an address winning (as writing them in file order would),
    /// and a deletion for an allocation of 0 (an empty account is not stored). What is sorted holds no reference: moving
    /// a record with heap-allocated key and value bytes retains and releases both, and at 10⁷ records those reference
    /// counts, scattered over the heap, cost more than the sort itself. The records are made afterwards, in key order.
    static func writes(of allocations: [Genesis.Allocation]) -> [(key: StateKey, value: Bytes?)] {
        let unsorted = ParallelMap.map(count: allocations.count, threshold: 4_096) { index in
            SortKey(allocations[index], index: index)
        }
        // Addresses are hashes: their leading bits are uniform.
        let rows = LeadingBitsSort.sorted(unsorted, leadingBits: { $0.high }, by: <)
        var writes: [(key: StateKey, value: Bytes?)] = []
        writes.reserveCapacity(rows.count)
        for position in rows.indices {
            let row = rows[position], next = rows.index(after: position)
            if next < rows.endIndex, rows[next].sameAddress(as: row) { continue }
            let account = Account(nonce: 0, balance: row.amount)
            writes.append((row.stateKey, account.isEmpty ? nil : account.canonicalBytes))
        }
        return writes
    }

    /// Two key lists sorted by key merged into one; where both hold a key, `later`'s write wins.
    static func merge(
        _ earlier: [(key: StateKey, value: Bytes?)], _ later: [(key: StateKey, value: Bytes?)]
    ) -> [(key: StateKey, value: Bytes?)] {
        var merged: [(key: StateKey, value: Bytes?)] = []
        merged.reserveCapacity(earlier.count + later.count)
        var (i, j) = (earlier.startIndex, later.startIndex)
        while i < earlier.endIndex, j < later.endIndex {
            if earlier[i].key < later[j].key {
                merged.append(earlier[i]); i += 1
            } else {
                if earlier[i].key == later[j].key { i += 1 }
                merged.append(later[j]); j += 1
            }
        }
        merged.append(contentsOf: earlier[i...])
        merged.append(contentsOf: later[j...])
        return merged
    }

    /// An allocation as plain words: its address as three big-endian words (so comparing them compares the bytes),
    /// where it came in the file, and its amount.
    private struct SortKey: Comparable, Sendable {
        let high: UInt64, middle: UInt64, low: UInt32
        let index: Int
        let amount: Amount

        init(_ allocation: Genesis.Allocation, index: Int) {
            (high, middle, low) = allocation.address.bytes.withUnsafeBytes { bytes in
                (UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                 UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                 UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self)))
            }
            self.index = index
            amount = allocation.amount
        }

        /// `0x01 ‖ address`, written from the words.
        var stateKey: StateKey {
            var bytes = Bytes(repeating: 0, count: 1 + Address.length)
            bytes[0] = StateKey.Prefix.account.rawValue
            bytes.withUnsafeMutableBytes { buffer in
                buffer.storeBytes(of: high.bigEndian, toByteOffset: 1, as: UInt64.self)
                buffer.storeBytes(of: middle.bigEndian, toByteOffset: 9, as: UInt64.self)
                buffer.storeBytes(of: low.bigEndian, toByteOffset: 17, as: UInt32.self)
            }
            return StateKey(bytes: bytes)
        }

        func sameAddress(as other: SortKey) -> Bool { high == other.high && middle == other.middle && low == other.low }

        static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            (lhs.high, lhs.middle, lhs.low, lhs.index) < (rhs.high, rhs.middle, rhs.low, rhs.index)
        }

        static func == (lhs: SortKey, rhs: SortKey) -> Bool { lhs.sameAddress(as: rhs) && lhs.index == rhs.index }
    }
}
