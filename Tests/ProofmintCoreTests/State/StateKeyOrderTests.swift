import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Commits and the genesis write state entries in `StateKey` order; it must be plain byte-wise order for every length.
final class StateKeyOrderTests: XCTestCase {
    func testOrderIsByteWiseForKeysOfEveryLengthAndSharedPrefix() {
        var rng = SplitMix64(seed: 0x0bde)
        var keys = [StateKey]()
        for _ in 0..<300 {
            let length = rng.int(0...40)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next() % 3) }
            if rng.bool() { bytes = [0x01] + Bytes(repeating: 0x7f, count: rng.int(0...17)) + bytes }
            keys.append(StateKey(bytes: bytes))
        }
        keys += [.account(Address(module: "a")), .account(Address(module: "b")), .totals, .parameters]
        for a in keys {
            for b in keys {
                XCTAssertEqual(a < b, a.bytes.lexicographicallyPrecedes(b.bytes), "\(a.bytes) vs \(b.bytes)")
            }
        }
    }
}
