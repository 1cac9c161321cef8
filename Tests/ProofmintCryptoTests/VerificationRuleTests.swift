import Foundation
@testable import ProofmintCrypto
import XCTest

/// The start-up pin of the verification rule: this build follows it, the pinned Wycheproof cases carry Wycheproof's
/// own verdicts, and a build that disagreed would be stopped with a message naming the case and the library.
final class VerificationRuleTests: XCTestCase {
    func testThisBuildFollowsTheRule() throws {
        XCTAssertNil(VerificationRule.firstDeviation())
        XCTAssertNoThrow(try VerificationRule.check())
        XCTAssertFalse(VerificationRule.libsodiumVersion.isEmpty)
        XCTAssertEqual(VerificationRule.vectors.filter(\.valid).count, 2)
        XCTAssertEqual(VerificationRule.vectors.filter { !$0.valid }.count, 5)
    }

    func testThePinnedWycheproofCasesCarryTheFilesVerdicts() throws {
        let url = Ed25519Tests.sharedVectorsDirectory().appendingPathComponent("wycheproof_ed25519_test.json")
        let file = try JSONDecoder().decode(WycheproofFile.self, from: Data(contentsOf: url))
        var checked = 0
        for vector in VerificationRule.vectors where vector.name.hasPrefix("Wycheproof ") {
            let id = Int(vector.name.dropFirst("Wycheproof ".count).prefix { $0.isNumber })
            let found = file.testGroups.flatMap { group in group.tests.map { (group.publicKey.pk, $0) } }.first { $0.1.tcId == id }
            let (key, test) = try XCTUnwrap(found, vector.name)
            XCTAssertEqual(key, vector.publicKey, vector.name)
            XCTAssertEqual(test.msg, vector.message, vector.name)
            XCTAssertEqual(test.sig, vector.signature, vector.name)
            XCTAssertEqual(test.result == "valid", vector.valid, vector.name)
            checked += 1
        }
        XCTAssertEqual(checked, 6)
    }

    func testTheSmallOrderVectorIsWhatALenientVerifierAccepts() throws {
        // [S]B − [k]A with S = 0 and A the identity is the identity, which is R: only the key and R checks refuse it.
        let vector = try XCTUnwrap(VerificationRule.vectors.last)
        XCTAssertEqual(vector.publicKey, "01" + String(repeating: "00", count: 31))
        XCTAssertEqual(String(vector.signature.prefix(64)), vector.publicKey)
        XCTAssertEqual(String(vector.signature.suffix(64)), String(repeating: "0", count: 64))
        XCTAssertFalse(vector.valid)
    }
}
