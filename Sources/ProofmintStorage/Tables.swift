import CLMDB
import ProofmintCore

/// Every table of a node's database, declared once. Integers in keys are big-endian so key order is height order.
/// Every value below is stored followed by its 8-byte `RecordChecksum` (schema 6).
enum Table: String, CaseIterable {
    /// `StateKey` bytes → canonical record (`Account`, `ChainTotals`, `Parameters`, `ValidatorSet`).
    case state
    /// `NodePath.storageKey` of a group's top (depth a multiple of four) → `TreeGroup`: four levels of the tree's nodes
    /// (schema 9). Current state only.
    case tree
    /// height (u64) → canonical `Block`.
    case blocks
    /// block hash → height (u64).
    case blockIndex = "block_index"
    /// height (u64) → canonical `ReceiptList`.
    case receipts
    /// transaction id → height (u64) ‖ index in block (u32).
    case transactionIndex = "tx_index"
    /// Named entries: `schema` (u32), `head` (height u64 ‖ hash), `genesis` (the genesis file's bytes), and one
    /// `snapshot/NAME` per devnet snapshot (`ChainSnapshot`).
    case meta
    /// Node-side index, not state (schema 7): height (u64) → `SupplyPoint` (minted, burned, supply, circulating).
    case supplyHistory = "supply_history"
    /// Node-side index, not state (schema 8): height (u64) ‖ index in block (u32) ‖ address → the transaction id, the
    /// entry's depth in the address's history, the entry before it and a skip ancestor (`AccountHistoryLog`).
    case historyLog = "history_log"
    /// Node-side index, not state (schema 8): address → where its newest history entry is (`AccountHistoryLog.Head`).
    case historyHeads = "history_heads"
    /// height (u64) → `UndoRecord`: what block `height` overwrote or deleted, written only while a devnet snapshot
    /// exists (`ChainStore+Undo.swift`). Created lazily by the first writable open; a read-only open of a home without it leaves it absent.
    case undo

    /// The table's byte in its records' checksums: fixed forever, unlike the declaration order.
    var checksumId: UInt8 {
        switch self {
        case .state: 1
        case .tree: 2
        case .blocks: 3
        case .blockIndex: 4
        case .receipts: 5
        case .transactionIndex: 6
        case .meta: 7
        case .supplyHistory: 8
        case .undo: 10
        // 9 was schema 7's `account_history`, keyed by address.
        case .historyLog: 11
        case .historyHeads: 12
        }
    }
}

/// An open table: its LMDB handle and which table it is, so every get, put and scan can check or seal the record's
/// checksum without its caller doing anything.
struct TableHandle {
    let dbi: MDB_dbi
    let table: Table
}

/// Keys of the `meta` table.
enum MetaKey {
    static let schema = Array("schema".utf8)
    static let head = Array("head".utf8)
    static let genesis = Array("genesis".utf8)
    /// One byte, 1 if the genesis declares a devnet: read at start instead of parsing the whole genesis file again
    /// (a file of a million allocations costs a node a gigabyte to parse). Absent in homes made before it.
    static let devnet = Array("devnet".utf8)
    /// One byte, 0 if the home was created without the explorer's indexes (`ChainStore.keepsExplorerIndexes`), 1 if with
    /// them. Absent in homes made before the choice existed, which keep them.
    static let explorerIndexes = Array("explorer-indexes".utf8)
    /// Present from the first of the genesis's write transactions until the last (`ChainStore.writeGenesis`): a home
    /// that holds it was never finished.
    static let unfinishedGenesis = Array("unfinished-genesis".utf8)
}

/// The open handles of every table, found by the table's checksum byte: a commit looks a handle up for each of its
/// ~100,000 puts, and a dictionary keyed by `Table` hashed its raw value, a string, every time.
struct Tables {
    private let handles: [MDB_dbi?]

    /// `createLazy` creates the tables added after schema 6 (`Table.isLazy`) in a home that lacks them; a read-only
    /// open leaves them absent (`contains` says so) rather than refusing an older home.
    init(environment: LMDBEnvironment, create: Bool, createLazy: Bool = false) throws(LMDBError) {
        var handles = [MDB_dbi?](repeating: nil, count: Table.allCases.map { Int($0.checksumId) }.max().map { $0 + 1 } ?? 0)
        for table in Table.allCases {
            do {
                handles[Int(table.checksumId)] = try environment.openTable(table.rawValue, create: create || (table.isLazy && createLazy))
            } catch .notFound where table.isLazy {
                continue
            }
        }
        self.handles = handles
    }

    subscript(_ table: Table) -> TableHandle { TableHandle(dbi: handles[Int(table.checksumId)] ?? 0, table: table) }

    /// Whether the table exists in this home: always, except a lazy table in an older home opened read-only.
    func contains(_ table: Table) -> Bool { handles[Int(table.checksumId)] != nil }
}

extension Table {
    /// Added after schema 6 and created on first writable open instead of bumping the schema (no data moves).
    var isLazy: Bool { self == .undo }
}

extension UInt64 {
    var bigEndianBytes: [UInt8] { withUnsafeBytes(of: bigEndian, Array.init) }

    init?(bigEndianBytes bytes: [UInt8]) {
        guard bytes.count == 8 else { return nil }
        self = bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}

extension Table {
    /// A key as an operator reads it in an error or a verify report: heights as numbers, hashes and state keys in hex.
    func describe(key: Bytes) -> String {
        switch self {
        case .blocks, .receipts, .supplyHistory: UInt64(bigEndianBytes: key).map { "height \($0)" } ?? "key \(key.hex)"
        case .blockIndex: "block \(key.hex)"
        case .transactionIndex: "transaction \(key.hex)"
        case .state: "state key \(key.hex)"
        case .tree: "tree group \(key.hex)"
        case .meta: "meta \(String(decoding: key, as: UTF8.self))"
        case .historyLog: AccountHistoryLog.describe(key: key)
        case .historyHeads: "history head of \(key.hex)"
        case .undo: UInt64(bigEndianBytes: key).map { "undo of height \($0)" } ?? "key \(key.hex)"
        }
    }
}
