@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The in-memory store's table of groups against a `Dictionary`, through growth and deletions that shift runs back.
final class GroupTableTests: XCTestCase {
    /// Group tops as the store makes them: depths a multiple of four, paths toward random keys, and paths that share
    /// their first 64 bits (and so their home) but differ deeper, which only linear probing tells apart.
    private func tops(_ rng: inout SplitMix64, count: Int) -> [NodePath] {
        let sharedWord = Hash32.digest(Array("shared".utf8))
        return (0..<count).map { index in
            if index % 5 == 0 {
                // Same first word, a different bit after bit 64 (depth 68 and deeper).
                let depth = 68 + 4 * rng.int(0...40)
                var path = NodePath.toward(sharedWord, depth: 64)
                for _ in 64..<depth { path = path.child(UInt8(rng.below(2))) }
                return path
            }
            return NodePath.toward(Hash32.digest(Array("key \(rng.next())".utf8)), depth: 4 * rng.int(0...8))
        }
    }

    func testMatchesADictionaryThroughGrowthAndDeletions() {
        var rng = SplitMix64(seed: 0x6a0b)
        var table = GroupTable()
        var reference: [NodePath: Int] = [:]
        let pool = tops(&rng, count: 3_000)
        for round in 0..<20_000 {
            let top = pool[rng.int(0..<pool.count)]
            if rng.below(3) == 0 {
                table.remove(at: top)
                reference[top] = nil
            } else {
                table.set(round, at: top)
                reference[top] = round
            }
            if round % 997 == 0 {
                for probe in pool { XCTAssertEqual(table.group(at: probe), reference[probe], "round \(round)") }
            }
        }
        XCTAssertEqual(table.count, reference.count)
        var listed: [NodePath: Int] = [:]
        table.forEach { listed[$0] = $1 }
        XCTAssertEqual(listed, reference)
        for probe in pool { XCTAssertEqual(table.group(at: probe), reference[probe]) }
        for top in reference.keys { table.remove(at: top) }
        XCTAssertEqual(table.count, 0)
        for probe in pool { XCTAssertNil(table.group(at: probe)) }
    }
}
