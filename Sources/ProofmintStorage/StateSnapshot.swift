import ProofmintCore

/// The state as of one committed block, read through one LMDB read transaction.
/// Valid only inside the `ChainStore.withSnapshot` call that made it.
public struct StateSnapshot: StateReader {
    let transaction: LMDBTransaction
    let tables: Tables

    public func value(for key: StateKey) throws(StateReadError) -> Bytes? {
        do {
            return try transaction.get(tables[.state], key.bytes)
        } catch {
            throw StateReadError("reading \(key): \(error)")
        }
    }

    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? {
        let bytes: Bytes?
        do {
            bytes = try transaction.get(tables[.tree], path.storageKey)
        } catch {
            throw StateReadError("reading tree node at depth \(path.depth): \(error)")
        }
        guard let bytes else { return nil }
        do {
            return try TreeNode(canonical: bytes)
        } catch {
            throw StateReadError("tree node at depth \(path.depth) does not decode: \(error)")
        }
    }
}
