import Foundation
import XCTest
@testable import ProofmintWallet

final class KeystoreTests: XCTestCase {
    let temporary = TemporaryDirectory()
    // A directory that does not exist yet: the keystore must create it.
    lazy var keystore = Keystore(directory: temporary.file("keys"))
    let password = Array("correct horse".utf8)

    override func tearDown() { temporary.remove() }

    private func save(_ name: String, key: Ed25519.PrivateKey? = nil, overwrite: Bool = false) throws -> (Ed25519.PrivateKey, KeyInfo) {
        let key = try key ?? Ed25519.PrivateKey.generate()
        let info = try keystore.save(key, as: try KeyName(name), password: password, limits: .interactive, overwrite: overwrite)
        return (key, info)
    }

    func testRoundTrip() throws {
        let (key, info) = try save("alice")
        XCTAssertEqual(info.address, Address(publicKey: key.publicKey))
        XCTAssertEqual(info.kdf, .interactive)
        let unlocked = try keystore.unlock(try KeyName("alice"), password: password)
        XCTAssertEqual(unlocked.seed, key.seed)
        XCTAssertEqual(try keystore.info(try KeyName("alice")).address, info.address)
    }

    func testFileLayoutAndPermissions() throws {
        let (key, info) = try save("alice")
        XCTAssertEqual(info.path, temporary.file("keys/alice.json"))
        XCTAssertEqual(FileSystem.permissions(info.path), 0o600)
        XCTAssertEqual(FileSystem.permissions(temporary.file("keys")), 0o700)
        let document = try JSONParser.parse(try FileSystem.read(info.path))
        let members: [String]
        if case let .object(pairs) = document { members = pairs.map(\.0) } else { members = [] }
        XCTAssertEqual(members, ["version", "name", "address", "public_key", "kdf", "cipher"])
        XCTAssertEqual(document["kdf"]?["name"]?.stringValue, "argon2id13")
        XCTAssertEqual(document["cipher"]?["name"]?.stringValue, "xsalsa20poly1305")
        XCTAssertEqual(document["public_key"]?.stringValue, key.publicKey.bytes.hex)
        // The seed never appears in the clear.
        XCTAssertFalse(String(decoding: try FileSystem.read(info.path), as: UTF8.self).contains(key.seed.hex))
        // No temporary files are left behind.
        XCTAssertEqual(try FileSystem.fileNames(in: temporary.file("keys")), ["alice.json"])
    }

    func testWrongPasswordIsReportedByName() throws {
        _ = try save("alice")
        XCTAssertThrowsError(try keystore.unlock(try KeyName("alice"), password: Array("wrong".utf8))) { error in
            guard case let .wrongPassword(name, _)? = error as? KeystoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "alice")
            XCTAssertTrue("\(error)".hasPrefix("wrong password for key 'alice'"))
        }
    }

    func testTamperedCiphertextNeverYieldsAKey() throws {
        let (_, info) = try save("alice")
        var text = String(decoding: try FileSystem.read(info.path), as: UTF8.self)
        let file = try KeystoreFile(parsing: Array(text.utf8), path: info.path)
        var altered = file.ciphertext
        altered[5] ^= 0x01
        text = text.replacingOccurrences(of: file.ciphertext.hex, with: altered.hex)
        try FileSystem.writeAtomically(Array(text.utf8), to: info.path, permissions: 0o600, overwrite: true)
        XCTAssertThrowsError(try keystore.unlock(try KeyName("alice"), password: password)) { error in
            guard case .wrongPassword? = error as? KeystoreError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains(info.path), "the message must point at the file that may have been altered")
        }
    }

    func testSwappedPublicKeyIsDetected() throws {
        let (_, info) = try save("alice")
        let other = try Ed25519.PrivateKey.generate().publicKey
        var text = String(decoding: try FileSystem.read(info.path), as: UTF8.self)
        text = text.replacingOccurrences(of: info.publicKey.bytes.hex, with: other.bytes.hex)
            .replacingOccurrences(of: info.address.text, with: Address(publicKey: other).text)
        try FileSystem.writeAtomically(Array(text.utf8), to: info.path, permissions: 0o600, overwrite: true)
        XCTAssertThrowsError(try keystore.unlock(try KeyName("alice"), password: password)) { error in
            guard case let .corruptFile(path, reason)? = error as? KeystoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, info.path)
            XCTAssertTrue(reason.contains("public_key"))
        }
    }

    func testTruncatedFileIsReportedWithItsPath() throws {
        let (_, info) = try save("alice")
        let bytes = try FileSystem.read(info.path)
        try FileSystem.writeAtomically(Array(bytes.prefix(bytes.count / 2)), to: info.path, permissions: 0o600, overwrite: true)
        XCTAssertThrowsError(try keystore.info(try KeyName("alice"))) { error in
            guard case let .corruptFile(path, _)? = error as? KeystoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, info.path)
            XCTAssertTrue("\(error)".contains(info.path))
        }
    }

    func testMissingFieldIsNamed() throws {
        let (_, info) = try save("alice")
        let text = String(decoding: try FileSystem.read(info.path), as: UTF8.self)
            .replacingOccurrences(of: "\"salt\"", with: "\"pepper\"")
        XCTAssertThrowsError(try KeystoreFile(parsing: Array(text.utf8), path: info.path)) { error in
            XCTAssertTrue("\(error)".contains("'kdf.salt' is missing"), "\(error)")
        }
    }

    func testAbsurdKDFLimitsInAFileAreRefused() throws {
        let (_, info) = try save("alice")
        let text = String(decoding: try FileSystem.read(info.path), as: UTF8.self)
            .replacingOccurrences(of: "\"memlimit\": \(KDFLimits.interactive.memLimit)", with: "\"memlimit\": 1099511627776")
        XCTAssertThrowsError(try KeystoreFile(parsing: Array(text.utf8), path: info.path)) { error in
            XCTAssertTrue("\(error)".contains("memlimit"), "\(error)")
        }
    }

    func testExistingKeyIsNotReplacedWithoutForce() throws {
        let (first, _) = try save("alice")
        XCTAssertThrowsError(try save("alice")) { error in
            guard case .keyExists? = error as? KeystoreError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("--force"))
        }
        XCTAssertEqual(try keystore.unlock(try KeyName("alice"), password: password).seed, first.seed)

        let (second, _) = try save("alice", overwrite: true)
        XCTAssertEqual(try keystore.unlock(try KeyName("alice"), password: password).seed, second.seed)
        XCTAssertEqual(FileSystem.permissions(keystore.path(for: try KeyName("alice"))), 0o600)
    }

    func testRenamedFileIsRefused() throws {
        let (_, info) = try save("alice")
        try FileManager.default.moveItem(atPath: info.path, toPath: temporary.file("keys/mallory.json"))
        XCTAssertThrowsError(try keystore.info(try KeyName("mallory"))) { error in
            guard case .corruptFile? = error as? KeystoreError else { return XCTFail("\(error)") }
        }
    }

    func testNames() {
        for valid in ["a", "dev0", "my_key-2", String(repeating: "x", count: 32)] {
            XCTAssertNoThrow(try KeyName(valid), valid)
        }
        for invalid in ["", "Alice", "a b", "../x", "a.json", String(repeating: "x", count: 33), "ключ"] {
            XCTAssertThrowsError(try KeyName(invalid), invalid) { error in
                XCTAssertEqual(error as? KeystoreError, .invalidName(invalid))
            }
        }
    }

    func testMissingKeyAndListing() throws {
        XCTAssertEqual(try keystore.list(), [], "an absent directory is an empty keystore")
        XCTAssertThrowsError(try keystore.info(try KeyName("nobody"))) { error in
            XCTAssertEqual(error as? KeystoreError, .keyNotFound(name: "nobody", directory: keystore.directory))
        }
        _ = try save("bob")
        _ = try save("alice")
        try FileSystem.writeAtomically(Array("{}".utf8), to: temporary.file("keys/broken.json"), permissions: 0o600, overwrite: false)
        try FileSystem.writeAtomically(Array("notes".utf8), to: temporary.file("keys/README"), permissions: 0o600, overwrite: false)
        let listing = try keystore.list()
        XCTAssertEqual(listing.count, 3)
        guard case let .key(first) = listing[0], case let .key(second) = listing[1], case let .unreadable(name, _) = listing[2] else {
            return XCTFail("\(listing)")
        }
        XCTAssertEqual([first.name.text, second.name.text, name], ["alice", "bob", "broken"])
    }
}
