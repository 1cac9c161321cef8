import ProofmintCore

/// What `ChainStore.revert(to:)` did: the block the head is back at, how many blocks above it were removed, and which
/// later snapshots were forgotten with them.
public struct RevertOutcome: Sendable, Equatable {
    public let snapshot: ChainSnapshot
    /// The new head: the snapshot's block.
    public let header: BlockHeader
    public let revertedBlocks: UInt64
    /// Snapshots taken above the snapshot's height, deleted because their blocks are gone.
    public let forgottenSnapshots: [String]
}
