import ProofmintCrypto
import XCTest

/// BLAKE2b-256 known answers; the expected values were computed independently with Python's
/// `hashlib.blake2b(data, digest_size=32)`.
final class Blake2bTests: XCTestCase {
    func testKnownAnswers() {
        XCTAssertEqual(Blake2b.hash256([]).hex, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
        XCTAssertEqual(Blake2b.hash256(Array("abc".utf8)).hex, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319")
        // bytes(range(256)) * 4 + b"x": 1025 bytes, more than eight 128-byte BLAKE2b blocks.
        XCTAssertEqual(Blake2b.hash256(Self.longInput).hex, "c374b2f6691d48b7aab5f898227b4bbe2bee9f885d1140fbe15ecb3ab5d01b8f")
        XCTAssertEqual(Blake2b.outputLength, 32)
    }

    static let longInput: Bytes = Array((0..<4).flatMap { _ in (0...255).map { UInt8($0) } }) + [UInt8(ascii: "x")]

    func testPartsEqualConcatenation() {
        let parts: [Bytes] = [[0x00], Array("key".utf8), [], Array(repeating: 0xab, count: 300)]
        XCTAssertEqual(Blake2b.hash256(parts: parts), Blake2b.hash256(parts.flatMap { $0 }))
        XCTAssertEqual(Blake2b.hash256(parts: []), Blake2b.hash256([]))
    }

    /// The streaming hasher gives the one-shot digest however the input is cut, including empty pieces and
    /// pieces that straddle the 128-byte block boundary.
    func testStreamingEqualsOneShot() {
        let input = Self.longInput
        let expected = Blake2b.hash256(input)
        var seed: UInt64 = 0x5eed
        for trial in 0..<200 {
            let hasher = Blake2b.Hasher256()
            var offset = 0
            while offset < input.count {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let piece = Int(seed >> 33) % 200  // 0...199: empty pieces too
                let end = min(input.count, offset + piece)
                if trial % 2 == 0 {
                    hasher.update(Array(input[offset..<end]))
                } else {
                    input[offset..<end].withUnsafeBytes { hasher.update($0) }
                }
                offset = end
            }
            XCTAssertEqual(hasher.finalize(), expected, "trial \(trial)")
        }
        let empty = Blake2b.Hasher256()
        XCTAssertEqual(empty.finalize().hex, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
    }

    func testDistinctInputsDistinctDigests() {
        XCTAssertNotEqual(Blake2b.hash256([0]), Blake2b.hash256([]))
        XCTAssertNotEqual(Blake2b.hash256([0]), Blake2b.hash256([0, 0]))
    }
}
