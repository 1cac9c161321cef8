import ProofmintCore

/// What a replay found: how far it got, the roots it computed, and the first mismatch if there was one.
public struct ReplayReport: Sendable {
    /// The first block that does not re-execute to what its header (or the chain) says.
    public struct Mismatch: Sendable {
        public var height: UInt64
        public var transactionIndex: Int?
        public var reason: String
        public var expectedRoot: Hash32?
        public var computedRoot: Hash32?
        /// The state entries the block writes as this build executes it, decoded (for a root mismatch).
        public var computedWrites: [(key: String, value: String)]
    }

    public var genesisHash: Hash32
    public var blocks = 0
    public var transactions = 0
    public var lastHeight: UInt64 = 0
    public var stateRoot: Hash32
    /// BLAKE2b-256 of every replayed block's state root in order: two replays agree on it iff they agree on all roots.
    public var rootsDigest: Hash32 = .zero
    public var roots: [Hash32] = []
    public var mismatch: Mismatch?
    public var haltedAt: UInt64?
    public var seconds: Double = 0

    public var ok: Bool { mismatch == nil }
}
