import ProofmintCore

/// `pm_getAccountHistory` params: an account, a page size (1–1000, default 50) and where the page ends (below
/// height `before`; the head when nil).
public struct AccountHistoryParams: RPCObject {
    public var address: Address
    public var limit: UInt64?
    public var before: UInt64?

    public init(address: Address, limit: UInt64? = nil, before: UInt64? = nil) {
        self.address = address
        self.limit = limit
        self.before = before
    }
}

/// `pm_getAccountHistory` result: the account's transactions, newest first.
public struct AccountHistoryResult: RPCObject {
    public var address: Address
    public var height: UInt64
    public var entries: [HistoryEntryView]
    /// The `before` of the next page; null when this page reaches the account's first transaction.
    public var next: UInt64?

    public init(address: Address, height: UInt64, entries: [HistoryEntryView], next: UInt64?) {
        self.address = address
        self.height = height
        self.entries = entries
        self.next = next
    }
}

/// One transaction of an account's history: its id and where it was included.
public struct HistoryEntryView: RPCObject {
    public var id: Hash32
    public var height: UInt64
    public var index: UInt64

    public init(id: Hash32, height: UInt64, index: UInt64) {
        self.id = id
        self.height = height
        self.index = index
    }
}
