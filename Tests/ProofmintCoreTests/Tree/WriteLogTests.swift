@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The write log gives each path's last write in key order, whether its writes came in order (the one-pass path) or
/// not (the sort), and a reserved place that was never filled writes nothing.
final class WriteLogTests: XCTestCase {
    func testLastWritesInKeyOrderInAndOutOfOrder() {
        var rng = SplitMix64(seed: 0x3017e)
        let paths = (0..<40).map { _ in NodePath.toward(rng.hash32(), depth: rng.int(0...12)) }.sorted()
        for ordered in [true, false] {
            for round in 0..<50 {
                var log = WriteLog()
                var model = [NodePath: TreeNode?]()
                var chosen = (0..<rng.int(1...30)).map { _ in rng.element(paths) }
                if ordered { chosen.sort() }
                for path in chosen {
                    let node: TreeNode? = rng.chance(1, in: 4) ? nil : .leaf(key: rng.hash32(), valueHash: rng.hash32())
                    switch rng.int(0...3) {
                    case 0:
                        log.write(path, node)
                        model[path] = .some(node)
                    case 1:
                        log.fill(log.reserve(path), node)
                        model[path] = .some(node)
                    case 2:
                        _ = log.reserve(path)  // reserved, never filled: writes nothing
                    default:
                        // Reserved, then writes after it, then filled, and filled again with nil (a leaf hoisted away):
                        // the place keeps its position in the log; the writes appended after it come later.
                        let place = log.reserve(path)
                        let later = rng.element(paths)
                        log.write(later, node)
                        model[later] = .some(node)
                        log.fill(place, node)
                        log.fill(place, nil)
                        // The appended write comes after the place, so it wins when it is to the same path.
                        model[path] = .some(path == later ? node : nil)
                    }
                }
                let writes = log.sortedLastWrites()
                let context = "ordered \(ordered), round \(round)"
                XCTAssertEqual(writes.map(\.path), model.keys.sorted(), context)
                for (path, node) in writes { XCTAssertEqual(node, model[path] ?? nil, "\(context), depth \(path.depth)") }
            }
        }
    }
}
