import XCTest
@testable import ProofmintWallet

final class SLIP10Tests: XCTestCase {
    /// SLIP-10 test vector 1 for ed25519 (seed 000102…0f).
    let seed = Bytes(hex: "000102030405060708090a0b0c0d0e0f") ?? []

    func testVector1Master() throws {
        let master = SLIP10Node(seed: seed)
        XCTAssertEqual(master.privateKey.hex, "2b4be7f19ee27bbf30c667b642d5f4aa69fd169872f8fc3059c08ebae2eb19e7")
        XCTAssertEqual(master.chainCode.hex, "90046a93de5380a72b5e45010748567d5ea02bbf6522f979e05c0d8d8ca9fffb")
        XCTAssertEqual(try master.signingKey().publicKey.bytes.hex, "a4b2856bfec510abab89753fac1ac0e1112364e7d250545963f135f2a33188ed")
    }

    func testVector1Children() throws {
        let child = try SLIP10Node(seed: seed).child(hardened: 0)
        XCTAssertEqual(child.privateKey.hex, "68e0fe46dfb67e368c75379acec591dad19df3cde26e63b93a8e704f1dade7a3")
        XCTAssertEqual(child.chainCode.hex, "8b59aa11380b624e81507a27fedda59fea6d0b779a778918a2fd3590e16e9c69")
        XCTAssertEqual(try child.signingKey().publicKey.bytes.hex, "8c8a13df77a28f3445213a0f432fde644acaa215fc72dcdf300d5efaa85d350c")

        let deep = SLIP10Node(seed: seed).derive(try DerivationPath(text: "m/0'/1'/2'/2'/1000000000'"))
        XCTAssertEqual(deep.privateKey.hex, "8f94d394a8e8fd6b1bc2f3f49f5c47e385281d5c17e65324b0f62483e37e8793")
        XCTAssertEqual(deep.chainCode.hex, "68789923a0cac2cd5a29172a475fe9e0fb14cd6adb5ad98a3fa70333e7afa230")
    }

    func testPathTextRoundTrip() throws {
        let path = try DerivationPath(text: "m/44h/7337'/0H/0'/5'")
        XCTAssertEqual(path.indices, [44, 7337, 0, 0, 5])
        XCTAssertEqual(path.description, "m/44'/7337'/0'/0'/5'")
        XCTAssertEqual(try AccountDerivation.path(account: 5), path)
    }

    func testNonHardenedAndOutOfRangeIndicesAreRefused() {
        XCTAssertThrowsError(try DerivationPath(text: "m/44'/0")) { error in
            XCTAssertTrue("\(error)".contains("hardened"), "\(error)")
        }
        XCTAssertThrowsError(try DerivationPath(text: "44'/0'"))
        XCTAssertThrowsError(try DerivationPath(text: "m/x'"))
        XCTAssertThrowsError(try DerivationPath(text: "m/2147483648'")) { error in
            XCTAssertEqual(error as? DerivationError, .indexOutOfRange("2147483648"))
        }
        XCTAssertThrowsError(try SLIP10Node(seed: seed).child(hardened: 0x8000_0000))
    }

    func testAccountsOfOneSeedDiffer() throws {
        let mnemonic = try Mnemonic(entropy: Bytes(repeating: 0x7f, count: 16))
        let first = try AccountDerivation.privateKey(mnemonic: mnemonic, account: 0)
        let second = try AccountDerivation.privateKey(mnemonic: mnemonic, account: 1)
        let withPassphrase = try AccountDerivation.privateKey(mnemonic: mnemonic, passphrase: "x", account: 0)
        XCTAssertNotEqual(first.publicKey, second.publicKey)
        XCTAssertNotEqual(first.publicKey, withPassphrase.publicKey)
        // The same inputs always give the same key.
        XCTAssertEqual(try AccountDerivation.privateKey(mnemonic: mnemonic, account: 0).seed, first.seed)
    }
}
