import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The incremental state tree against `ReferenceTree`, an independent from-scratch model of the same definition.
final class StateTreeTests: XCTestCase {
    // MARK: - Helpers

    /// A key that shares its first `bits` bits with `base` and is random after them.
    static func key(sharing bits: Int, with base: Hash32, rng: inout SplitMix64) -> Hash32 {
        var bytes = rng.bytes(32)
        for index in 0..<bits { setBit(&bytes, index, ReferenceTree.bit(base.bytes, index)) }
        return try! Hash32(bytes: bytes)
    }

    static func setBit(_ bytes: inout Bytes, _ index: Int, _ value: Int) {
        let mask = UInt8(0x80) >> UInt8(index % 8)
        if value == 1 { bytes[index / 8] |= mask } else { bytes[index / 8] &= ~mask }
    }

    /// `base` with bit `index` flipped.
    static func flip(_ base: Hash32, bit index: Int) -> Hash32 {
        var bytes = base.bytes
        bytes[index / 8] ^= UInt8(0x80) >> UInt8(index % 8)
        return try! Hash32(bytes: bytes)
    }

    /// A pool of keys that makes the tree interesting: uniform keys, clusters sharing 20–40 leading bits,
    /// and pairs that differ only in one late bit (up to the very last one).
    static func keyPool(_ rng: inout SplitMix64, size: Int) -> [Hash32] {
        var pool = Set<Hash32>()
        var order = [Hash32]()  // insertion order: picking from it is deterministic, unlike Set order
        func add(_ key: Hash32) { if pool.insert(key).inserted { order.append(key) } }
        while pool.count < size {
            switch rng.below(16) {
            case 0..<8:
                add(rng.hash32())
            case 8..<14:
                let base = order.isEmpty ? rng.hash32() : rng.element(order)
                add(key(sharing: rng.int(20...40), with: base, rng: &rng))
            case 14:
                if !order.isEmpty { add(flip(rng.element(order), bit: rng.int(41..<200))) }
            default:
                // Rare, because each such pair costs a chain of ~200 single-child nodes.
                if !order.isEmpty { add(flip(rng.element(order), bit: rng.int(200...255))) }
            }
        }
        return order.sorted()
    }

    /// Checks the stored tree against the reference model in every respect that matters.
    func assertMatchesReference(
        _ tree: InMemoryTree, _ model: [Hash32: Hash32], _ context: @autoclosure () -> String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let expectedRoot = ReferenceTree.root(model)
        XCTAssertEqual(tree.root, expectedRoot, "root differs from the reference: \(context())", file: file, line: line)
        let expectedNodes = ReferenceTree.nodes(model)
        if tree.nodes != expectedNodes {
            let stale = Set(tree.nodes.keys).subtracting(expectedNodes.keys)
            let missing = Set(expectedNodes.keys).subtracting(tree.nodes.keys)
            let wrong = Set(tree.nodes.keys).intersection(expectedNodes.keys).filter { tree.nodes[$0] != expectedNodes[$0] }
            XCTFail(
                "node map differs from the reference (\(stale.count) stale, \(missing.count) missing, \(wrong.count) wrong; "
                    + "stale depths \(stale.map(\.depth).sorted()), missing depths \(missing.map(\.depth).sorted())): \(context())",
                file: file, line: line)
        }
    }

    /// The paths reachable from the root by following non-zero child hashes, checking each hash on the way.
    static func reachable(_ nodes: [NodePath: TreeNode]) -> (paths: Set<NodePath>, consistent: Bool) {
        var paths = Set<NodePath>()
        var consistent = true
        func visit(_ path: NodePath, expectedHash: Hash32?) {
            guard let node = nodes[path] else { consistent = false; return }
            if let expectedHash, node.hash != expectedHash { consistent = false }
            paths.insert(path)
            if case let .internal(left, right) = node {
                for (bit, hash) in [(0, left), (1, right)] where hash != .zero {
                    var bytes = path.prefix
                    setBit(&bytes, path.depth, bit)
                    let childKey = try! Hash32(bytes: bytes)
                    visit(NodePath.toward(childKey, depth: path.depth + 1), expectedHash: hash)
                }
            }
        }
        if nodes[.root] != nil { visit(.root, expectedHash: nil) }
        return (paths, consistent)
    }

    // MARK: - Reference model sanity

    /// The reference model itself, checked by hand on tiny trees, so the property tests compare against
    /// something known to follow the definition.
    func testReferenceModelByHand() {
        XCTAssertEqual(ReferenceTree.root([:]), .zero)
        let k0 = try! Hash32(bytes: [0x00] + Bytes(repeating: 0x11, count: 31))  // bit 0 = 0, bit 1 = 0
        let k1 = try! Hash32(bytes: [0x40] + Bytes(repeating: 0x22, count: 31))  // bit 0 = 0, bit 1 = 1
        let k2 = try! Hash32(bytes: [0x80] + Bytes(repeating: 0x33, count: 31))  // bit 0 = 1
        let v = try! Hash32(bytes: Bytes(repeating: 0xee, count: 32))
        func h(_ parts: Bytes...) -> Bytes { Blake2b.hash256(parts.flatMap { $0 }) }
        let leaf0 = h([0], k0.bytes, v.bytes), leaf1 = h([0], k1.bytes, v.bytes), leaf2 = h([0], k2.bytes, v.bytes)
        XCTAssertEqual(ReferenceTree.root([k0: v]).bytes, leaf0)
        // {k0, k2} split at bit 0.
        XCTAssertEqual(ReferenceTree.root([k0: v, k2: v]).bytes, h([1], leaf0, leaf2))
        // {k0, k1} share bit 0 = 0: a chain node with an empty right side, then the split at bit 1.
        XCTAssertEqual(ReferenceTree.root([k0: v, k1: v]).bytes, h([1], h([1], leaf0, leaf1), ReferenceTree.zero))
        XCTAssertEqual(ReferenceTree.root([k0: v, k1: v, k2: v]).bytes, h([1], h([1], leaf0, leaf1), leaf2))
        let nodes = ReferenceTree.nodes([k0: v, k1: v, k2: v])
        XCTAssertEqual(nodes.count, 5)
        XCTAssertEqual(nodes[.root]?.hash.bytes, h([1], h([1], leaf0, leaf1), leaf2))
        XCTAssertEqual(nodes[NodePath.toward(k2, depth: 1)], .leaf(key: k2, valueHash: v))
        XCTAssertEqual(nodes[NodePath.toward(k1, depth: 2)], .leaf(key: k1, valueHash: v))
    }

    // MARK: - Basic shapes

    func testEmptyTree() throws {
        let tree = InMemoryTree()
        XCTAssertEqual(tree.root, .zero)
        let changes = try tree.update([])
        XCTAssertEqual(changes.root, .zero)
        XCTAssertTrue(changes.nodes.isEmpty)
        // Deleting a key from an empty tree changes nothing.
        let deleted = try tree.update([.init(key: Hash32.digest([1]), valueHash: nil)])
        XCTAssertEqual(deleted.root, .zero)
        XCTAssertTrue(tree.nodes.isEmpty)
    }

    func testSingleEntryIsALeafAtTheRoot() throws {
        let tree = InMemoryTree()
        let key = Hash32.digest(Array("k".utf8)), value = Hash32.digest(Array("v".utf8))
        let changes = try tree.update([.init(key: key, valueHash: value)])
        XCTAssertEqual(changes.root.bytes, Blake2b.hash256([0x00] + key.bytes + value.bytes))
        XCTAssertEqual(tree.nodes, [.root: .leaf(key: key, valueHash: value)])
    }

    func testTwoKeysDifferingOnlyInTheLastBit() throws {
        let a = try! Hash32(bytes: Bytes(repeating: 0xa5, count: 32))
        let b = Self.flip(a, bit: 255)
        let v = Hash32.digest([7])
        let tree = InMemoryTree()
        try tree.update([.init(key: a, valueHash: v), .init(key: b, valueHash: v)])
        assertMatchesReference(tree, [a: v, b: v], "last-bit pair")
        XCTAssertEqual(tree.nodes.count, 256 + 2, "a chain of 255 single-child nodes, the split node, two leaves")
        try tree.update([.init(key: a, valueHash: nil)])
        assertMatchesReference(tree, [b: v], "after deleting one of the pair")
        XCTAssertEqual(tree.nodes, [.root: .leaf(key: b, valueHash: v)], "the survivor is hoisted to the root")
        try tree.update([.init(key: b, valueHash: nil)])
        XCTAssertEqual(tree.root, .zero)
        XCTAssertTrue(tree.nodes.isEmpty)
    }

    // MARK: - Properties

    /// Random batches of inserts, updates and deletes (including deletes of absent keys) applied incrementally
    /// give, after every batch, exactly the reference root and node map (no stale nodes, none missing), and the
    /// same as building the final set from scratch in one batch.
    func testIncrementalUpdatesMatchReference() throws {
        let base: UInt64 = 0x7472_6565
        for index in 0..<100 {
            let seed = SplitMix64.caseSeed(base, index)
            var rng = SplitMix64(seed: seed)
            let pool = Self.keyPool(&rng, size: rng.int(1...48))
            let tree = InMemoryTree()
            var model = [Hash32: Hash32]()
            for batchIndex in 0..<rng.int(1...8) {
                var updates = [StateTree.Update]()
                var touched = Set<Hash32>()
                for _ in 0..<rng.int(0...pool.count) {
                    let key = rng.element(pool)
                    guard touched.insert(key).inserted else { continue }
                    // Deletes are a third of the operations; the rest insert or overwrite.
                    if rng.chance(1, in: 3) {
                        updates.append(.init(key: key, valueHash: nil))
                        model[key] = nil
                    } else {
                        let value = rng.hash32()
                        updates.append(.init(key: key, valueHash: value))
                        model[key] = value
                    }
                }
                let changes = try tree.update(rng.shuffled(updates))
                let context = "seed \(seed) (case \(index)), batch \(batchIndex)"
                XCTAssertEqual(changes.root, tree.root, context)
                let paths = changes.nodes.map(\.path)
                XCTAssertEqual(paths, paths.sorted(), "changes are sorted by path: \(context)")
                XCTAssertEqual(Set(paths).count, paths.count, "one write per path: \(context)")
                assertMatchesReference(tree, model, context)
                if tree.nodes != ReferenceTree.nodes(model) { return }  // one detailed failure is enough
            }
            // From scratch, in one batch, in a random order.
            let fresh = InMemoryTree()
            let all = model.map { StateTree.Update(key: $0.key, valueHash: $0.value) }
            try fresh.update(rng.shuffled(all))
            XCTAssertEqual(fresh.root, tree.root, "seed \(seed): incremental root differs from the one-batch root")
            XCTAssertEqual(fresh.nodes, tree.nodes, "seed \(seed): incremental node map differs from the one-batch map")
        }
    }

    /// The same final set reached through different batchings and orders gives the same root and node map.
    func testInsertionOrderDoesNotMatter() throws {
        for index in 0..<25 {
            let seed = SplitMix64.caseSeed(0x6f72_6465, index)
            var rng = SplitMix64(seed: seed)
            let pool = Self.keyPool(&rng, size: rng.int(2...64))
            let entries = Dictionary(uniqueKeysWithValues: pool.map { ($0, rng.hash32()) })
            var results = [(Hash32, [NodePath: TreeNode])]()
            for _ in 0..<3 {
                let tree = InMemoryTree()
                var remaining = rng.shuffled(Array(entries.keys).sorted())
                while !remaining.isEmpty {
                    let take = rng.int(1...remaining.count)
                    try tree.update(remaining.prefix(take).map { .init(key: $0, valueHash: entries[$0]!) })
                    remaining.removeFirst(take)
                }
                results.append((tree.root, tree.nodes))
            }
            for result in results.dropFirst() {
                XCTAssertEqual(result.0, results[0].0, "seed \(seed)")
                XCTAssertEqual(result.1, results[0].1, "seed \(seed)")
            }
            XCTAssertEqual(results[0].0, ReferenceTree.root(entries), "seed \(seed)")
        }
    }

    /// Keys sharing their first 20–40 bits (and pairs sharing 255) through inserts, deletes and re-inserts.
    func testKeysSharingLongPrefixes() throws {
        var rng = SplitMix64(seed: 0x7072_6566)
        for round in 0..<8 {
            let base = rng.hash32()
            var keys = (0..<24).map { _ in Self.key(sharing: rng.int(20...40), with: base, rng: &rng) }
            keys += (0..<4).map { Self.flip(keys[$0], bit: 255) }
            keys += (0..<4).map { Self.flip(keys[$0], bit: rng.int(41...254)) }
            let tree = InMemoryTree()
            var model = [Hash32: Hash32]()
            for key in keys {
                let value = rng.hash32()
                model[key] = value
                try tree.update([.init(key: key, valueHash: value)])
                assertMatchesReference(tree, model, "round \(round), insert one at a time")
            }
            // Delete in a random order, one by one: each leaf left alone must be hoisted all the way up.
            for key in rng.shuffled(keys) {
                model[key] = nil
                try tree.update([.init(key: key, valueHash: nil)])
                assertMatchesReference(tree, model, "round \(round), delete one at a time")
            }
            XCTAssertEqual(tree.root, .zero)
            XCTAssertTrue(tree.nodes.isEmpty, "round \(round): \(tree.nodes.count) nodes left after deleting everything")
        }
    }

    /// A key pool of `size` and a value hash for each key: what a bulk build is given, sorted by key.
    private static func bulkModel(_ rng: inout SplitMix64, size: Int) -> (keys: [Hash32], model: [Hash32: Hash32]) {
        let keys = keyPool(&rng, size: size)
        var model = [Hash32: Hash32]()
        for key in keys { model[key] = rng.hash32() }
        return (keys, model)
    }

    /// The bulk build (a genesis) hands out exactly the reference tree's nodes, each once, children before their
    /// parent and in descending key order, and returns its root: at every size from empty to a pool of clustered and
    /// near-twin keys.
    func testBulkBuildEmitsExactlyTheReferenceNodesChildrenFirst() throws {
        var rng = SplitMix64(seed: 0x6275_6c6b)
        for size in [0, 1, 2, 3, 17, 200] {
            let (keys, model) = Self.bulkModel(&rng, size: size)
            var emitted = [(NodePath, TreeNode)]()
            let root = StateTree.build(sorted: keys.map { ($0, model[$0] ?? .zero) }[...]) { path, node in emitted.append((path, node)) }
            XCTAssertEqual(root, ReferenceTree.root(model), "size \(size)")
            var nodes = [NodePath: TreeNode]()
            var hashesSoFar = Set<Hash32>()
            for (path, node) in emitted {
                XCTAssertNil(nodes.updateValue(node, forKey: path), "size \(size): \(path) emitted twice")
                if case let .internal(left, right) = node {
                    for hash in [left, right] where hash != .zero {
                        XCTAssertTrue(hashesSoFar.contains(hash), "size \(size): a child of \(path) came after it")
                    }
                }
                hashesSoFar.insert(node.hash)
            }
            XCTAssertEqual(nodes, ReferenceTree.nodes(model), "size \(size)")
            XCTAssertTrue(zip(emitted, emitted.dropFirst()).allSatisfy { $0.0 > $1.0 }, "size \(size): not in descending key order")
        }
    }

    /// The bulk build for a store (`buildInKeyOrder`) hands out the same nodes and root, each once: first every node of
    /// the subtrees of at most `batch` entries, in ascending key order (so a store can append them), then the few above
    /// those subtrees, also ascending, each an internal node over more than `batch` entries.
    func testBulkBuildInKeyOrderAppendsAllButTheNodesAboveItsBatches() throws {
        var rng = SplitMix64(seed: 0x6f72_6465)
        for size in [0, 1, 2, 3, 17, 200] {
            let (keys, model) = Self.bulkModel(&rng, size: size)
            let entries = keys.map { ($0, model[$0] ?? .zero) }
            for batch in [1, 2, 7, 64, 500] {
                var emitted = [(NodePath, TreeNode)]()
                let root = StateTree.buildInKeyOrder(sorted: entries[...], batch: batch) { path, node in emitted.append((path, node)) }
                let context = "size \(size), batch \(batch)"
                XCTAssertEqual(root, ReferenceTree.root(model), context)
                XCTAssertEqual(Dictionary(emitted, uniquingKeysWith: { first, _ in first }), ReferenceTree.nodes(model), context)
                XCTAssertEqual(emitted.count, ReferenceTree.nodes(model).count, "\(context): a node emitted twice")
                // Where the order first falls back is where the nodes above the batches begin.
                let paths: [NodePath] = emitted.map(\.0)
                var tail = 1
                while tail < paths.count, paths[tail - 1] < paths[tail] { tail += 1 }
                tail = min(tail, paths.count)
                let above = emitted[tail...]
                let holding = { (path: NodePath) in keys.filter { NodePath.toward($0, depth: path.depth) == path }.count }
                XCTAssertTrue(zip(above, above.dropFirst()).allSatisfy { $0.0 < $1.0 }, "\(context): the nodes above are not ascending")
                for (path, node) in above {
                    guard case .internal = node else { return XCTFail("\(context): a leaf \(path) came after the batches") }
                    XCTAssertGreaterThan(holding(path), batch, "\(context): \(path) holds only \(holding(path)) entries")
                }
                for (path, _) in emitted[..<tail] {
                    XCTAssertLessThanOrEqual(holding(path), batch, "\(context): \(path), over more than a batch, came early")
                }
                XCTAssertEqual(above.isEmpty, size <= batch, "\(context): the root over \(size) entries")
            }
        }
    }

    func testDeletingEverythingInOneBatchEmptiesTheTree() throws {
        for index in 0..<25 {
            let seed = SplitMix64.caseSeed(0x656d_7074, index)
            var rng = SplitMix64(seed: seed)
            let pool = Self.keyPool(&rng, size: rng.int(1...80))
            let tree = InMemoryTree()
            try tree.update(pool.map { .init(key: $0, valueHash: rng.hash32()) })
            XCTAssertFalse(tree.nodes.isEmpty)
            let changes = try tree.update(rng.shuffled(pool).map { .init(key: $0, valueHash: nil) })
            XCTAssertEqual(changes.root, .zero, "seed \(seed)")
            XCTAssertTrue(tree.nodes.isEmpty, "seed \(seed): \(tree.nodes.count) stale nodes")
        }
    }

    /// Replacing every key at once (delete all old, insert all new in one batch).
    func testReplacingTheWholeSetInOneBatch() throws {
        for index in 0..<40 {
            let seed = SplitMix64.caseSeed(0x7265_706c, index)
            var rng = SplitMix64(seed: seed)
            let pool = Self.keyPool(&rng, size: rng.int(2...60))
            let split = rng.int(1..<pool.count)
            let old = Array(pool[..<split]), new = Array(pool[split...])
            let tree = InMemoryTree()
            try tree.update(old.map { .init(key: $0, valueHash: rng.hash32()) })
            var model = [Hash32: Hash32]()
            var updates = old.map { StateTree.Update(key: $0, valueHash: nil) }
            for key in new {
                let value = rng.hash32()
                model[key] = value
                updates.append(.init(key: key, valueHash: value))
            }
            try tree.update(rng.shuffled(updates))
            assertMatchesReference(tree, model, "seed \(seed)")
        }
    }

    /// The stored map is exactly the set of nodes reachable from the root, each child's hash matching its parent.
    func testStoredNodesAreExactlyTheReachableOnes() throws {
        var rng = SplitMix64(seed: 0x7265_6163)
        let tree = InMemoryTree()
        let pool = Self.keyPool(&rng, size: 120)
        for _ in 0..<40 {
            let updates = rng.shuffled(pool).prefix(rng.int(1...30)).map {
                StateTree.Update(key: $0, valueHash: rng.chance(1, in: 2) ? nil : rng.hash32())
            }
            try tree.update(updates)
            let (paths, consistent) = Self.reachable(tree.nodes)
            XCTAssertTrue(consistent, "a stored child's hash differs from its parent's record, or a child is missing")
            XCTAssertEqual(paths, Set(tree.nodes.keys), "stored nodes that are not reachable from the root")
        }
    }

    /// An update reads only the nodes on the changed keys' paths: cost proportional to the change, not the state.
    func testUpdateReadsOnlyThePathsOfChangedKeys() throws {
        var rng = SplitMix64(seed: 0x636f_7374)
        let tree = InMemoryTree()
        let keys = (0..<4096).map { _ in rng.hash32() }
        try tree.update(keys.map { .init(key: $0, valueHash: rng.hash32()) })
        let counter = CountingReader(tree)
        _ = try StateTree.update([.init(key: keys[17], valueHash: rng.hash32())], reader: counter)
        // 4096 random keys give a depth of about 12; allow generous slack but far below the state's size.
        XCTAssertLessThan(counter.reads, 40, "one changed key read \(counter.reads) nodes")
        counter.reads = 0
        let changes = try StateTree.update([.init(key: keys[99], valueHash: nil)], reader: counter)
        XCTAssertLessThan(counter.reads, 40)
        XCTAssertLessThan(changes.nodes.count, 40)
    }

    /// A node the root refers to but storage lacks is reported as an error, never as an empty subtree.
    func testMissingNodeIsAnError() throws {
        var rng = SplitMix64(seed: 99)
        let tree = InMemoryTree()
        let keys = (0..<16).map { _ in rng.hash32() }
        try tree.update(keys.map { .init(key: $0, valueHash: rng.hash32()) })
        let leafPath = try XCTUnwrap(tree.nodes.first { $0.key != .root && !$0.value.isInternal }?.key)
        let broken = MapReader(tree.nodes.filter { $0.key != leafPath })
        guard case let .leaf(leafKey, _)? = tree.nodes[leafPath] else { return XCTFail("not a leaf") }
        XCTAssertThrowsError(try StateTree.update([.init(key: leafKey, valueHash: rng.hash32())], reader: broken)) { error in
            XCTAssertTrue(error is StateReadError, "\(error)")
        }
        XCTAssertThrowsError(try StateProof.make(for: leafKey, reader: broken))
    }
}

extension TreeNode {
    var isInternal: Bool { if case .internal = self { return true } else { return false } }
}

/// A read-only node map.
struct MapReader: TreeNodeReader {
    let nodes: [NodePath: TreeNode]
    init(_ nodes: [NodePath: TreeNode]) { self.nodes = nodes }
    func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? { nodes[path] }
}

/// Counts node reads.
final class CountingReader: TreeNodeReader {
    let base: any TreeNodeReader
    var reads = 0
    init(_ base: any TreeNodeReader) { self.base = base }
    func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? {
        reads += 1
        return try base.treeNode(at: path)
    }
}
