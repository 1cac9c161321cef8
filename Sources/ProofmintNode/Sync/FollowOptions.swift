import Foundation

/// How a node follows its peers (`proofmintd start --follow`); the timings are flags so tests can keep them short.
public struct FollowOptions: Sendable {
    /// The peers' RPC URLs.
    public var peers: [URL]
    /// A peer block stamped more than this many milliseconds ahead of this node's clock waits (node policy: it is
    /// deferred until the clock catches up, never refused or held against the peer).
    public var maxDriftMs: UInt64 = 5_000
    /// How long one `pm_waitForHead` long poll waits for a new block before asking again.
    public var longPollMs: UInt64 = 5_000
    /// Blocks fetched per `pm_getRawBlocks` call while catching up.
    public var batch: UInt64 = 256
    /// The first back-off after a peer fails or serves a refused block; it doubles up to `maxBackoffMs`.
    public var backoffMs: UInt64 = 500
    public var maxBackoffMs: UInt64 = 30_000

    /// How long a validator waits after catching up before it produces: twice the base back-off, the longest its peers
    /// (started with the same flags) take to notice that it is back and watch its head again. Producing sooner could
    /// make a block they do not see before they take the slot over: two blocks at one height (no fork choice).
    public var productionGraceMs: UInt64 { 2 * backoffMs }

    public init(peers: [URL]) { self.peers = peers }
}
