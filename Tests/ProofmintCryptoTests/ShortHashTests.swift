import ProofmintCrypto
import XCTest

/// The record checksum's primitive (docs/RELIABILITY.md, "Storage integrity") is SipHash-2-4: pinned by the reference
/// vectors of the SipHash paper (key 00…0f, messages 00…), so a different libsodium cannot silently change the
/// stored format.
final class ShortHashTests: XCTestCase {
    private let key = Bytes(0..<16)

    func testReferenceVectors() {
        XCTAssertEqual(ShortHash.hash([], key: key), [0x31, 0x0e, 0x0e, 0xdd, 0x47, 0xdb, 0x6f, 0x72])
        XCTAssertEqual(ShortHash.hash([0x00], key: key), [0xfd, 0x67, 0xdc, 0x93, 0xc5, 0x39, 0xf8, 0x74])
    }

    func testTheInPlaceFormGivesTheSameBytes() {
        let message = Bytes(0..<15)
        let inPlace = message.withUnsafeBytes { message in key.withUnsafeBytes { ShortHash.hash(message, key: $0) } }
        XCTAssertEqual(withUnsafeBytes(of: inPlace, Array.init), ShortHash.hash(message, key: key))
        XCTAssertNotEqual(ShortHash.hash(message), ShortHash.hash(message, key: key), "the key matters")
    }
}
