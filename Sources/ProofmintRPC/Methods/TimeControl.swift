import ProofmintCore

/// `pm_setNextBlockTimestamp` params and result: the next block's timestamp, Unix milliseconds.
public struct NextTimestampParams: RPCObject {
    public var timestamp: UInt64
    public init(timestamp: UInt64) { self.timestamp = timestamp }
}

/// `pm_increaseTime` params: milliseconds to move the block clock forward (0 reads it).
public struct IncreaseTimeParams: RPCObject {
    public var milliseconds: UInt64
    public init(milliseconds: UInt64) { self.milliseconds = milliseconds }
}

/// The block clock after a time control: its reading, how far it is ahead of the node's wall clock, and the next
/// block's timestamp when one is set.
public struct BlockClockResult: RPCObject {
    public var now: UInt64
    public var offsetMs: UInt64
    @Omittable public var nextTimestamp: UInt64?
    public init(now: UInt64, offsetMs: UInt64, nextTimestamp: UInt64?) {
        self.now = now
        self.offsetMs = offsetMs
        self.nextTimestamp = nextTimestamp
    }
}
