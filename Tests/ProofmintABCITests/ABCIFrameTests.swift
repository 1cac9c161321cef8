@testable import ProofmintABCI
import XCTest

/// The socket framing (CometBFT v0.38: an unsigned varint length, then the message) and the address forms.
final class ABCIFrameTests: XCTestCase {
    /// Reads a length from `bytes` as the connection does, byte by byte.
    private func length(_ bytes: [UInt8]) throws(ABCIError) -> Int? {
        var index = 0
        return try ABCIFrame.readLength { () throws(ABCIError) -> UInt8? in
            defer { index += 1 }
            return index < bytes.count ? bytes[index] : nil
        }
    }

    func testLengthsRoundTripAsGoUvarints() throws {
        // Go's binary.PutUvarint: 300 = ac 02; 127 one byte; 128 = 80 01.
        XCTAssertEqual(ABCIFrame.uvarint(300), [0xac, 0x02])
        XCTAssertEqual(ABCIFrame.uvarint(127), [0x7f])
        XCTAssertEqual(ABCIFrame.uvarint(128), [0x80, 0x01])
        for value in [0, 1, 127, 128, 300, 16_383, 16_384, ABCIFrame.maxBytes] {
            XCTAssertEqual(try length(ABCIFrame.uvarint(UInt64(value))), value)
        }
        XCTAssertEqual(ABCIFrame.encode([9, 8, 7]), [3, 9, 8, 7])
    }

    func testAnEmptyStreamIsACleanCloseAndACutPrefixIsNot() throws {
        XCTAssertNil(try length([]))
        XCTAssertThrowsError(try length([0x80])) { XCTAssertEqual($0 as? ABCIError, .truncatedFrame(expected: 2, received: 1)) }
    }

    func testMalformedAndOversizedLengthsAreRefusedBeforeAnyAllocation() {
        XCTAssertThrowsError(try length([UInt8](repeating: 0xff, count: 11))) { XCTAssertEqual($0 as? ABCIError, .malformedLength) }
        // Ten bytes whose last carries more than the 64th bit overflow a UInt64, as Go's ReadUvarint refuses.
        XCTAssertThrowsError(try length([UInt8](repeating: 0xff, count: 9) + [0x02])) { XCTAssertEqual($0 as? ABCIError, .malformedLength) }
        let tooLarge = UInt64(ABCIFrame.maxBytes) + 1
        XCTAssertThrowsError(try length(ABCIFrame.uvarint(tooLarge))) {
            XCTAssertEqual($0 as? ABCIError, .frameTooLarge(length: tooLarge, max: ABCIFrame.maxBytes))
        }
    }

    func testAddressesInCometBFTsForms() throws {
        XCTAssertEqual(try ABCIAddress(parsing: "tcp://127.0.0.1:26658"), .tcp(host: "127.0.0.1", port: 26658))
        XCTAssertEqual(try ABCIAddress(parsing: "unix:///tmp/app.sock"), .unix(path: "/tmp/app.sock"))
        for bad in ["127.0.0.1:26658", "tcp://127.0.0.1", "tcp://:26658", "tcp://127.0.0.1:70000", "unix://relative.sock", "http://x:1"] {
            XCTAssertThrowsError(try ABCIAddress(parsing: bad), bad) { XCTAssertEqual($0 as? ABCIError, .badAddress(bad)) }
        }
    }

    func testQueryPathsNameStateKeys() throws {
        let key = try ABCIApplication.stateKey(forPath: "/state/0102ff")
        XCTAssertEqual(key.bytes, [0x01, 0x02, 0xff])
        XCTAssertThrowsError(try ABCIApplication.stateKey(forPath: "/state/zz")) { XCTAssertEqual(($0 as? ABCIQueryError)?.code, 2) }
        XCTAssertThrowsError(try ABCIApplication.stateKey(forPath: "/account/pm1nope")) { XCTAssertEqual(($0 as? ABCIQueryError)?.code, 2) }
        XCTAssertThrowsError(try ABCIApplication.stateKey(forPath: "/blocks/1")) { XCTAssertEqual(($0 as? ABCIQueryError)?.code, 1) }
    }
}
