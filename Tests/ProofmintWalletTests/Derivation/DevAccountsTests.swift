import XCTest
@testable import ProofmintWallet

final class DevAccountsTests: XCTestCase {
    func testDevMnemonicIsValidBIP39() throws {
        let mnemonic = try Mnemonic(phrase: DevAccounts.mnemonic)
        XCTAssertEqual(mnemonic.words.count, 12)
    }

    /// Expected values computed independently (Python hashlib/hmac, pyca Ed25519, a reference Bech32m encoder).
    func testDevKeysMatchIndependentDerivation() throws {
        let dev0 = try DevAccounts.key(index: 0)
        XCTAssertEqual(dev0.seed.hex, "868adef3d818d1a2ee034cd9fe163b904e111193b2090b2fff6e935cfa271018")
        XCTAssertEqual(dev0.publicKey.bytes.hex, "a6963d3e6600ba77ae12ab5c21ff6a924bf2e9e74f6d1a368fb3b47731a24242")
        XCTAssertEqual(try DevAccounts.address(index: 0).text, "pm1r9g7t872y2jmwvw29jwwxk5n7tjgp0qem6play")
        XCTAssertEqual(try DevAccounts.address(index: 1).text, "pm1lsjtkgeu8mskkaggftft67wslzfls4eaamhuhp")
        XCTAssertEqual(try DevAccounts.address(index: 9).text, "pm1xs904g6tmfzencrmp7exaxdnju4322z4mxpwtf")
    }

    func testDevKeyIsAccountIOfTheMnemonic() throws {
        let mnemonic = try Mnemonic(phrase: DevAccounts.mnemonic)
        XCTAssertEqual(try DevAccounts.key(index: 3).seed, try AccountDerivation.privateKey(mnemonic: mnemonic, account: 3).seed)
    }

    func testNamesAndRecognition() throws {
        XCTAssertEqual(DevAccounts.name(index: 7), "dev7")
        XCTAssertEqual(DevAccounts.index(of: try DevAccounts.address(index: 4)), 4)
        XCTAssertNil(DevAccounts.index(of: Address(module: "treasury")))
        XCTAssertThrowsError(try DevAccounts.key(index: -1))
        XCTAssertTrue(DevAccounts.warning.hasPrefix("INSECURE"))
    }
}
