import ProofmintCrypto
import XCTest

final class SecretBoxTests: XCTestCase {
    let key = Bytes((0..<32).map { UInt8($0) })
    let nonce = Bytes((0..<24).map { UInt8(100 + $0) })

    func testRoundTrip() throws {
        for length in [0, 1, 15, 16, 17, 64, 1000] {
            let plaintext = Bytes((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            let sealed = try SecretBox.seal(plaintext, key: key, nonce: nonce)
            XCTAssertEqual(sealed.count, plaintext.count + SecretBox.macLength)
            if length >= 8 { XCTAssertNotEqual(Array(sealed.suffix(length)), plaintext, "ciphertext equals plaintext") }
            XCTAssertEqual(try SecretBox.open(sealed, key: key, nonce: nonce), plaintext)
            // Deterministic for a fixed key and nonce.
            XCTAssertEqual(try SecretBox.seal(plaintext, key: key, nonce: nonce), sealed)
        }
    }

    func testTamperingIsDetected() throws {
        let plaintext = Array("keystore secret seed material".utf8)
        let sealed = try SecretBox.seal(plaintext, key: key, nonce: nonce)
        for index in 0..<sealed.count {
            var bad = sealed
            bad[index] ^= 0x80
            XCTAssertThrowsError(try SecretBox.open(bad, key: key, nonce: nonce), "flip at byte \(index) not detected") { error in
                XCTAssertEqual(error as? CryptoError, .authenticationFailed)
            }
        }
        XCTAssertThrowsError(try SecretBox.open(Array(sealed.dropLast()), key: key, nonce: nonce))
        XCTAssertThrowsError(try SecretBox.open(sealed + [0], key: key, nonce: nonce))
        XCTAssertThrowsError(try SecretBox.open(Array(sealed.prefix(SecretBox.macLength - 1)), key: key, nonce: nonce)) { error in
            XCTAssertEqual(error as? CryptoError, .authenticationFailed)
        }
        var otherKey = key
        otherKey[0] ^= 1
        XCTAssertThrowsError(try SecretBox.open(sealed, key: otherKey, nonce: nonce)) { error in
            XCTAssertEqual(error as? CryptoError, .authenticationFailed)
        }
        var otherNonce = nonce
        otherNonce[23] ^= 1
        XCTAssertThrowsError(try SecretBox.open(sealed, key: key, nonce: otherNonce))
    }

    func testWrongKeyOrNonceLength() {
        XCTAssertThrowsError(try SecretBox.seal([1], key: Array(key.prefix(31)), nonce: nonce)) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(what: "secretbox key", expected: 32, actual: 31))
        }
        XCTAssertThrowsError(try SecretBox.seal([1], key: key, nonce: nonce + [0])) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(what: "secretbox nonce", expected: 24, actual: 25))
        }
        XCTAssertThrowsError(try SecretBox.open(Bytes(repeating: 0, count: 32), key: [], nonce: nonce))
    }
}
