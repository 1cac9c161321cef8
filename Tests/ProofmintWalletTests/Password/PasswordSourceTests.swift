import XCTest
@testable import ProofmintWallet

final class PasswordSourceTests: XCTestCase {
    let temporary = TemporaryDirectory()

    override func tearDown() { temporary.remove() }

    func testFileWinsAndLosesOneTrailingNewline() throws {
        let path = temporary.file("pw")
        try FileSystem.writeAtomically(Array("s3cret \r\n".utf8), to: path, permissions: 0o600, overwrite: false)
        let source = PasswordSource(passwordFile: path, environment: ["PROOFMINT_PASSWORD": "from-env"], allowPrompt: false)
        XCTAssertEqual(try source.unlockPassword(for: "a"), Array("s3cret ".utf8))
        XCTAssertEqual(try source.newPassword(for: "a"), Array("s3cret ".utf8))
    }

    func testEnvironmentIsSecond() throws {
        let source = PasswordSource(passwordFile: nil, environment: ["PROOFMINT_PASSWORD": "from-env"], allowPrompt: false)
        XCTAssertEqual(try source.unlockPassword(for: "a"), Array("from-env".utf8))
    }

    func testEmptyAndMissingSourcesAreExplained() throws {
        let empty = temporary.file("empty")
        try FileSystem.writeAtomically(Array("\n".utf8), to: empty, permissions: 0o600, overwrite: false)
        XCTAssertThrowsError(try PasswordSource(passwordFile: empty, environment: [:], allowPrompt: false).unlockPassword(for: "a")) { error in
            XCTAssertEqual(error as? PasswordError, .emptyPassword(source: "password file \(empty)"))
        }
        XCTAssertThrowsError(try PasswordSource(passwordFile: nil, environment: ["PROOFMINT_PASSWORD": ""], allowPrompt: false)
            .unlockPassword(for: "a"))
        XCTAssertThrowsError(try PasswordSource(passwordFile: temporary.file("absent"), environment: [:], allowPrompt: false)
            .unlockPassword(for: "a")) { error in
            XCTAssertEqual(error as? PasswordError, .unreadableFile(.notFound(path: temporary.file("absent"))))
        }
        XCTAssertThrowsError(try PasswordSource(passwordFile: nil, environment: [:], allowPrompt: false).unlockPassword(for: "alice")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("--password-file") && message.contains("PROOFMINT_PASSWORD") && message.contains("alice"), message)
        }
    }
}
