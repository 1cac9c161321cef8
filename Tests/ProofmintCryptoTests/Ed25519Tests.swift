import Foundation
import ProofmintCrypto
import XCTest

final class Ed25519Tests: XCTestCase {
    // MARK: - RFC 8032

    /// RFC 8032 §7.1, TEST 1: the empty message.
    func testRFC8032Vector1() throws {
        let seed = try XCTUnwrap(Bytes(hex: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        let key = try Ed25519.PrivateKey(seed: seed)
        XCTAssertEqual(key.publicKey.bytes.hex, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let signature = key.signature(for: [])
        XCTAssertEqual(
            signature.hex,
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        XCTAssertTrue(key.publicKey.isValidSignature(signature, for: []))
        XCTAssertFalse(key.publicKey.isValidSignature(signature, for: [0]))
        XCTAssertEqual(key.seed, seed)
    }

    /// RFC 8032 §7.1, TEST 2: a one-byte message (0x72).
    func testRFC8032Vector2() throws {
        let key = try Ed25519.PrivateKey(seed: XCTUnwrap(Bytes(hex: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")))
        XCTAssertEqual(key.publicKey.bytes.hex, "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
        XCTAssertEqual(
            key.signature(for: [0x72]).hex,
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")
    }

    func testSigningIsDeterministic() throws {
        let key = try Ed25519.PrivateKey(seed: Bytes(repeating: 7, count: 32))
        let message = Array("the same bytes every time".utf8)
        let first = key.signature(for: message)
        XCTAssertEqual(first, key.signature(for: message))
        // A second key object from the same seed signs identically too.
        XCTAssertEqual(first, try Ed25519.PrivateKey(seed: Bytes(repeating: 7, count: 32)).signature(for: message))
        XCTAssertNotEqual(first, key.signature(for: message + [0]))
        XCTAssertEqual(first.count, Ed25519.signatureLength)
    }

    func testTamperedSignatureMessageOrKeyFails() throws {
        let key = try Ed25519.PrivateKey(seed: Bytes(repeating: 1, count: 32))
        let other = try Ed25519.PrivateKey(seed: Bytes(repeating: 2, count: 32))
        let message = Array("pay bob 5".utf8)
        let signature = key.signature(for: message)
        XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message))
        XCTAssertFalse(other.publicKey.isValidSignature(signature, for: message))
        for index in 0..<signature.count {
            var bad = signature
            bad[index] ^= 0x01
            XCTAssertFalse(key.publicKey.isValidSignature(bad, for: message), "bit flip in signature byte \(index) accepted")
        }
        for index in 0..<message.count {
            var bad = message
            bad[index] ^= 0x20
            XCTAssertFalse(key.publicKey.isValidSignature(signature, for: bad), "altered message byte \(index) accepted")
        }
        XCTAssertFalse(key.publicKey.isValidSignature(Array(signature.dropLast()), for: message))
        XCTAssertFalse(key.publicKey.isValidSignature(signature + [0], for: message))
        XCTAssertFalse(key.publicKey.isValidSignature([], for: message))
    }

    func testWrongLengthsAreRefused() {
        XCTAssertThrowsError(try Ed25519.PrivateKey(seed: Bytes(repeating: 0, count: 31))) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(what: "Ed25519 seed", expected: 32, actual: 31))
        }
        XCTAssertThrowsError(try Ed25519.PrivateKey(seed: Bytes(repeating: 0, count: 33)))
        XCTAssertThrowsError(try Ed25519.PublicKey(bytes: Bytes(repeating: 0, count: 31))) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(what: "Ed25519 public key", expected: 32, actual: 31))
        }
        XCTAssertThrowsError(try Ed25519.PublicKey(bytes: []))
    }

    // MARK: - Wycheproof

    /// Vectors where libsodium 1.0.18's verdict is known to differ from Wycheproof's, with the reason.
    /// Empty: libsodium 1.0.18 agrees with every one of the 151 vectors. If a libsodium upgrade makes one disagree,
    /// the test fails and the case must be investigated and, only if justified, listed here.
    static let knownDisagreements: [Int: String] = [:]

    func testWycheproofVectors() throws {
        let url = Self.sharedVectorsDirectory().appendingPathComponent("wycheproof_ed25519_test.json")
        guard FileManager.default.fileExists(atPath: url.path) else {
            XCTFail("""
                Wycheproof vectors not found at \(url.path). They live in ../shared/vectors/ beside the checkout \
                (or set PROOFMINT_VECTORS_DIR to the directory that holds wycheproof_ed25519_test.json).
                """)
            return
        }
        let file = try JSONDecoder().decode(WycheproofFile.self, from: Data(contentsOf: url))
        XCTAssertEqual(file.algorithm, "EDDSA")
        var seen = 0, validCount = 0, disagreements = [Int]()
        for group in file.testGroups {
            let publicKeyBytes = try XCTUnwrap(Bytes(hex: group.publicKey.pk), "group public key is not hex")
            let publicKey = try Ed25519.PublicKey(bytes: publicKeyBytes)
            for test in group.tests {
                seen += 1
                let message = try XCTUnwrap(Bytes(hex: test.msg), "tcId \(test.tcId): msg is not hex")
                let signature = try XCTUnwrap(Bytes(hex: test.sig), "tcId \(test.tcId): sig is not hex")
                let accepted = publicKey.isValidSignature(signature, for: message)
                let expected: Bool
                switch test.result {
                case "valid": expected = true; validCount += 1
                case "invalid": expected = false
                default: XCTFail("tcId \(test.tcId): unexpected result '\(test.result)'"); continue
                }
                if accepted != expected {
                    disagreements.append(test.tcId)
                    if Self.knownDisagreements[test.tcId] == nil {
                        XCTFail("Wycheproof tcId \(test.tcId) (\(test.comment), flags \(test.flags)): expected \(test.result), libsodium \(accepted ? "accepted" : "rejected") it")
                    }
                }
            }
        }
        XCTAssertEqual(seen, file.numberOfTests, "every vector in the file was run")
        XCTAssertEqual(seen, 151)
        XCTAssertGreaterThan(validCount, 0)
        // The exclusion list must name exactly the vectors that disagree: a stale entry is a failure too.
        XCTAssertEqual(disagreements.sorted(), Self.knownDisagreements.keys.sorted())
    }

    /// `../shared/vectors` relative to the repository root (three levels above this file), unless
    /// `PROOFMINT_VECTORS_DIR` says otherwise.
    static func sharedVectorsDirectory() -> URL {
        if let dir = ProcessInfo.processInfo.environment["PROOFMINT_VECTORS_DIR"] { return URL(fileURLWithPath: dir) }
        let repoRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // ProofmintCryptoTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent("vectors")
    }
}

struct WycheproofFile: Decodable {
    let algorithm: String
    let numberOfTests: Int
    let testGroups: [Group]

    struct Group: Decodable {
        let publicKey: Key
        let tests: [Test]
    }

    struct Key: Decodable {
        let pk: String
    }

    struct Test: Decodable {
        let tcId: Int
        let comment: String
        let msg: String
        let sig: String
        let result: String
        let flags: [String]
    }
}

final class Ed25519PointTests: XCTestCase {
    /// Expected verdicts: RFC 8032's key 1 is a valid point; the all-zero encoding (order 4), the identity, a
    /// non-canonical encoding (y = p) and key 1 plus the point of order 2 (computed with the RFC 8032 reference
    /// code in Python) are not usable verification keys.
    func testIsValidPoint() throws {
        let valid = try Ed25519.PublicKey(bytes: XCTUnwrap(Bytes(hex: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")))
        XCTAssertTrue(valid.isValidPoint)
        XCTAssertTrue(try Ed25519.PrivateKey(seed: Bytes(repeating: 3, count: 32)).publicKey.isValidPoint)
        for hex in [String(repeating: "0", count: 64), "01" + String(repeating: "0", count: 62),
                    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                    "16a567fe7d4ef5482ab4012c369bf8c5f11e8d0c2559dcda50fde59708f8aee5"] {
            let key = try Ed25519.PublicKey(bytes: XCTUnwrap(Bytes(hex: hex)))
            XCTAssertFalse(key.isValidPoint, hex)
        }
    }
}
