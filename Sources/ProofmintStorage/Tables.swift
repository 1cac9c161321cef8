import CLMDB

/// Every table of a node's database, declared once. Integers in keys are big-endian so key order is height order.
enum Table: String, CaseIterable {
    /// `StateKey` bytes → canonical record (`Account`, `ChainTotals`, `Parameters`, `ValidatorSet`).
    case state
    /// `NodePath.storageKey` (32-byte prefix ‖ u16 depth) → canonical `TreeNode`. Current state only.
    case tree
    /// height (u64) → canonical `Block`.
    case blocks
    /// block hash → height (u64).
    case blockIndex = "block_index"
    /// height (u64) → canonical `ReceiptList`.
    case receipts
    /// transaction id → height (u64) ‖ index in block (u32).
    case transactionIndex = "tx_index"
    /// Named entries: `schema` (u32), `head` (height u64 ‖ hash), `genesis` (the genesis file's bytes).
    case meta
}

/// Keys of the `meta` table.
enum MetaKey {
    static let schema = Array("schema".utf8)
    static let head = Array("head".utf8)
    static let genesis = Array("genesis".utf8)
}

/// The open handles of every table.
struct Tables {
    private let handles: [Table: MDB_dbi]

    init(environment: LMDBEnvironment, create: Bool) throws(LMDBError) {
        var handles = [Table: MDB_dbi]()
        for table in Table.allCases { handles[table] = try environment.openTable(table.rawValue, create: create) }
        self.handles = handles
    }

    subscript(_ table: Table) -> MDB_dbi { handles[table] ?? 0 }
}

extension UInt64 {
    var bigEndianBytes: [UInt8] { withUnsafeBytes(of: bigEndian, Array.init) }

    init?(bigEndianBytes bytes: [UInt8]) {
        guard bytes.count == 8 else { return nil }
        self = bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
