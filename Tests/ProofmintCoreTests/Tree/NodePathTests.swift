import ProofmintCore
import ProofmintTestSupport
import XCTest

final class NodePathTests: XCTestCase {
    /// `<` must order paths exactly as their storage keys sort (prefix bytes, then big-endian depth): storage
    /// iterates subtrees in that order.
    func testOrderingMatchesStorageKeyOrder() {
        var rng = SplitMix64(seed: 0x9a7)
        let base = rng.hash32()
        var paths = [NodePath.root]
        for _ in 0..<300 {
            // Share prefixes often, so equal prefixes at different depths come up.
            let key = rng.bool() ? base : rng.hash32()
            paths.append(NodePath.toward(key, depth: rng.int(0...256)))
        }
        for a in paths.prefix(60) {
            for b in paths {
                XCTAssertEqual(a < b, a.storageKey.lexicographicallyPrecedes(b.storageKey), "\(a.depth) vs \(b.depth)")
            }
        }
        XCTAssertEqual(paths.sorted().map(\.storageKey), paths.map(\.storageKey).sorted { $0.lexicographicallyPrecedes($1) })
    }

    func testTowardMasksTheBitsAfterTheDepth() throws {
        let key = try Hash32(bytes: Bytes(repeating: 0xff, count: 32))
        XCTAssertEqual(NodePath.toward(key, depth: 0), .root)
        XCTAssertEqual(NodePath.toward(key, depth: 3).prefix, [0xe0] + Bytes(repeating: 0, count: 31))
        XCTAssertEqual(NodePath.toward(key, depth: 8).prefix, [0xff] + Bytes(repeating: 0, count: 31))
        XCTAssertEqual(NodePath.toward(key, depth: 13).prefix, [0xff, 0xf8] + Bytes(repeating: 0, count: 30))
        XCTAssertEqual(NodePath.toward(key, depth: 256).prefix, key.bytes)
        XCTAssertNotEqual(NodePath.toward(key, depth: 3), NodePath.toward(key, depth: 4))
    }

    func testStorageKeyRoundTrip() throws {
        var rng = SplitMix64(seed: 0x5703)
        for depth in [0, 1, 7, 8, 255, 256] {
            let path = NodePath.toward(rng.hash32(), depth: depth)
            XCTAssertEqual(path.storageKey.count, 34)
            XCTAssertEqual(Array(path.storageKey.suffix(2)), [UInt8(depth >> 8), UInt8(depth & 0xff)])
            XCTAssertEqual(try NodePath(storageKey: path.storageKey), path)
        }
        XCTAssertThrowsError(try NodePath(storageKey: Bytes(repeating: 0, count: 32) + [1, 1]), "depth 257")
        XCTAssertThrowsError(try NodePath(storageKey: Bytes(repeating: 0, count: 33)))
    }

    /// What a commit writes from its stack must be the very bytes of `storageKey` and of the canonical encoding.
    func testStackWritersMatchTheStorageKeyAndTheCanonicalEncoding() throws {
        var rng = SplitMix64(seed: 0x57ac)
        for depth in [0, 1, 9, 255, 256] {
            let path = NodePath.toward(rng.hash32(), depth: depth)
            let nodes: [TreeNode] = [.leaf(key: rng.hash32(), valueHash: rng.hash32()), .internal(left: rng.hash32(), right: .zero)]
            var key = Bytes(repeating: 0xee, count: NodePath.storageKeyLength)
            key.withUnsafeMutableBytes { path.writeStorageKey(into: $0) }
            XCTAssertEqual(key, path.storageKey)
            for node in nodes {
                var value = Bytes(repeating: 0xee, count: TreeNode.canonicalLength)
                value.withUnsafeMutableBytes { node.writeCanonicalBytes(into: $0) }
                XCTAssertEqual(value, node.canonicalBytes)
            }
        }
    }
}
