import ProofmintCore
import ProofmintTestSupport
import XCTest

/// `TreeNode(canonicalRaw:)`, the read path's decoder, accepts exactly what `decode(from:)` accepts.
final class TreeNodeRawDecodingTests: XCTestCase {
    func testRawDecodingAgreesWithTheCanonicalDecoder() throws {
        var random = SplitMix64(seed: 5)
        func hash() -> Hash32 { Hash32.digest((0..<8).flatMap { _ in withUnsafeBytes(of: random.next()) { Array($0) } }) }
        for node in [TreeNode.leaf(key: hash(), valueHash: hash()), .internal(left: hash(), right: .zero), .internal(left: hash(), right: hash())] {
            let bytes = node.canonicalBytes
            XCTAssertEqual(bytes.withUnsafeBytes { TreeNode(canonicalRaw: $0) }, node)
            XCTAssertEqual(try TreeNode(canonical: bytes), node)
            for length in [0, 1, 64, 66] {
                let cut = Array((bytes + [0]).prefix(length))
                XCTAssertNil(cut.withUnsafeBytes { TreeNode(canonicalRaw: $0) }, "\(length) bytes")
                XCTAssertThrowsError(try TreeNode(canonical: cut), "\(length) bytes")
            }
            for tag in [UInt8(2), 0x80, 0xff] {
                let retagged = [tag] + bytes.dropFirst()
                XCTAssertNil(retagged.withUnsafeBytes { TreeNode(canonicalRaw: $0) }, "tag \(tag)")
                XCTAssertThrowsError(try TreeNode(canonical: retagged), "tag \(tag)")
            }
        }
    }
}
