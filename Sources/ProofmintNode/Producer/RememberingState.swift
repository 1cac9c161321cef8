import ProofmintCore

/// A state read once a key: a batch's admissions all read the same snapshot, and each of them reads the four records a
/// fee changes (the module accounts and the totals) besides its sender's account, so those are read from the store and
/// the block being committed once a batch instead of once a transaction. Lives for one batch on one snapshot, which
/// nothing changes meanwhile, so what it remembers stays what the store holds. Not shared across threads.
final class RememberingState: StateReader {
    private let base: any StateReader
    private var remembered: [StateKey: Bytes?] = [:]

    init(_ base: any StateReader) { self.base = base }

    func value(for key: StateKey) throws(StateReadError) -> Bytes? {
        if let value = remembered[key] { return value }
        let value = try base.value(for: key)
        remembered[key] = value
        return value
    }

    func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? { try base.treeNode(at: path) }
}
