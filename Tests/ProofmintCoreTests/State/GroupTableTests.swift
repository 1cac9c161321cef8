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

    /// The attack: an attacker who knew where the table puts a path could grind accounts whose tree groups all land in
    /// one run. Here 200 group tops at depth 24 are picked by trying paths, as the attacker would try keys, to share one
    /// home in a table of 512 slots (where 200 entries live) seeded with 0. In that table they pile into one run of
    /// 200; under any other seed, which is what every process draws, they scatter like any paths.
    func testTopsGroundForOneSeedDoNotCrowdAnother() {
        let count = 200
        var aimedAt = GroupTable(seed: 0)
        for index in 0..<count { aimedAt.set(index, at: NodePath.toward(Hash32.digest(Array("filler \(index)".utf8)), depth: 8)) }
        let target = aimedAt.home(of: NodePath.toward(.zero, depth: 24))
        var ground: [NodePath] = []
        var attempt = 0
        while ground.count < count {
            attempt += 1
            let top = NodePath.toward(Hash32.digest(Array("attempt \(attempt)".utf8)), depth: 24)
            if aimedAt.home(of: top) == target { ground.append(top) }
        }
        var aimed = GroupTable(seed: 0)
        var other = GroupTable(seed: 0x5eed_1e55_0ff5_e7)
        for (index, top) in ground.enumerated() {
            aimed.set(index, at: top)
            other.set(index, at: top)
        }
        XCTAssertEqual(aimed.longestProbe, count - 1, "the ground paths share one home under the seed they were ground for")
        XCTAssertLessThanOrEqual(other.longestProbe, 16, "under another seed they scatter")
        for (index, top) in ground.enumerated() { XCTAssertEqual(other.group(at: top), index) }
    }
}
