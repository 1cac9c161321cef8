import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The in-memory store keeps the tree four levels a group (`TreeGroup`) and remembers the group it read last at each
/// level: through random rounds of inserts, changes and deletions its nodes, reads and roots stay the tree's, and a read
/// after a write sees the write.
final class MemoryStateStoreTests: XCTestCase {
    func testGroupedNodesFollowTheTreeThroughInsertsChangesAndDeletions() throws {
        let store = MemoryStateStore()
        var reference = [NodePath: TreeNode]()
        var rounds = TreeUpdateRounds(seed: 17, keys: 300, perRound: 40)
        for round in 0..<60 {
            let updates = rounds.next()
            // Read every node first, so the store remembers groups that the write then changes.
            for path in reference.keys { XCTAssertEqual(try store.treeNode(at: path), reference[path]) }
            let changes = try StateTree.update(updates, reader: store)
            XCTAssertEqual(changes.root, try StateTree.update(updates, reader: MapReaderForStore(nodes: reference)).root, "round \(round)")
            store.apply(writes: [], treeNodes: changes.nodes)
            for (path, node) in changes.nodes { reference[path] = node }
            XCTAssertEqual(store.nodes, reference, "round \(round)")
            for (path, node) in changes.nodes { XCTAssertEqual(try store.treeNode(at: path), node, "a read after the write, round \(round)") }
        }
        store.apply(writes: [], treeNodes: try StateTree.update(rounds.deleteAll(), reader: store).nodes)
        XCTAssertTrue(store.nodes.isEmpty, "deleting every key leaves no node")
        XCTAssertNil(try store.treeNode(at: .root))
    }
}

private struct MapReaderForStore: TreeNodeReader {
    let nodes: [NodePath: TreeNode]
    func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? { nodes[path] }
}
