@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Executing block N+1 on block N's uncommitted outcome layered over the committed state gives exactly what
/// executing it after committing N gives.
final class LayeredStateTests: XCTestCase {
    func testPipelinedExecutionMatchesSequential() throws {
        let sequential = try TestChain()
        var rng = SplitMix64(seed: 0x1a7e)
        for _ in 0..<12 { try sequential.produce(DeterminismTests.candidates(for: sequential, rng: &rng)) }

        // Replay keeping up to two outcomes uncommitted, committing the oldest only after the next block applied.
        let store = try InMemoryStateStore(genesis: sequential.genesis)
        var parent = sequential.genesisBlock.header
        var pending = [BlockOutcome]()
        for (block, expected) in zip(sequential.blocks, sequential.outcomes) {
            let layered = LayeredState(base: store, outcomes: pending)
            let outcome = try StateTransition.apply(block, parent: parent, state: layered)
            DeterminismTests.assertSame(outcome, expected, "block \(block.height)")
            pending.append(outcome)
            parent = outcome.header
            if pending.count > 2 { store.commit(pending.removeFirst()) }
        }
        // Layering an outcome that is already committed changes nothing (writes are absolute).
        let twice = LayeredState(base: store, outcomes: pending)
        for outcome in pending { store.commit(outcome) }
        XCTAssertEqual(store.values, sequential.store.values)
        XCTAssertEqual(store.nodes, sequential.store.nodes)
        for key in store.values.keys { XCTAssertEqual(try twice.value(for: key), store.values[key]) }
        XCTAssertEqual(try twice.stateRoot(), sequential.head.stateRoot)
    }

    /// The galloping lookup finds what a bisection finds, whether the keys come in ascending order (a tree update), in
    /// any order, or past either end, and leaves its finger where every entry before it sorts below the key.
    func testGallopFindsWhatBisectionFinds() {
        var rng = SplitMix64(seed: 0x9a110)
        for size in [0, 1, 2, 3, 17, 1_000] {
            let entries = (0..<size).map { _ in rng.next() % 4_000 * 2 }.sorted().reduce(into: [UInt64]()) { kept, key in
                if kept.last != key { kept.append(key) }
            }
            let ascending = (0..<300).map { _ in rng.next() % 8_003 }.sorted()
            let shuffled = (0..<300).map { _ in rng.next() % 8_003 }
            for queries in [ascending, shuffled, [0, 8_002, 0, UInt64.max]] {
                var finger = 0
                for key in queries {
                    let found = LayeredState.gallop(entries, for: key, from: &finger, by: { $0 })
                    XCTAssertEqual(found, entries.firstIndex(of: key), "size \(size), key \(key)")
                    XCTAssertTrue(entries[..<finger].allSatisfy { $0 < key }, "finger \(finger) for key \(key)")
                    XCTAssertTrue(finger == entries.count || entries[finger] >= key, "finger \(finger) for key \(key)")
                }
            }
        }
    }

    /// A lookup by order word finds exactly the written keys, among short keys (shorter than a word, and a key that is a
    /// prefix of another), keys that share their first eight bytes (every vote on one proposal does), and absent keys
    /// beside them; a newer layer's write hides an older one's.
    func testWordLookupFindsExactlyTheWrittenKeys() throws {
        var rng = SplitMix64(seed: 0x60d)
        func key(_ bytes: [UInt8]) -> StateKey { StateKey(bytes: bytes) }
        let shared: [UInt8] = [0x0a, 1, 2, 3, 4, 5, 6, 7]
        var candidates = [key([0x02]), key([0x02, 0x00]), key([0x02, 0x00, 0x01]), key([0x03]), key([0xff] + Array(repeating: 0xff, count: 9))]
        candidates += (0..<200).map { _ in key(shared + (0..<20).map { _ in UInt8(truncatingIfNeeded: rng.next()) }) }
        candidates += (0..<200).map { _ in key([0x01] + (0..<20).map { _ in UInt8(truncatingIfNeeded: rng.next()) }) }
        candidates.append(key(shared))
        let header = try TestChain().genesisBlock.header
        var model = [StateKey: Bytes?]()
        var layers = [BlockOutcome]()
        for layer in 0..<3 {
            var writes = [StateKey: Bytes?]()
            for candidate in candidates where rng.next() % 3 == 0 {
                writes[candidate] = rng.next() % 4 == 0 ? nil : [UInt8(layer), UInt8(truncatingIfNeeded: rng.next())]
            }
            for (written, value) in writes { model[written] = value }
            let sorted = writes.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
            layers.append(BlockOutcome(header: header, stateWrites: sorted, treeNodes: [], receipts: []))
        }
        let layered = LayeredState(base: InMemoryStateStore(), outcomes: layers)
        for candidate in candidates {
            XCTAssertEqual(try layered.value(for: candidate), model[candidate] ?? nil, "\(candidate.bytes)")
        }
        XCTAssertNil(try layered.value(for: key([0x0a, 1, 2, 3, 4, 5, 6, 7, 0])), "absent, its word shared by 201 writes")
    }
}
