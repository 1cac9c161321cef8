import ProofmintCore

/// `pm_mine` params: how many blocks to produce now (default 1; at most 1,000 a request, or 1,000,000 on a devnet),
/// and, on a devnet, the milliseconds between their timestamps.
public struct MineParams: RPCObject {
    public var blocks: UInt64?
    @Omittable public var intervalMs: UInt64?
    public init(blocks: UInt64? = nil, intervalMs: UInt64? = nil) {
        self.blocks = blocks
        self.intervalMs = intervalMs
    }
}

/// `pm_mine` result: the heights produced (`first_height`…`last_height`), the new head, and how long it took.
public struct MineResult: RPCObject {
    public var firstHeight: UInt64
    public var lastHeight: UInt64
    public var blocks: UInt64
    public var headHash: Hash32
    /// The last block's timestamp, Unix milliseconds.
    public var timestamp: UInt64
    public var elapsedMs: UInt64

    public init(firstHeight: UInt64, lastHeight: UInt64, blocks: UInt64, headHash: Hash32, timestamp: UInt64, elapsedMs: UInt64) {
        self.firstHeight = firstHeight
        self.lastHeight = lastHeight
        self.blocks = blocks
        self.headHash = headHash
        self.timestamp = timestamp
        self.elapsedMs = elapsedMs
    }
}
