import ProofmintCore
import ProofmintTestSupport
import XCTest

final class MerkleListTests: XCTestCase {
    static let items = (0..<7).map { Hash32.digest([UInt8($0)]) }

    /// Roots computed independently in Python (RFC 6962 Merkle tree hash over BLAKE2b-256).
    func testKnownRoots() {
        XCTAssertEqual(MerkleList.root([]), .zero)
        let expected = [
            1: "3946e42970577c9173a8f4d152fd19978ce2dd8ebe9ae841b0ce809661d3aa0c",
            2: "b8bc17005fd60e103d27fb7b417ed7601d74f2a887800356cb2c986f8bbf9e3b",
            3: "e13696916a40519dfef0ed54b55992e01bf1993215ba50ac94c75be929ebbeb8",
            5: "dc31f41937b6ebc00567efa88bbecb2f66124988b2643f0eee68098092e7e320",
            7: "947ce8abe033ade23df99636881bb7cbb3e15e4a0db15acb36f7f08fcd5c02d7",
        ]
        for (count, hex) in expected {
            XCTAssertEqual(MerkleList.root(Array(Self.items.prefix(count))).hex, hex, "\(count) items")
        }
    }

    /// RFC 6962 §2.1, written with a bit trick for the split instead of MerkleList's loop.
    static func reference(_ items: ArraySlice<Hash32>) -> Bytes {
        if items.isEmpty { return Bytes(repeating: 0, count: 32) }
        if items.count == 1 { return Blake2b.hash256([0x00] + items.first!.bytes) }
        let k = 1 << (Int.bitWidth - (items.count - 1).leadingZeroBitCount - 1)
        let mid = items.startIndex + k
        return Blake2b.hash256([0x01] + reference(items[..<mid]) + reference(items[mid...]))
    }

    func testAgainstReferenceAndPositionSensitivity() {
        var rng = SplitMix64(seed: 0x6d6b)
        for count in 0..<70 {
            let items = (0..<count).map { _ in rng.hash32() }
            XCTAssertEqual(MerkleList.root(items).bytes, Self.reference(items[...]), "\(count) items")
            if count >= 2 {
                var swapped = items
                swapped.swapAt(0, count - 1)
                XCTAssertNotEqual(MerkleList.root(swapped), MerkleList.root(items), "order must matter")
                XCTAssertNotEqual(MerkleList.root(Array(items.dropLast())), MerkleList.root(items))
            }
        }
        // A one-item list is not its item, and a two-item list is not the leaf of their concatenation.
        XCTAssertNotEqual(MerkleList.root([Self.items[0]]), Self.items[0])
    }
}
