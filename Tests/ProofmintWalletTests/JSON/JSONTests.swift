import XCTest
@testable import ProofmintWallet

final class JSONTests: XCTestCase {
    func testMemberOrderAndNumberTextSurvive() throws {
        let text = #"{"z":1,"a":[true,false,null],"m":{"big":340282366920938463463374607431768211455,"f":-1.5e-3}}"#
        let value = try JSONParser.parse(text)
        XCTAssertEqual(value.compactText, text)
        XCTAssertEqual(value["m"]?["big"], .number("340282366920938463463374607431768211455"))
        XCTAssertEqual(try JSONParser.parse(value.prettyText), value)
    }

    func testStringEscapes() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00\u0001""#)
        XCTAssertEqual(value.stringValue, "a\"b\\c/d\né😀\u{1}")
        XCTAssertEqual(value.compactText, #""a\"b\\c/d\né😀\u0001""#)
    }

    func testInvalidDocumentsAreRefusedWithAnOffset() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "tru", "\"\u{1}\"", "\"\\ud800\"", "{} x", "nul"] {
            XCTAssertThrowsError(try JSONParser.parse(text), text) { error in
                XCTAssertTrue(error is JSONParseError)
            }
        }
        XCTAssertThrowsError(try JSONParser.parse(String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000))) { error in
            XCTAssertTrue("\(error)".contains("nesting"))
        }
    }

    func testReaderNamesThePath() throws {
        let value = try JSONParser.parse(#"{"proof":{"siblings":["00","zz"]},"balance":12}"#)
        let reader = try JSONObjectReader(value, path: "result")
        XCTAssertThrowsError(try reader.amount("balance")) { error in
            XCTAssertEqual("\(error)", "'result.balance' must be a string")
        }
        XCTAssertThrowsError(try reader.object("proof").hashArray("siblings")) { error in
            XCTAssertEqual((error as? JSONShapeError)?.path, "result.proof.siblings[0]")
        }
        XCTAssertThrowsError(try reader.string("missing")) { error in
            XCTAssertEqual("\(error)", "'result.missing' is missing")
        }
    }
}
