@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Expected strings were computed independently with the BIP 350 reference algorithm in Python
/// (`hashlib.blake2b(..., digest_size=32)` for the derivations).
final class AddressTests: XCTestCase {
    static let sequence20 = Bytes((0..<20).map { UInt8($0) })

    func testKnownEncoding() throws {
        let address = try Address(bytes: Self.sequence20)
        XCTAssertEqual(address.text, "pm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnd2gpq4")
        XCTAssertEqual(address.description, address.text)
        XCTAssertEqual(try Address(text: "pm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnd2gpq4"), address)
    }

    /// The account address of RFC 8032's test key 1: BLAKE2b-256("proofmint/address/v1" ‖ pk)[..20].
    func testAddressFromPublicKeyIsStable() throws {
        let key = try Ed25519.PublicKey(bytes: XCTUnwrap(Bytes(hex: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")))
        let address = Address(publicKey: key)
        XCTAssertEqual(address.bytes.hex, "4200afd3dacb4cd621c3fb20d1c865f659cd8c48")
        XCTAssertEqual(address.text, "pm1ggq2l576edxdvgwrlvsdrjr97evumrzgzk92zl")
        XCTAssertEqual(Address(publicKey: key), address)
        let other = try Ed25519.PublicKey(bytes: Bytes(repeating: 1, count: 32))
        XCTAssertNotEqual(Address(publicKey: other), address)
    }

    func testModuleAddresses() {
        XCTAssertEqual(ModuleAccount.treasury.address.text, "pm124dxlq65z3kjrdrfjukcran6ejhue8pmqf3y82")
        XCTAssertEqual(ModuleAccount.rewardPool.address.text, "pm1hetgcwyeqhy252pdjl63yyqe644kz3axshe5tt")
        XCTAssertEqual(ModuleAccount.liquidity.address.text, "pm192hwkggsahxtmusu4we77avukl7nkx8pnzryzc")
    }

    func testRandomRoundTrips() throws {
        var rng = SplitMix64(seed: 0xadd7)
        for _ in 0..<500 {
            let address = try Address(bytes: rng.bytes(20))
            let text = address.text
            XCTAssertTrue(text.hasPrefix("pm1"))
            XCTAssertEqual(text.count, 41)
            XCTAssertEqual(try Address(text: text), address)
            // All upper case is a valid Bech32m spelling of the same address.
            XCTAssertEqual(try Address(text: text.uppercased()), address)
        }
    }

    /// Every single-character substitution anywhere in a valid address is refused: a typo never names another account.
    func testEverySingleSubstitutionIsRejected() throws {
        var rng = SplitMix64(seed: 0x7970)
        let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l")
        for _ in 0..<8 {
            let text = try Address(bytes: rng.bytes(20)).text
            let characters = Array(text)
            for position in 0..<characters.count {
                for replacement in charset + ["1", "b", "i", "o", "m", "n"] where replacement != characters[position] {
                    var typo = characters
                    typo[position] = replacement
                    let typoText = String(typo)
                    XCTAssertThrowsError(try Address(text: typoText), "'\(typoText)' (position \(position)) was accepted") { error in
                        // Inside the data part, a character of the Bech32 alphabet must fail the checksum.
                        if position > 2, charset.contains(replacement) {
                            XCTAssertEqual(error as? AddressError, .badChecksum(typoText), typoText)
                        }
                    }
                }
            }
        }
    }

    func testTranspositionsAndDeletionsAreRejected() throws {
        let text = try Address(bytes: Self.sequence20).text
        let characters = Array(text)
        for position in 3..<(characters.count - 1) where characters[position] != characters[position + 1] {
            var swapped = characters
            swapped.swapAt(position, position + 1)
            XCTAssertThrowsError(try Address(text: String(swapped)))
        }
        for position in 0..<characters.count {
            var shorter = characters
            shorter.remove(at: position)
            XCTAssertThrowsError(try Address(text: String(shorter)), "deleting character \(position) accepted")
        }
    }

    func testWrongPrefix() throws {
        XCTAssertEqual(Bech32m.encode(hrp: "tm", data: Self.sequence20), "tm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnucm0ha")
        XCTAssertThrowsError(try Address(text: "tm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnucm0ha")) { error in
            XCTAssertEqual(error as? AddressError, .wrongPrefix("tm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnucm0ha", "tm"))
        }
        // The right data under the wrong prefix does not pass as the right prefix either.
        XCTAssertThrowsError(try Address(text: "pm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnucm0ha"))
    }

    func testMixedCaseIsRejected() throws {
        let text = try Address(bytes: Self.sequence20).text
        var characters = Array(text)
        characters[10] = Character(characters[10].uppercased())
        XCTAssertThrowsError(try Address(text: String(characters))) { error in
            XCTAssertEqual(error as? AddressError, .malformed(String(characters), "mixes upper and lower case"))
        }
        XCTAssertThrowsError(try Address(text: "PM1" + text.dropFirst(3)))
    }

    func testBech32NotBech32mIsRejected() {
        // The same data with the original Bech32 checksum constant (BIP 173), not Bech32m's.
        XCTAssertThrowsError(try Address(text: "pm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnckcd9h")) { error in
            XCTAssertEqual(error as? AddressError, .badChecksum("pm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnckcd9h"))
        }
    }

    func testWrongLengthsAndMalformedText() {
        // A valid Bech32m string carrying 32 bytes, not 20.
        let long = "pm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0sdh2he6"
        XCTAssertThrowsError(try Address(text: long)) { error in
            XCTAssertEqual(error as? AddressError, .malformed(long, "decodes to 32 bytes, not 20"))
        }
        for bad in ["", "pm1", "pm", "1qqqqqq", "pmqqqsyqcyq5rqwzqfpg9scrgwpugpzysnd2gpq4", "pm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnd2gpq4é"] {
            XCTAssertThrowsError(try Address(text: bad), "'\(bad)' accepted")
        }
        XCTAssertThrowsError(try Address(bytes: Bytes(repeating: 0, count: 19)))
        XCTAssertThrowsError(try Address(bytes: Bytes(repeating: 0, count: 21)))
    }

    func testOrderingIsByBytes() throws {
        let a = try Address(bytes: [0x00] + Bytes(repeating: 0xff, count: 19))
        let b = try Address(bytes: [0x01] + Bytes(repeating: 0x00, count: 19))
        XCTAssertLessThan(a, b)
        XCTAssertFalse(b < a)
    }
}
