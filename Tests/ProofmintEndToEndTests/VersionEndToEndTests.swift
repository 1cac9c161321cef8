import ProofmintCore
import XCTest

/// Both binaries answer `--version` with their name, the package version and the protocol version.
final class VersionEndToEndTests: XCTestCase {
    func testBothBinariesPrintTheirVersion() throws {
        for binary in ["proofmintd", "proofmint"] {
            let result = try Command.succeed(binary, ["--version"])
            XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "\(binary) \(ProofmintVersion.text)")
            XCTAssertTrue(result.stdout.contains("protocol \(ProofmintVersion.protocolVersion)"), result.stdout)
        }
    }
}
