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
    struct Location: Equatable, CanonicalCodable {
        let height: UInt64
        let index: UInt32

        static let none = Location(height: 0, index: 0)
        /// Encoded bytes: a u64 and a u32.
        static let length = 12

        var exists: Bool { height != 0 }

        func encode(to writer: inout CanonicalWriter) {
            writer.u64(height)
            writer.u32(index)
        }

        static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Location {
            Location(height: try reader.u64(), index: try reader.u32())
        }
    }

    /// A pointer to an older entry with that entry's depth (its 1-based position in the account's history).
    struct Link: Equatable, CanonicalCodable {
        let location: Location
        let depth: UInt64

        static let none = Link(location: .none, depth: 0)
        /// Encoded bytes: a location and a u64.
        static let length = Location.length + 8

        func encode(to writer: inout CanonicalWriter) {
            location.encode(to: &writer)
            writer.u64(depth)
        }

        static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Link {
            Link(location: try .decode(from: &reader), depth: try reader.u64())
        }

        /// Whether this is a well-formed jump of the entry `from` links to: absent for a first entry, else older.
        func isJump(of from: Link) -> Bool {
            guard from.location.exists, from.depth > 1 else { return !location.exists && depth == 0 }
            return location.exists && depth >= 1 && depth < from.depth
        }
    }

    /// One entry (`history_log` value): the transaction id, the entry's own depth, the entry before it and its jump.
    struct Entry: Equatable, CanonicalCodable {
        let transactionId: Hash32
        let depth: UInt64
        let previous: Location
        let jump: Link

        /// Encoded bytes.
        static let length = Hash32.length + 8 + Location.length + Link.length

        func encode(to writer: inout CanonicalWriter) {
            writer.hash(transactionId)
            writer.u64(depth)
            previous.encode(to: &writer)
            jump.encode(to: &writer)
        }

        static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Entry {
            Entry(transactionId: try reader.hash(), depth: try reader.u64(), previous: try .decode(from: &reader), jump: try .decode(from: &reader))
        }

        /// The first entry points nowhere; every later one at an older entry and at a jump of smaller depth.
        var isWellFormed: Bool {
            depth >= 1 && depth < .max && previous.exists == (depth > 1) && jump.isJump(of: Link(location: previous, depth: depth))
        }
    }

    /// An address's head (`history_heads` value): its newest entry, that entry's jump, and the jump's own jump, which
    /// is all an append needs in the common case.
    struct Head: Equatable, CanonicalCodable {
        let newest: Link
        let jump: Link
        let jumpOfJump: Link

        /// Encoded bytes.
        static let length = 3 * Link.length

        func encode(to writer: inout CanonicalWriter) {
            newest.encode(to: &writer)
            jump.encode(to: &writer)
            jumpOfJump.encode(to: &writer)
        }

        static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Head {
            Head(newest: try .decode(from: &reader), jump: try .decode(from: &reader), jumpOfJump: try .decode(from: &reader))
        }

        /// Depths fall strictly from the newest entry to its jump to the jump's jump, each link present exactly when
        /// the entry before it is not the account's first.
        var isWellFormed: Bool {
            newest.location.exists && newest.depth >= 1 && newest.depth < .max && jump.isJump(of: newest) && jumpOfJump.isJump(of: jump)
        }
    }

    /// height (u64) ‖ index (u32) ‖ address, big-endian: a block's entries sort after every earlier block's.
    static func key(_ location: Location, _ address: Address) -> Bytes {
        var writer = CanonicalWriter(capacity: Location.length + Address.length)
        writeKey(location, address, to: &writer)
        return writer.bytes
    }

    private static func writeKey(_ location: Location, _ address: Address, to writer: inout CanonicalWriter) {
        location.encode(to: &writer)
        writer.fixed(address.bytes)
    }

    /// A `history_log` key as an operator reads it in an error or a verify report.
    static func describe(key: Bytes) -> String {
        var reader = CanonicalReader(key)
        guard key.count == Location.length + Address.length, let location = try? Location.decode(from: &reader) else { return "history entry \(key.hex)" }
        return "history entry of \(Bytes(key.suffix(Address.length)).hex) at height \(location.height), index \(location.index)"
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
        try write(entry, at: location, head: newHead, of: address, txn: txn, tables: tables)
    }

    /// Puts `entry` and `head` from one buffer holding the entry's key (whose last bytes are the head's key, the
    /// address), the entry and the head: a block writes 20,000 of each, and an array apiece was a third of the index's
    /// time in the commit.
    private static func write(
        _ entry: Entry, at location: Location, head: Head, of address: Address, txn: LMDBTransaction, tables: Tables
    ) throws(LMDBError) {
        var writer = CanonicalWriter(capacity: Location.length + Address.length + Entry.length + Head.length)
        writeKey(location, address, to: &writer)
        let keyEnd = writer.bytes.count
        entry.encode(to: &writer)
        let entryEnd = writer.bytes.count
        head.encode(to: &writer)
        let status = writer.bytes.withUnsafeBytes { bytes in
            Result { () throws(LMDBError) in
                try txn.put(tables[.historyLog], key: UnsafeRawBufferPointer(rebasing: bytes[..<keyEnd]),
                            value: UnsafeRawBufferPointer(rebasing: bytes[keyEnd..<entryEnd]))
                try txn.put(tables[.historyHeads], key: UnsafeRawBufferPointer(rebasing: bytes[Location.length..<keyEnd]),
                            value: UnsafeRawBufferPointer(rebasing: bytes[entryEnd...]))
            }
        }
        try status.get()
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
        try txn.put(tables[.historyHeads], address.bytes, restored.canonicalBytes)
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
        guard let head = try? Head(canonical: bytes), head.isWellFormed else {
            throw .inconsistentRecord(
                table: Table.historyHeads.rawValue, key: Table.historyHeads.describe(key: address.bytes),
                detail: "is \(bytes.count) bytes and does not decode as a history head")
        }
        return head
    }

    /// The entry `link` points at, which must have the depth the link says: every step along a chain goes to a
    /// strictly smaller depth, so a damaged chain can never loop.
    private static func readEntry(_ link: Link, _ address: Address, txn: LMDBTransaction, tables: Tables) throws(LMDBError) -> Entry {
        let key = key(link.location, address)
        guard let bytes = try txn.get(tables[.historyLog], key), let entry = try? Entry(canonical: bytes), entry.isWellFormed,
              entry.depth == link.depth
        else {
            throw .inconsistentRecord(
                table: Table.historyLog.rawValue, key: Table.historyLog.describe(key: key),
                detail: "is missing, malformed or out of place, though its account's history points at it")
        }
        return entry
    }
}
