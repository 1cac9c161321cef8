import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The in-memory store keeps the tree four levels a group (`TreeGroup`) and remembers the group it read last at each
/// level: through random rounds of inserts, changes and deletions its nodes, reads and roots stay the tree's, and a read
/// after a write sees the write.
final class MemoryStateStoreTests: XCTestCase {
    private func key(_ index: Int) -> Hash32 { Hash32.digest(Array("store key \(index)".utf8)) }

    func testGroupedNodesFollowTheTreeThroughInsertsChangesAndDeletions() throws {
        let store = MemoryStateStore()
        var reference = [NodePath: TreeNode]()
        var present = Set<Int>()
        var random = SplitMix64(seed: 17)
        for round in 0..<60 {
            var updates = [StateTree.Update]()
            var touched = Set<Int>()
            for _ in 0..<Int(1 + random.next() % 40) {
                let index = Int(random.next() % 300)
                guard touched.insert(index).inserted else { continue }
                let delete = present.contains(index) && random.next() % 3 == 0
                if delete { present.remove(index) } else { present.insert(index) }
                updates.append(StateTree.Update(key: key(index), valueHash: delete ? nil : key(Int(random.next() % 1_000) + 10_000)))
            }
            // Read every node first, so the store remembers groups that the write then changes.
            for path in reference.keys { XCTAssertEqual(try store.treeNode(at: path), reference[path]) }
            let changes = try StateTree.update(updates, reader: store)
            XCTAssertEqual(changes.root, try StateTree.update(updates, reader: MapReaderForStore(nodes: reference)).root, "round \(round)")
            store.apply(writes: [], treeNodes: changes.nodes)
            for (path, node) in changes.nodes { reference[path] = node }
            XCTAssertEqual(store.nodes, reference, "round \(round)")
            for (path, node) in changes.nodes { XCTAssertEqual(try store.treeNode(at: path), node, "a read after the write, round \(round)") }
        }
        let everything = present.map { StateTree.Update(key: key($0), valueHash: nil) }
        store.apply(writes: [], treeNodes: try StateTree.update(everything, reader: store).nodes)
        XCTAssertTrue(store.nodes.isEmpty, "deleting every key leaves no node")
        XCTAssertNil(try store.treeNode(at: .root))
    }
}

private struct MapReaderForStore: TreeNodeReader {
    let nodes: [NodePath: TreeNode]
    func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? { nodes[path] }
}
