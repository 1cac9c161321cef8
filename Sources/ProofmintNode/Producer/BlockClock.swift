import ProofmintCore

/// How the node stamps its blocks: the producer's clock moved forward by the devnet's time controls
/// (`pm_increaseTime`, `pm_setNextBlockTimestamp`, `pm_mine`'s interval). Once a devnet tool stamps a block ahead of the
/// clock, the clock is moved up to it, so time moved forward stays moved and the next blocks continue from there (anvil
/// does the same), instead of all repeating the parent's timestamp until the wall catches up. A wall clock that steps
/// back moves nothing: the protocol keeps the parent's timestamp until the clock passes it again.
struct BlockClock: Sendable {
    /// Milliseconds added to the producer's clock.
    private(set) var offset: UInt64 = 0
    /// The timestamp the next block must carry, once.
    private(set) var pinnedNext: UInt64?

    /// The clock of a node whose head is `head`: on a devnet (`continuingFromHead`), moved up to the head if the chain
    /// was mined ahead of the wall before a restart.
    init(head: BlockHeader, now: UInt64, continuingFromHead: Bool) {
        offset = continuingFromHead && head.timestamp > now ? head.timestamp - now : 0
    }

    /// The timestamp of the block after `parent`: the pinned one, else the clock; never before the parent (the
    /// protocol's rule, which `StateTransition.propose` applies too).
    func next(after parent: BlockHeader, now: UInt64) -> UInt64 {
        max(pinnedNext ?? Self.add(now, offset), parent.timestamp)
    }

    /// A block stamped `timestamp` was made: the pin is used up and, if a devnet tool chose the timestamp (a pin or an
    /// interval), the clock is moved up to it when it was behind.
    mutating func produced(_ timestamp: UInt64, now: UInt64, byDevnetTool: Bool) {
        pinnedNext = nil
        if byDevnetTool, timestamp > Self.add(now, offset) { offset = timestamp - min(now, timestamp) }
    }

    /// Pins the next block's timestamp.
    mutating func pin(_ timestamp: UInt64) { pinnedNext = timestamp }

    /// Moves the clock forward by `milliseconds`; returns the new offset.
    mutating func advance(by milliseconds: UInt64) -> UInt64 {
        offset = Self.add(offset, milliseconds)
        return offset
    }

    /// The clock's reading now.
    func reading(now: UInt64) -> UInt64 { Self.add(now, offset) }

    /// Saturating: a devnet user asking for the end of time gets `UInt64.max`, never a trap.
    private static func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }
}
