import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

/// The `tree` table's records of four tree levels each (schema 9): where a node sits in its group, the record's encoding,
/// what a damaged one reads as, and the groups a store keeps against an in-memory tree through inserts, changes and
/// deletions.
final class TreeGroupTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-groups-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func key(_ index: Int) -> Hash32 { Hash32.digest(Array("key \(index)".utf8)) }

    func testEachPathOfAGroupHasItsOwnPlaceAndThePlaceGivesThePathBack() {
        for depth in [0, 4, 8, 252] {
            let top = NodePath.toward(key(depth), depth: depth)
            var paths = [top]
            var next = 0
            while paths.count < TreeGroup.places {
                paths += [paths[next].child(0), paths[next].child(1)]
                next += 1
            }
            for (expected, path) in paths.enumerated() {
                XCTAssertEqual(TreeGroup.top(of: path), top, "depth \(path.depth)")
                XCTAssertEqual(TreeGroup.place(of: path), expected, "depth \(path.depth)")
                XCTAssertEqual(TreeGroup.path(of: expected, under: top), path)
            }
            XCTAssertEqual(TreeGroup.top(of: paths[7].child(1)), paths[7].child(1), "four levels down is the next group's top")
        }
        XCTAssertEqual(TreeGroup.top(of: NodePath.toward(key(1), depth: 256)).depth, 256)
        XCTAssertEqual(TreeGroup.place(of: NodePath.toward(key(1), depth: 256)), 0)
    }

    func testARecordDecodesToTheGroupItWasEncodedFrom() throws {
        var random = SplitMix64(seed: 11)
        for _ in 0..<200 {
            var group = TreeGroup()
            for place in 0..<TreeGroup.places where random.next() % 3 == 0 {
                group[place] = random.next() % 2 == 0
                    ? .leaf(key: key(place), valueHash: key(place + 100)) : .internal(left: key(place + 200), right: .zero)
            }
            if group.isEmpty { group[Int(random.next() % 15)] = .internal(left: .zero, right: key(3)) }
            var record = Bytes(repeating: 0xee, count: group.encodedLength)
            record.withUnsafeMutableBytes { group.encode(into: $0) }
            XCTAssertEqual(record.count, 2 + 65 * group.count)
            XCTAssertEqual(record.withUnsafeBytes(TreeGroup.init(record:)), group)
        }
    }

    func testADamagedRecordDoesNotDecode() {
        var group = TreeGroup()
        group[0] = .internal(left: key(1), right: key(2))
        group[3] = .leaf(key: key(3), valueHash: key(4))
        var record = Bytes(repeating: 0, count: group.encodedLength)
        record.withUnsafeMutableBytes { group.encode(into: $0) }
        XCTAssertNotNil(record.withUnsafeBytes(TreeGroup.init(record:)))
        var damaged: [(String, Bytes)] = [
            ("empty", []), ("one byte", [0x00]), ("no places", [0x00, 0x00]),
            ("one byte short", Array(record.dropLast())), ("one byte long", record + [0]),
        ]
        var sixteenth = record
        sixteenth[0] |= 0x80
        damaged.append(("a sixteenth place", sixteenth))
        var tag = record
        tag[2] = 0x07
        damaged.append(("an unknown node tag", tag))
        var count = record
        count[1] |= 0x02
        damaged.append(("a place without its node", count))
        for (name, bytes) in damaged {
            XCTAssertNil(bytes.withUnsafeBytes(TreeGroup.init(record:)), name)
        }
    }

    /// Random rounds of inserts, changes and deletions: the update reads through the store's groups and writes back into
    /// them; each round's root and node writes equal an in-memory tree's, and at the end the groups hold exactly its
    /// nodes, with no empty group left behind.
    func testStoredGroupsFollowTheTreeThroughInsertsChangesAndDeletions() throws {
        let environment = try LMDBEnvironment(path: directory, maxTables: Table.allCases.count + 2, mapSize: 64 << 20, durability: .none)
        let tables = try Tables(environment: environment, create: true)
        var reference = [NodePath: TreeNode]()
        var rounds = TreeUpdateRounds(seed: 5, keys: 400, perRound: 60)
        for round in 0..<40 {
            let updates = rounds.next()
            let expected = try StateTree.update(updates, reader: MapNodes(nodes: reference))
            let stored = try environment.read(beginFailed: { $0 as any Error }) { txn in
                try StateTree.update(updates, reader: StateSnapshot(transaction: txn, tables: tables, path: directory))
            }
            XCTAssertEqual(stored.root, expected.root, "round \(round)")
            XCTAssertEqual(stored.nodes.map(\.path), expected.nodes.map(\.path), "round \(round)")
            try environment.write { txn throws(LMDBError) in try TreeGroupWriter.write(stored.nodes, txn: txn, table: tables[.tree]) }
            for (path, node) in expected.nodes { reference[path] = node }
        }
        XCTAssertTrue(!rounds.present.isEmpty && reference.count > 100, "the tree is not trivial")
        let groups = try environment.read(beginFailed: { $0 as any Error }) { txn in
            var nodes = [NodePath: TreeNode]()
            try txn.scan(tables[.tree]) { key, value in
                let group = try XCTUnwrap(value.withUnsafeBytes(TreeGroup.init(record:)))
                XCTAssertFalse(group.isEmpty)
                for (path, node) in group.nodes(under: try NodePath(storageKey: key)) { nodes[path] = node }
                return true
            }
            return nodes
        }
        XCTAssertEqual(groups, reference)
    }

    /// Writes in key order are grouped in one pass; writes in any other order (a shuffle here) are sorted first and
    /// leave the same records, and the undo record's group tops are the same either way.
    func testWritesOutOfKeyOrderLeaveTheSameGroups() throws {
        let updates = (0..<300).map { StateTree.Update(key: key($0), valueHash: key($0 + 1_000)) }
        let changes = try StateTree.update(updates, reader: MapNodes(nodes: [:])).nodes
        var random = SplitMix64(seed: 3)
        var shuffled = changes
        for index in shuffled.indices.reversed() { shuffled.swapAt(index, Int(random.next() % UInt64(index + 1))) }
        XCTAssertEqual(TreeGroupWriter.tops(of: shuffled), TreeGroupWriter.tops(of: changes))
        XCTAssertEqual(TreeGroupWriter.tops(of: changes), Array(Set(changes.map { TreeGroup.top(of: $0.path) })).sorted())
        var stored: [[Bytes: Bytes]] = []
        for (name, nodes) in [("in order", changes), ("shuffled", shuffled)] {
            let path = directory + "/" + name
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let environment = try LMDBEnvironment(path: path, maxTables: Table.allCases.count + 2, mapSize: 16 << 20, durability: .none)
            let tables = try Tables(environment: environment, create: true)
            try environment.write { txn throws(LMDBError) in try TreeGroupWriter.write(nodes, txn: txn, table: tables[.tree]) }
            stored.append(try environment.read(beginFailed: { $0 as any Error }) { txn in
                var records = [Bytes: Bytes]()
                try txn.scan(tables[.tree]) { key, value in
                    records[key] = value
                    return true
                }
                return records
            })
        }
        XCTAssertEqual(stored[0], stored[1])
        XCTAssertEqual(stored[0].count, TreeGroupWriter.tops(of: changes).count)
    }

    /// The deepest paths there are (what an attacker grinding keys with a shared prefix works towards): keys that differ
    /// only in their last bit have an internal node at depth 255 and leaves at 256, in groups whose tops are at 252 and
    /// 256. They are stored, read back through the groups, changed and deleted like any other; the two paths of 256
    /// levels (and a third key's leaf beside them) take 66 records, where their 259 nodes were 259 records before.
    func testTheDeepestPathsAreStoredReadAndDeletedThroughTheirGroups() throws {
        let environment = try LMDBEnvironment(path: directory, maxTables: Table.allCases.count + 2, mapSize: 16 << 20, durability: .none)
        let tables = try Tables(environment: environment, create: true)
        let twin = try Hash32(bytes: Bytes(repeating: 0x5a, count: 31) + [0x5a])
        let other = try Hash32(bytes: Bytes(repeating: 0x5a, count: 31) + [0x5b])
        let apart = try Hash32(bytes: Bytes(repeating: 0x5a, count: 12) + [0xda] + Bytes(repeating: 0, count: 19))
        var reference = [NodePath: TreeNode]()
        let rounds: [[StateTree.Update]] = [
            [twin, other, apart].map { StateTree.Update(key: $0, valueHash: key(1)) },
            [StateTree.Update(key: other, valueHash: key(2))],
            [StateTree.Update(key: twin, valueHash: nil)],
            [StateTree.Update(key: other, valueHash: nil), StateTree.Update(key: apart, valueHash: nil)],
        ]
        for (round, updates) in rounds.enumerated() {
            let expected = try StateTree.update(updates, reader: MapNodes(nodes: reference))
            let stored = try environment.read(beginFailed: { $0 as any Error }) { txn in
                try StateTree.update(updates, reader: StateSnapshot(transaction: txn, tables: tables, path: directory))
            }
            XCTAssertEqual(stored.root, expected.root, "round \(round)")
            try environment.write { txn throws(LMDBError) in try TreeGroupWriter.write(stored.nodes, txn: txn, table: tables[.tree]) }
            for (path, node) in expected.nodes { reference[path] = node }
            if round == 0 {
                XCTAssertEqual(reference.keys.map(\.depth).max(), 256)
                XCTAssertEqual(reference.count, 259, "internal nodes at depths 0 to 255 and three leaves")
                XCTAssertEqual(
                    TreeGroupWriter.tops(of: stored.nodes).count, 66, "a group every four levels from 0 to 252, and each leaf at 256 tops its own")
            }
        }
        let left = try environment.read(beginFailed: { $0 as any Error }) { txn in try txn.entryCount(tables[.tree]) }
        XCTAssertEqual(left, 0, "deleting every key leaves no group behind")
    }

    /// A group that does not decode is a corrupt record when a commit meets it, not a group to overwrite.
    func testACommitThatMeetsADamagedGroupFailsAndNamesIt() throws {
        let environment = try LMDBEnvironment(path: directory, maxTables: Table.allCases.count + 2, mapSize: 16 << 20, durability: .none)
        let tables = try Tables(environment: environment, create: true)
        try environment.write { txn throws(LMDBError) in try txn.put(tables[.tree], NodePath.root.storageKey, [0x00, 0x01, 0x05]) }
        let change: [(path: NodePath, node: TreeNode?)] = [(NodePath.root, .leaf(key: key(1), valueHash: key(2)))]
        XCTAssertThrowsError(try environment.write { txn throws(LMDBError) in
            try TreeGroupWriter.write(change, txn: txn, table: tables[.tree])
        }) { error in
            guard case let LMDBError.inconsistentRecord(table, _, detail) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(table, "tree")
            XCTAssertEqual(detail, TreeGroup.malformed)
        }
    }
}

/// An in-memory tree for the reference side.
private struct MapNodes: TreeNodeReader {
    let nodes: [NodePath: TreeNode]
    func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? { nodes[path] }
}
