import ProofmintCore

/// The records a snapshot read last, one a level of groups (`GroupReadMemory`), so a record is read from LMDB and its
/// whole record checksummed once where its nodes are visited. A class, since a snapshot reads through a value; used by
/// one snapshot, on the thread that reads through it (as its LMDB read transaction is).
final class TreeGroupCache {
    private var memory = GroupReadMemory<TreeGroup?>()

    /// The group at `top` (nil: no record), from the cache or from `load`.
    func group(at top: NodePath, load: (NodePath) throws(StateReadError) -> TreeGroup?) throws(StateReadError) -> TreeGroup? {
        try memory.value(at: top, load: load)
    }
}
