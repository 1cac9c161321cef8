import ProofmintCore

/// Tree nodes as the `tree` table stores them, made ready off the writing thread: each node's key and its sealed value
/// (encoding ‖ checksum), back to back in one buffer.
struct SealedNodes: Sendable {
    private static let keyLength = NodePath.storageKeyLength
    private static let sealedLength = TreeNode.canonicalLength + RecordChecksum.length
    private static let recordLength = keyLength + sealedLength

    private let paths: [NodePath]
    private let records: Bytes

    var count: Int { paths.count }

    init(_ nodes: [(path: NodePath, node: TreeNode)]) {
        paths = nodes.map(\.path)
        records = Bytes(unsafeUninitializedCapacity: nodes.count * Self.recordLength) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            withUnsafeTemporaryAllocation(byteCount: TreeNode.canonicalLength, alignment: 8) { encoding in
                for (index, (path, node)) in nodes.enumerated() {
                    let record = UnsafeMutableRawBufferPointer(rebasing: raw[Self.range(of: index)])
                    let key = UnsafeMutableRawBufferPointer(rebasing: record[..<Self.keyLength])
                    path.writeStorageKey(into: key)
                    node.writeCanonicalBytes(into: encoding)
                    RecordChecksum.seal(
                        UnsafeRawBufferPointer(encoding), table: .tree, key: UnsafeRawBufferPointer(key),
                        into: UnsafeMutableRawBufferPointer(rebasing: record[Self.keyLength...]))
                }
            }
            initialized = nodes.count * Self.recordLength
        }
    }

    /// Puts every node into the `tree` table (the one they were sealed for), appending those whose keys sort after
    /// every key written before.
    func put(into txn: LMDBTransaction, tables: Tables, ascending: inout AscendingKeys<NodePath>) throws(LMDBError) {
        let table = tables[.tree]
        let failure: LMDBError? = records.withUnsafeBytes { records -> LMDBError? in
            for (index, path) in paths.enumerated() {
                let record = UnsafeRawBufferPointer(rebasing: records[Self.range(of: index)])
                do throws(LMDBError) {
                    try txn.putSealed(
                        table, key: UnsafeRawBufferPointer(rebasing: record[..<Self.keyLength]),
                        sealed: UnsafeRawBufferPointer(rebasing: record[Self.keyLength...]), appending: ascending.admit(path))
                } catch {
                    return error
                }
            }
            return nil
        }
        if let failure { throw failure }
    }

    private static func range(of index: Int) -> Range<Int> { (index * recordLength)..<((index + 1) * recordLength) }
}
