import ProofmintCrypto
import XCTest

final class Argon2idTests: XCTestCase {
    let salt = Bytes((0..<16).map { UInt8($0 * 3) })

    /// Same password, salt and limits → same key; any change → a different key. Interactive limits (64 MiB).
    func testDeterministicAndSensitiveToInputs() throws {
        let password = Array("correct horse battery staple".utf8)
        let ops = Argon2id.interactiveOpsLimit, mem = Argon2id.interactiveMemLimit
        let first = try Argon2id.deriveKey(password: password, salt: salt, opsLimit: ops, memLimit: mem)
        XCTAssertEqual(first.count, 32)
        XCTAssertEqual(try Argon2id.deriveKey(password: password, salt: salt, opsLimit: ops, memLimit: mem), first)
        var otherSalt = salt
        otherSalt[15] ^= 1
        XCTAssertNotEqual(try Argon2id.deriveKey(password: password, salt: otherSalt, opsLimit: ops, memLimit: mem), first)
        XCTAssertNotEqual(try Argon2id.deriveKey(password: password + [0x21], salt: salt, opsLimit: ops, memLimit: mem), first)
        let empty = try Argon2id.deriveKey(password: [], salt: salt, opsLimit: ops, memLimit: mem)
        XCTAssertNotEqual(empty, first)
        XCTAssertEqual(try Argon2id.deriveKey(password: [], salt: salt, opsLimit: ops, memLimit: mem), empty)
        let long = try Argon2id.deriveKey(password: password, salt: salt, opsLimit: ops, memLimit: mem, length: 64)
        XCTAssertEqual(long.count, 64)
    }

    func testSaltLengthIsChecked() {
        XCTAssertEqual(Argon2id.saltLength, 16)
        for length in [0, 15, 17, 32] {
            XCTAssertThrowsError(
                try Argon2id.deriveKey(
                    password: [1, 2, 3], salt: Bytes(repeating: 0, count: length),
                    opsLimit: Argon2id.interactiveOpsLimit, memLimit: Argon2id.interactiveMemLimit)
            ) { error in
                XCTAssertEqual(error as? CryptoError, .invalidLength(what: "Argon2id salt", expected: 16, actual: length))
            }
        }
    }

    func testImpossibleLimitsAreAnError() {
        // opslimit 0 is below Argon2id's minimum of 1 pass: libsodium refuses it.
        XCTAssertThrowsError(try Argon2id.deriveKey(password: [1], salt: salt, opsLimit: 0, memLimit: Argon2id.interactiveMemLimit)) { error in
            XCTAssertEqual(error as? CryptoError, .keyDerivationFailed(opsLimit: 0, memLimit: Argon2id.interactiveMemLimit))
        }
    }
}
