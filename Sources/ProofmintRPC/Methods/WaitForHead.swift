import ProofmintCore

/// `pm_waitForHead` params: answer as soon as the head is above `after_height`, or after `timeout_ms` (default 10,000,
/// at most `WaitForHeadParams.maxTimeoutMs`) with the head as it is. A long poll: a follower learns of a new block
/// as soon as it is committed instead of polling.
public struct WaitForHeadParams: RPCObject {
    public static let maxTimeoutMs: UInt64 = 30_000
    public static let defaultTimeoutMs: UInt64 = 10_000

    public var afterHeight: UInt64
    public var timeoutMs: UInt64?
    public init(afterHeight: UInt64, timeoutMs: UInt64? = nil) {
        self.afterHeight = afterHeight
        self.timeoutMs = timeoutMs
    }
}

/// `pm_waitForHead` result: the node's head when it answered, and its genesis (a follower refuses a peer of another chain).
public struct WaitForHeadResult: RPCObject {
    public var height: UInt64
    public var headHash: Hash32
    /// The head block's timestamp, Unix milliseconds.
    public var timestamp: UInt64
    public var genesisHash: Hash32
    public init(height: UInt64, headHash: Hash32, timestamp: UInt64, genesisHash: Hash32) {
        self.height = height
        self.headHash = headHash
        self.timestamp = timestamp
        self.genesisHash = genesisHash
    }
}
