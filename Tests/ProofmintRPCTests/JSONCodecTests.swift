import ProofmintCore
import ProofmintRPC
import XCTest

final class JSONCodecTests: XCTestCase {
    private struct Sample: RPCObject {
        var pendingNonce: UInt64
        var balance: UInt128
        var validator: Address?
        @Omittable var memo: Hex?
        var flag: Bool
    }

    private let address = Address(module: "sample")

    func testRulesOfTheContract() throws {
        let sample = Sample(pendingNonce: 7, balance: UInt128(UInt64.max) * 1000, validator: nil, memo: nil, flag: true)
        let json = try JSONValueEncoder.encode(sample)
        // snake_case names in declaration order, u128 as a decimal string, nil as null, omittable nil left out.
        XCTAssertEqual(json.compactText, #"{"pending_nonce":7,"balance":"18446744073709551615000","validator":null,"flag":true}"#)
        XCTAssertEqual(try JSONValueDecoder.decode(Sample.self, from: json, path: "result"), sample)
    }

    func testRoundTripWithEveryMemberPresent() throws {
        let sample = Sample(pendingNonce: 0, balance: 1, validator: address, memo: Hex([0xAB, 0x01]), flag: false)
        let json = try JSONValueEncoder.encode(sample)
        XCTAssertEqual(json["memo"], .string("ab01"))
        XCTAssertEqual(json["validator"], .string(address.text))
        XCTAssertEqual(try JSONValueDecoder.decode(Sample.self, from: json, path: "result"), sample)
    }

    /// The size of a block's id list (pm_getBlock): every item in order, objects inside arrays and arrays inside objects.
    func testLongArraysAndNestedContainersKeepEveryItemInOrder() throws {
        struct Row: Encodable, Equatable {
            var id: String
            var fees: [UInt128]
        }
        struct Page: Encodable {
            var rows: [Row]
            var ids: [String]
        }
        let ids = (0..<20_000).map { String($0, radix: 16) }
        let rows = (0..<300).map { Row(id: "r\($0)", fees: [UInt128($0), UInt128($0) << 64]) }
        let json = try JSONValueEncoder.encode(Page(rows: rows, ids: ids))
        XCTAssertEqual(json["ids"], .array(ids.map(JSONValue.string)))
        XCTAssertEqual(json["rows"]?.arrayValue?.count, rows.count)
        XCTAssertEqual(json["rows"]?.arrayValue?[299], .object([
            ("id", .string("r299")), ("fees", .array([.string("299"), .string(String(UInt128(299) << 64))])),
        ]))
    }

    func testWrongJSONTypesNameTheMember() throws {
        let cases: [(String, String)] = [
            (#"{"pending_nonce":"7","balance":"1","validator":null,"flag":true}"#, "'result.pending_nonce' must be a whole number"),
            (#"{"pending_nonce":7,"balance":1,"validator":null,"flag":true}"#, "'result.balance' must be a decimal string (a 128-bit whole number)"),
            (#"{"pending_nonce":7,"balance":"1","flag":true,"validator":null,"memo":"xyz"}"#, "'result.memo' must be hex"),
            (#"{"pending_nonce":7,"balance":"1","validator":null}"#, "'result.flag' is missing"),
            (#"{"pending_nonce":-1,"balance":"1","validator":null,"flag":true}"#, "'result.pending_nonce' must be a non-negative whole number that fits UInt64"),
            (#"{"pending_nonce":1.5,"balance":"1","validator":null,"flag":true}"#, "'result.pending_nonce' must be a non-negative whole number that fits UInt64"),
            (#"[1]"#, "'result' must be a JSON object"),
        ]
        for (text, expected) in cases {
            let value = try JSONParser.parse(text)
            XCTAssertThrowsError(try JSONValueDecoder.decode(Sample.self, from: value, path: "result"), text) { error in
                XCTAssertEqual((error as? JSONShapeError)?.description, expected, text)
            }
        }
    }

    func testAddressTyposAreReportedWithThePath() throws {
        var text = address.text
        text.removeLast()
        text += text.hasSuffix("q") ? "p" : "q"
        let value = try JSONParser.parse(#"{"pending_nonce":7,"balance":"1","validator":"\#(text)","flag":true}"#)
        XCTAssertThrowsError(try JSONValueDecoder.decode(Sample.self, from: value, path: "result")) { error in
            XCTAssertTrue((error as? JSONShapeError)?.description.hasPrefix("'result.validator' is not an address") == true, "\(error)")
        }
    }

    /// Strings that need no escape are written whole; the rest escape exactly the quote, the backslash, the control
    /// characters and DEL, and keep every other scalar (non-ASCII included) as it is.
    func testStringsEscapeExactlyWhatJSONNeeds() throws {
        let cases: [(String, String)] = [
            ("", #""""#),
            ("00ff", #""00ff""#),
            ("é ünï 日本 🙂", "\"é ünï 日本 🙂\""),
            ("a\"b", #""a\"b""#),
            ("a\\b", #""a\\b""#),
            ("line\nnext\r\t", #""line\nnext\r\t""#),
            ("\u{01}\u{1f}\u{7f}", #""\u0001\u001f\u007f""#),
            ("日本\"", "\"日本\\\"\""),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(JSONValue.string(text).compactText, expected, text)
            XCTAssertEqual(try JSONParser.parse(Bytes(JSONValue.string(text).compactText.utf8)), .string(text), text)
        }
    }

    func testFloatingPointIsRefused() {
        struct Fraction: Encodable { var ratio: Double }
        XCTAssertThrowsError(try JSONValueEncoder.encode(Fraction(ratio: 0.5)))
    }
}
