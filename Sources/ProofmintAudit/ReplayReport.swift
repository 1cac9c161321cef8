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

extension ReplayReport.Mismatch {
    /// The replay tool's report of why `block` was refused on `state` (the state after `parent`): the reason, the
    /// transaction at fault, and for a root mismatch both roots and the writes this build computes, decoded. A follower
    /// logs the same report for a peer's block (docs/ARCHITECTURE.md, "Several nodes").
    public init(explaining error: BlockError, block: Block, parent: BlockHeader, state: any StateReader) {
        self.init(
            height: block.height, transactionIndex: nil, reason: error.description, expectedRoot: nil, computedRoot: nil, computedWrites: [])
        switch error {
        case let .invalidTransaction(index, _, _):
            transactionIndex = index
        case let .stateRootMismatch(header, computed), let .receiptRootMismatch(header, computed), let .transactionRootMismatch(header, computed):
            expectedRoot = header
            computedRoot = computed
            if case .transactionRootMismatch = error { break }
            if let outcome = try? StateTransition.execute(block, parent: parent, state: state) {
                computedWrites = outcome.stateWrites.map { (key: $0.key.description, value: StateDescription.value($0.value, at: $0.key)) }
            }
        default:
            break
        }
    }
}
