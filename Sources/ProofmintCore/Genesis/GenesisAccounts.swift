/// The account records of a genesis's allocations, sorted by key. A genesis of 10⁷ accounts would spend most of its
/// build hashing them into a dictionary and then sorting keys that are heap arrays (a retain and a release at every
/// step); here the addresses are sorted as fixed-size words, with nothing to count.
enum GenesisAccounts {
    /// One write a distinct address, the last allocation of an address winning (as writing them in file order would),
    /// and a deletion for an allocation of 0 (an empty account is not stored). The records are made in file order, on
    /// every core, and then sorted: made after the sort, each would be a few cache misses away.
    static func writes(of allocations: [Genesis.Allocation]) -> [(key: StateKey, value: Bytes?)] {
        var rows = ParallelMap.map(count: allocations.count, threshold: 4_096) { index in
            let allocation = allocations[index]
            let account = Account(nonce: 0, balance: allocation.amount)
            return Row(
                order: SortKey(allocation.address, index: index), key: .account(allocation.address),
                value: account.isEmpty ? nil : account.canonicalBytes)
        }
        rows.sort { $0.order < $1.order }
        var writes: [(key: StateKey, value: Bytes?)] = []
        writes.reserveCapacity(rows.count)
        for position in rows.indices {
            let next = rows.index(after: position)
            if next < rows.endIndex, rows[next].order.sameAddress(as: rows[position].order) { continue }
            writes.append((rows[position].key, rows[position].value))
        }
        return writes
    }

    private struct Row: Sendable {
        let order: SortKey
        let key: StateKey
        let value: Bytes?
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

    /// An address as three big-endian words (so comparing them compares the bytes), and where it came in the file.
    private struct SortKey: Comparable, Sendable {
        let high: UInt64, middle: UInt64, low: UInt32
        let index: Int

        init(_ address: Address, index: Int) {
            (high, middle, low) = address.bytes.withUnsafeBytes { bytes in
                (UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                 UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                 UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self)))
            }
            self.index = index
        }

        func sameAddress(as other: SortKey) -> Bool { high == other.high && middle == other.middle && low == other.low }

        static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            (lhs.high, lhs.middle, lhs.low, lhs.index) < (rhs.high, rhs.middle, rhs.low, rhs.index)
        }
    }
}
