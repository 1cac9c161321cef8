import ProofmintCrypto
import XCTest

final class HexTests: XCTestCase {
    func testFormat() {
        XCTAssertEqual(Bytes().hex, "")
        XCTAssertEqual(Bytes([0x00, 0x0f, 0xa0, 0xff]).hex, "000fa0ff")
    }

    func testParseAcceptsBothCasesAndPrefix() {
        XCTAssertEqual(Bytes(hex: ""), [])
        XCTAssertEqual(Bytes(hex: "000fA0Ff"), [0x00, 0x0f, 0xa0, 0xff])
        XCTAssertEqual(Bytes(hex: "0x0aFF"), [0x0a, 0xff])
        XCTAssertEqual(Bytes(hex: "0X0a"), [0x0a])
        XCTAssertEqual(Bytes(hex: "0x"), [])
    }

    func testParseRejects() {
        for bad in ["0", "abc", "0x0", "0g", "g0", "zz", " 00", "00 ", "-1", "0x0x00", "１２", "é0", "+0", "00\n"] {
            XCTAssertNil(Bytes(hex: bad), "'\(bad)' parsed")
        }
    }

    func testRoundTripAllByteValues() {
        let all = Bytes((0...255).map { UInt8($0) })
        XCTAssertEqual(Bytes(hex: all.hex), all)
        XCTAssertEqual(Bytes(hex: all.hex.uppercased()), all)
        // Every single character that is not a hex digit is refused in either position.
        for scalar in (0...127).compactMap(UnicodeScalar.init) {
            let c = Character(scalar)
            let isHex = c.isHexDigit
            if c != "x" && c != "X" {  // "0x" / "0X" alone is the prefix with no digits: empty
                XCTAssertEqual(Bytes(hex: "0\(c)") != nil, isHex, "'0\(c)'")
            }
            XCTAssertEqual(Bytes(hex: "\(c)0") != nil, isHex, "'\(c)0'")
        }
    }
}
