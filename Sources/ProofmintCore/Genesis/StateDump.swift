import ProofmintCrypto

/// The whole state at one height in one canonical byte form (`proofmintd dump-state`, PROTOCOL.md §10.6): every
/// entry sorted by key bytes, a header naming where it came from, and a BLAKE2b-256 digest over all of it. Binary
/// with length prefixes because that has exactly one encoding, so two dumps of the same state are the same bytes on
/// any machine; nothing of the host or of the time of dumping is in it.
public struct StateDump: Equatable, Sendable {
    /// One state record: raw `StateKey` bytes and the record's canonical bytes.
    public struct Entry: Equatable, Sendable {
        public let key: StateKey
        public let value: Bytes

        public init(key: StateKey, value: Bytes) {
            self.key = key
            self.value = value
        }
    }

    /// `PMSTDUMP`: recognises a dump (and tells it apart from a JSON genesis file and a fork genesis file).
    public static let magic = Bytes("PMSTDUMP".utf8)
    public static let formatVersion: UInt16 = 1
    /// Bounds that keep a hostile file from asking for absurd allocations; real keys are ≤ 53 bytes.
    static let maxKeyBytes = 1024
    static let maxValueBytes = 16 << 20

    /// The chain the state was taken from.
    public let chainId: String
    public let height: UInt64
    public let blockHash: Hash32
    /// Unix milliseconds: the timestamp of the block at `height`.
    public let blockTime: UInt64
    /// The state root of the block at `height`, which the entries rebuild.
    public let stateRoot: Hash32
    /// Strictly ascending by key bytes.
    public let entries: [Entry]

    /// Sorts `entries` by key bytes (insertion order never shows in the dump). Keys must be distinct.
    public init(chainId: String, height: UInt64, blockHash: Hash32, blockTime: UInt64, stateRoot: Hash32, entries: [Entry]) {
        self.chainId = chainId
        self.height = height
        self.blockHash = blockHash
        self.blockTime = blockTime
        self.stateRoot = stateRoot
        self.entries = entries.sorted { $0.key < $1.key }
    }

    /// The digest in the header: BLAKE2b-256 of the header fields before it followed by the entries section.
    public var digest: Hash32 { Hash32.digest(parts: [headerFields(), entriesSection()]) }

    /// The file bytes.
    public func encoded() -> Bytes {
        let entries = entriesSection()
        let header = headerFields()
        return header + Hash32.digest(parts: [header, entries]).bytes + entries
    }

    /// The state root the entries build (the same sparse Merkle tree the state transition keeps, from empty).
    public func computedRoot() throws(StateReadError) -> Hash32 {
        let updates = entries.map { StateTree.Update(key: $0.key.treeKey, valueHash: Hash32.digest($0.value)) }
        return try StateTree.update(updates, reader: EmptyState()).root
    }

    /// Decodes a dump and checks its magic, version, digest and key order; `verified` also rebuilds the root.
    public static func decode(_ bytes: Bytes) throws(StateDumpError) -> StateDump {
        guard bytes.starts(with: magic) else { throw StateDumpError("is not a state dump: it does not start with 'PMSTDUMP'") }
        var reader = CanonicalReader(Array(bytes.dropFirst(magic.count)))
        do {
            let version = try reader.u16()
            guard version == formatVersion else {
                throw StateDumpError("has format version \(version); this build reads version \(formatVersion)")
            }
            let chainId = try reader.string(field: "chain_id", max: Transaction.maxChainIdBytes)
            let height = try reader.u64(), blockHash = try reader.hash(), blockTime = try reader.u64()
            let stateRoot = try reader.hash(), count = try reader.u64()
            let headerLength = magic.count + reader.offset
            let stated = try reader.hash()
            let entries = try readEntries(&reader, count: count)
            try reader.finish()
            let actual = Hash32.digest(parts: [Array(bytes[0..<headerLength]), Array(bytes[(headerLength + 32)...])])
            guard actual == stated else {
                throw StateDumpError("is damaged or was edited: its digest is \(actual.hex), the header says \(stated.hex)")
            }
            return StateDump(chainId: chainId, height: height, blockHash: blockHash, blockTime: blockTime, stateRoot: stateRoot, entries: entries)
        } catch let error as StateDumpError {
            throw error
        } catch {
            throw StateDumpError("is truncated or malformed: \(error)")
        }
    }

    /// `decode`, then the entries must rebuild the root the header states.
    public static func verified(_ bytes: Bytes) throws(StateDumpError) -> StateDump {
        let dump = try decode(bytes)
        let root: Hash32
        do { root = try dump.computedRoot() } catch { throw StateDumpError("entries do not build a state tree: \(error)") }
        guard root == dump.stateRoot else {
            throw StateDumpError("entries build the state root \(root.hex), not the \(dump.stateRoot.hex) its header states")
        }
        return dump
    }

    private static func readEntries(_ reader: inout CanonicalReader, count: UInt64) throws -> [Entry] {
        // Each entry takes at least 8 bytes: a count beyond that is a lie, refused before anything is reserved.
        guard count <= UInt64(reader.remaining / 8) else { throw StateDumpError("states \(count) entries, more than its bytes can hold") }
        var entries = [Entry]()
        entries.reserveCapacity(Int(count))
        for index in 0..<count {
            let key = StateKey(bytes: try reader.variable(field: "key", max: maxKeyBytes))
            let value = try reader.variable(field: "value", max: maxValueBytes)
            if let previous = entries.last, !(previous.key < key) {
                throw StateDumpError("entry \(index) (\(key)) is not after entry \(index - 1): keys must be strictly ascending")
            }
            entries.append(Entry(key: key, value: value))
        }
        return entries
    }

    private func headerFields() -> Bytes {
        var writer = CanonicalWriter()
        writer.fixed(Self.magic)
        writer.u16(Self.formatVersion)
        writer.string(chainId)
        writer.u64(height)
        writer.hash(blockHash)
        writer.u64(blockTime)
        writer.hash(stateRoot)
        writer.u64(UInt64(entries.count))
        return writer.bytes
    }

    private func entriesSection() -> Bytes {
        var writer = CanonicalWriter(capacity: entries.reduce(0) { $0 + 8 + $1.key.bytes.count + $1.value.count })
        for entry in entries {
            writer.variable(entry.key.bytes)
            writer.variable(entry.value)
        }
        return writer.bytes
    }
}
