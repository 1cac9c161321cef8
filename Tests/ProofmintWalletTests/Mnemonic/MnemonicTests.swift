import XCTest
@testable import ProofmintWallet

final class MnemonicTests: XCTestCase {
    func testWordlistIsTheOfficialEnglishList() {
        let words = Mnemonic.englishWordlist
        XCTAssertEqual(words.count, 2048)
        // The SHA-256 of the reference english.txt (one word per line, newline-terminated).
        let file = Array((words.joined(separator: "\n") + "\n").utf8)
        XCTAssertEqual(SHA2.sha256(file).hex, "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda")
        XCTAssertEqual(words.first, "abandon")
        XCTAssertEqual(words.last, "zoo")
    }

    func testTrezorVectorTwelveWords() throws {
        let mnemonic = try Mnemonic(phrase: Array(repeating: "abandon", count: 11).joined(separator: " ") + " about")
        XCTAssertEqual(mnemonic.entropy, Bytes(repeating: 0, count: 16))
        XCTAssertEqual(
            mnemonic.seed(passphrase: "TREZOR").hex,
            "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04")
    }

    func testTrezorVectorFromEntropy() throws {
        let mnemonic = try Mnemonic(entropy: Bytes(repeating: 0x7f, count: 16))
        XCTAssertEqual(mnemonic.phrase, "legal winner thank year wave sausage worth useful legal winner thank yellow")
        XCTAssertEqual(
            mnemonic.seed(passphrase: "TREZOR").hex,
            "2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607")
    }

    func testTrezorVectorTwentyFourWords() throws {
        let mnemonic = try Mnemonic(entropy: Bytes(repeating: 0, count: 32))
        XCTAssertEqual(mnemonic.words.count, 24)
        XCTAssertEqual(mnemonic.words.last, "art")
        XCTAssertEqual(
            mnemonic.seed(passphrase: "TREZOR").hex,
            "bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8")
    }

    func testCaseAndSpacingAreForgiven() throws {
        let typed = try Mnemonic(phrase: "  Legal WINNER thank\tyear wave sausage worth useful legal winner thank yellow\n")
        XCTAssertEqual(typed.phrase, "legal winner thank year wave sausage worth useful legal winner thank yellow")
        XCTAssertEqual(typed.entropy, Bytes(repeating: 0x7f, count: 16))
    }

    func testBadChecksumIsRejected() {
        // Twelve valid words whose last word carries the wrong checksum bits.
        let phrase = Array(repeating: "abandon", count: 12).joined(separator: " ")
        XCTAssertThrowsError(try Mnemonic(phrase: phrase)) { error in
            XCTAssertEqual(error as? MnemonicError, .badChecksum)
            XCTAssertTrue("\(error)".contains("checksum"))
        }
    }

    func testUnknownWordIsNamedWithASuggestion() {
        let phrase = "legal winner thank year wave sausage worth usefull legal winner thank yellow"
        XCTAssertThrowsError(try Mnemonic(phrase: phrase)) { error in
            XCTAssertEqual(error as? MnemonicError, .unknownWord(word: "usefull", position: 8, suggestion: "useful"))
            XCTAssertEqual("\(error)", "word 8 'usefull' is not in the BIP39 English word list (did you mean 'useful'?)")
        }
    }

    func testGibberishGetsNoSuggestion() {
        XCTAssertNil(Mnemonic.closestWord(to: "qqqqqqqqqqqqqqqq"))
        XCTAssertEqual(Mnemonic.closestWord(to: "abandn"), "abandon")
    }

    func testWrongWordCountIsRejected() {
        XCTAssertThrowsError(try Mnemonic(phrase: "abandon abandon about")) { error in
            XCTAssertEqual(error as? MnemonicError, .wrongWordCount(3))
        }
        XCTAssertThrowsError(try Mnemonic.generate(wordCount: 13)) { error in
            XCTAssertEqual(error as? MnemonicError, .wrongWordCount(13))
        }
    }

    func testGeneratedMnemonicsValidateAndDiffer() throws {
        for count in [12, 24] {
            let first = try Mnemonic.generate(wordCount: count)
            let second = try Mnemonic.generate(wordCount: count)
            XCTAssertEqual(first.words.count, count)
            XCTAssertEqual(first.entropy.count, count * 4 / 3)
            XCTAssertNotEqual(first.entropy, second.entropy)
            XCTAssertEqual(try Mnemonic(phrase: first.phrase), first)
        }
    }

    func testDescriptionNeverShowsTheWords() throws {
        let mnemonic = try Mnemonic(entropy: Bytes(repeating: 0x7f, count: 16))
        XCTAssertFalse("\(mnemonic)".contains("legal"))
    }

    func testEntropyLengthIsChecked() {
        XCTAssertThrowsError(try Mnemonic(entropy: Bytes(repeating: 1, count: 17))) { error in
            XCTAssertEqual(error as? MnemonicError, .invalidEntropyLength(17))
        }
    }
}
