import ProofmintCore

/// `pm_snapshot`, `pm_revert` and `pm_deleteSnapshot` params: the snapshot's name (1–64 of `A–Z a–z 0–9 . _ -`).
public struct SnapshotNameParams: RPCObject {
    public var name: String
    public init(name: String) { self.name = name }
}

/// A named snapshot: the block it was taken at and that block's state root (`pm_snapshot`, `pm_deleteSnapshot`, and
/// each entry of `pm_listSnapshots`).
public struct SnapshotView: RPCObject {
    public var name: String
    public var height: UInt64
    public var blockHash: Hash32
    public var stateRoot: Hash32

    public init(name: String, height: UInt64, blockHash: Hash32, stateRoot: Hash32) {
        self.name = name
        self.height = height
        self.blockHash = blockHash
        self.stateRoot = stateRoot
    }
}

/// `pm_revert` result: the head the chain is back at, and what the revert removed.
public struct RevertResult: RPCObject {
    public var height: UInt64
    public var blockHash: Hash32
    public var stateRoot: Hash32
    /// Pending transactions dropped with the mempool.
    public var droppedTransactions: UInt64
    /// Blocks removed above the snapshot.
    public var revertedBlocks: UInt64
    /// Snapshots taken above the snapshot's height, forgotten with their blocks.
    public var forgottenSnapshots: [String]

    public init(
        height: UInt64, blockHash: Hash32, stateRoot: Hash32, droppedTransactions: UInt64, revertedBlocks: UInt64, forgottenSnapshots: [String]
    ) {
        self.height = height
        self.blockHash = blockHash
        self.stateRoot = stateRoot
        self.droppedTransactions = droppedTransactions
        self.revertedBlocks = revertedBlocks
        self.forgottenSnapshots = forgottenSnapshots
    }
}

/// `pm_listSnapshots` result: the snapshots, oldest first, and what their undo records take on disk.
public struct SnapshotsResult: RPCObject {
    public var snapshots: [SnapshotView]
    public var undoRecords: UInt64
    public var undoBytes: UInt64

    public init(snapshots: [SnapshotView], undoRecords: UInt64, undoBytes: UInt64) {
        self.snapshots = snapshots
        self.undoRecords = undoRecords
        self.undoBytes = undoBytes
    }
}
