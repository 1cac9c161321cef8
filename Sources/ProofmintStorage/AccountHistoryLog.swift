import ProofmintCore

/// Each account's transactions (schema 8), laid out so that a block's commit costs the same however long the chain:
/// the entries go into `history_log` keyed by height ‖ index ‖ address, so a block's entries land after every
/// earlier one and fill a few fresh pages, and `history_heads` holds, per address, where its newest entry is. Each
/// entry points at the one before it and at a skip ancestor, so the newest-first query and its `before` cursor reach
/// any point of a long history in O(log n) reads.
///
/// Schema 7 keyed the entries by address ‖ height ‖ index: each of a block's 20,000 history entries landed on a page
/// of its own once the table outgrew that, and a block's commit grew with the chain (docs/PERFORMANCE.md, "Point 5:
/// the commit grows with the chain"). The heads table is as large as the set of accounts, like the state.
///
/// The skip pointers follow Myers' applicative random-access stacks ("An applicative random-access stack", 1983):
/// an entry's jump is its predecessor's jump's jump when the predecessor and its jump are as far apart as that jump
/// and its own, and the predecessor otherwise, so jump distances are 1, 3, 7, … and any depth is reached in
/// O(log n) steps. Only the newest entry's pointers (kept in its head) and, sometimes, one older entry are read to
/// append.
enum AccountHistoryLog {
    /// Where an entry lies: its block's height and its transaction's index. Height 0 means none (no transaction is in
    /// the genesis block).
    struct Location: Equatable {
        let height: UInt64
        let index: UInt32

        static let none = Location(height: 0, index: 0)
        static let length = 12

        var exists: Bool { height != 0 }

        func write(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
            buffer.storeBytes(of: height.bigEndian, toByteOffset: offset, as: UInt64.self)
            buffer.storeBytes(of: index.bigEndian, toByteOffset: offset + 8, as: UInt32.self)
        }

        init(height: UInt64, index: UInt32) {
            self.height = height
            self.index = index
        }

        init(_ bytes: ArraySlice<UInt8>) {
            var reader = BigEndianReader(bytes)
            self.init(height: reader.u64(), index: reader.u32())
        }
    }

    /// A pointer to an older entry with that entry's depth (its 1-based position in the account's history).
    struct Link: Equatable {
        let location: Location
        let depth: UInt64

        static let none = Link(location: .none, depth: 0)
        static let length = Location.length + 8

        func write(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
            location.write(into: buffer, at: offset)
            buffer.storeBytes(of: depth.bigEndian, toByteOffset: offset + Location.length, as: UInt64.self)
        }

        init(location: Location, depth: UInt64) {
            self.location = location
            self.depth = depth
        }

        init(_ bytes: ArraySlice<UInt8>) {
            var reader = BigEndianReader(bytes)
            self.init(location: Location(height: reader.u64(), index: reader.u32()), depth: reader.u64())
        }
    }

    /// One entry (`history_log` value): the transaction id, the entry's own depth, the entry before it and its jump.
    struct Entry: Equatable {
        let transactionId: Hash32
        let depth: UInt64
        let previous: Location
        let jump: Link

        static let length = Hash32.length + 8 + Location.length + Link.length

        var bytes: Bytes {
            Bytes(unsafeUninitializedCapacity: Self.length) { buffer, count in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                transactionId.write(into: raw, at: 0)
                raw.storeBytes(of: depth.bigEndian, toByteOffset: Hash32.length, as: UInt64.self)
                previous.write(into: raw, at: Hash32.length + 8)
                jump.write(into: raw, at: Hash32.length + 8 + Location.length)
                count = Self.length
            }
        }

        init(transactionId: Hash32, depth: UInt64, previous: Location, jump: Link) {
            self.transactionId = transactionId
            self.depth = depth
            self.previous = previous
            self.jump = jump
        }

        init?(_ bytes: Bytes) {
            guard bytes.count == Self.length, let id = try? Hash32(bytes: Array(bytes[0..<Hash32.length])) else { return nil }
            var reader = BigEndianReader(bytes[Hash32.length...])
            let depth = reader.u64()
            let previous = Location(bytes[(Hash32.length + 8)..<(Hash32.length + 8 + Location.length)])
            let jump = Link(bytes[(Hash32.length + 8 + Location.length)...])
            // The first entry points nowhere; every later one at an older entry and at a jump of smaller depth.
            let linked = depth > 1
            guard depth >= 1, depth < .max, previous.exists == linked, jump.location.exists == linked,
                  linked ? (jump.depth >= 1 && jump.depth < depth) : jump.depth == 0
            else { return nil }
            self.init(transactionId: id, depth: depth, previous: previous, jump: jump)
        }
    }

    /// An address's head (`history_heads` value): its newest entry, that entry's jump, and the jump's own jump, which
    /// is all an append needs in the common case.
    struct Head: Equatable {
        let newest: Link
        let jump: Link
        let jumpOfJump: Link

        static let length = 3 * Link.length

        var bytes: Bytes {
            Bytes(unsafeUninitializedCapacity: Self.length) { buffer, count in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                newest.write(into: raw, at: 0)
                jump.write(into: raw, at: Link.length)
                jumpOfJump.write(into: raw, at: 2 * Link.length)
                count = Self.length
            }
        }

        init(newest: Link, jump: Link, jumpOfJump: Link) {
            self.newest = newest
            self.jump = jump
            self.jumpOfJump = jumpOfJump
        }

        init?(_ bytes: Bytes) {
            guard bytes.count == Self.length else { return nil }
            self.init(newest: Link(bytes[0..<Link.length]), jump: Link(bytes[Link.length..<(2 * Link.length)]), jumpOfJump: Link(bytes[(2 * Link.length)...]))
            // Depths fall strictly from the newest entry to its jump to the jump's jump, each link present exactly
            // when the entry before it is not the account's first.
            guard newest.location.exists, newest.depth >= 1, newest.depth < .max,
                  Self.follows(jump, newest), Self.follows(jumpOfJump, jump)
            else { return nil }
        }

        /// Whether `link` is a well-formed jump of the entry `from` links: absent for a first entry, else older.
        private static func follows(_ link: Link, _ from: Link) -> Bool {
            guard from.location.exists, from.depth > 1 else { return !link.location.exists && link.depth == 0 }
            return link.location.exists && link.depth >= 1 && link.depth < from.depth
        }
    }

    static let keyLength = Location.length + Address.length

    /// height (u64) ‖ index (u32) ‖ address, big-endian: a block's entries sort after every earlier block's.
    static func key(_ location: Location, _ address: Address) -> Bytes {
        Bytes(unsafeUninitializedCapacity: keyLength) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            location.write(into: raw, at: 0)
            address.bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: raw[Location.length...]).copyMemory(from: $0) }
            count = keyLength
        }
    }

    // MARK: - Writing

    /// Appends `address`'s entry for the transaction at `location`, which is newer than every entry the address has.
    static func append(_ address: Address, at location: Location, transactionId: Hash32, txn: LMDBTransaction, tables: Tables) throws(LMDBError) {
        let head = try readHead(address, txn: txn, tables: tables)
        let entry: Entry
        let newHead: Head
        if let head {
            let previous = head.newest
            guard (previous.location.height, previous.location.index) < (location.height, location.index) else {
                throw .inconsistentRecord(
                    table: Table.historyHeads.rawValue, key: Table.historyHeads.describe(key: address.bytes),
                    detail: "names an entry at height \(previous.location.height), index \(previous.location.index) as the account's newest, not older than the one being added")
            }
            let jump: Link
            let jumpOfJump: Link
            if head.jump.location.exists, head.jumpOfJump.location.exists,
               previous.depth - head.jump.depth == head.jump.depth - head.jumpOfJump.depth {
                jump = head.jumpOfJump
                jumpOfJump = try readEntry(jump, address, txn: txn, tables: tables).jump
            } else {
                jump = previous
                jumpOfJump = head.jump
            }
            entry = Entry(transactionId: transactionId, depth: previous.depth + 1, previous: previous.location, jump: jump)
            newHead = Head(newest: Link(location: location, depth: entry.depth), jump: jump, jumpOfJump: jumpOfJump)
        } else {
            entry = Entry(transactionId: transactionId, depth: 1, previous: .none, jump: .none)
            newHead = Head(newest: Link(location: location, depth: 1), jump: .none, jumpOfJump: .none)
        }
        try txn.put(tables[.historyLog], key(location, address), entry.bytes)
        try txn.put(tables[.historyHeads], address.bytes, newHead.bytes)
    }

    /// Removes `address`'s newest entry, which must be the one at `location` (a revert removes blocks newest first).
    static func removeNewest(_ address: Address, at location: Location, txn: LMDBTransaction, tables: Tables) throws(LMDBError) {
        guard let head = try readHead(address, txn: txn, tables: tables), head.newest.location == location else {
            throw .inconsistentRecord(
                table: Table.historyHeads.rawValue, key: Table.historyHeads.describe(key: address.bytes),
                detail: "does not name the entry at height \(location.height), index \(location.index) as the account's newest")
        }
        let entry = try readEntry(head.newest, address, txn: txn, tables: tables)
        try txn.delete(tables[.historyLog], key(location, address))
        guard entry.previous.exists else { return try txn.delete(tables[.historyHeads], address.bytes) }
        let previous = try readEntry(Link(location: entry.previous, depth: entry.depth - 1), address, txn: txn, tables: tables)
        let jumpOfJump = previous.jump.location.exists ? try readEntry(previous.jump, address, txn: txn, tables: tables).jump : .none
        let restored = Head(newest: Link(location: entry.previous, depth: previous.depth), jump: previous.jump, jumpOfJump: jumpOfJump)
        try txn.put(tables[.historyHeads], address.bytes, restored.bytes)
    }

    // MARK: - Reading

    /// `address`'s entries below height `before` (all when nil), newest first, as `ChainStore.accountHistory` pages
    /// them: at least `limit` entries unless fewer remain, never splitting a block; `next` is the following page's
    /// `before`, nil when nothing older remains.
    static func page(
        _ address: Address, limit: Int, before: UInt64?, txn: LMDBTransaction, tables: Tables
    ) throws(LMDBError) -> (entries: [AccountHistoryEntry], next: UInt64?) {
        guard var (location, entry, _) = try seek(address, before: before, txn: txn, tables: tables) else { return ([], nil) }
        var entries = [AccountHistoryEntry]()
        while true {
            entries.append(AccountHistoryEntry(height: location.height, index: location.index, transactionId: entry.transactionId))
            guard entry.previous.exists else { return (entries, nil) }
            // Full, and the next entry is in an older block: the page ends here, and the next starts below this block.
            if entries.count >= limit, entry.previous.height != location.height { return (entries, location.height) }
            let older = Link(location: entry.previous, depth: entry.depth - 1)
            location = older.location
            entry = try readEntry(older, address, txn: txn, tables: tables)
        }
    }

    /// `address`'s newest entry below height `before` (its newest when nil), and how many entries were read to find
    /// it: a jump whose target is still at or above `before` skips only entries that are too (heights never grow
    /// along the chain), so the count stays near 2·log2(n) however far back `before` is.
    static func seek(
        _ address: Address, before: UInt64?, txn: LMDBTransaction, tables: Tables
    ) throws(LMDBError) -> (location: Location, entry: Entry, reads: Int)? {
        guard let head = try readHead(address, txn: txn, tables: tables) else { return nil }
        var location = head.newest.location
        var entry = try readEntry(head.newest, address, txn: txn, tables: tables)
        var reads = 1
        guard let before else { return (location, entry, reads) }
        while location.height >= before {
            let next: Link
            if entry.jump.location.exists, entry.jump.location.height >= before {
                next = entry.jump
            } else if entry.previous.exists {
                next = Link(location: entry.previous, depth: entry.depth - 1)
            } else {
                return nil
            }
            location = next.location
            entry = try readEntry(next, address, txn: txn, tables: tables)
            reads += 1
        }
        return (location, entry, reads)
    }

    private static func readHead(_ address: Address, txn: LMDBTransaction, tables: Tables) throws(LMDBError) -> Head? {
        guard let bytes = try txn.get(tables[.historyHeads], address.bytes) else { return nil }
        guard let head = Head(bytes) else {
            throw .inconsistentRecord(
                table: Table.historyHeads.rawValue, key: Table.historyHeads.describe(key: address.bytes),
                detail: "is \(bytes.count) bytes and does not decode as a history head (\(Head.length) bytes)")
        }
        return head
    }

    /// The entry `link` points at, which must have the depth the link says: every step along a chain goes to a
    /// strictly smaller depth, so a damaged chain can never loop.
    private static func readEntry(_ link: Link, _ address: Address, txn: LMDBTransaction, tables: Tables) throws(LMDBError) -> Entry {
        let key = key(link.location, address)
        guard let bytes = try txn.get(tables[.historyLog], key), let entry = Entry(bytes), entry.depth == link.depth else {
            throw .inconsistentRecord(
                table: Table.historyLog.rawValue, key: Table.historyLog.describe(key: key),
                detail: "is missing, malformed or out of place, though its account's history points at it")
        }
        return entry
    }
}

/// Big-endian integers read from consecutive bytes, for the history records' fixed layouts.
private struct BigEndianReader {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    mutating func u64() -> UInt64 {
        defer { bytes = bytes.dropFirst(8) }
        return bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func u32() -> UInt32 {
        defer { bytes = bytes.dropFirst(4) }
        return bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }
}
