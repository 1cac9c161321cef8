import ProofmintCore
import XCTest

/// `--version` prints this line: the package version and the protocol version, which is what decides whether two
/// builds agree on blocks.
final class ProofmintVersionTests: XCTestCase {
    func testTheVersionNamesThePackageAndTheProtocol() {
        // Version 2 changed governance's records (their own version bytes say so); version 3 added the header's
        // beacon, so the header is at version 2.
        XCTAssertEqual(ProofmintVersion.protocolVersion, 4)
        XCTAssertEqual(BlockHeader.version, 2)
        XCTAssertEqual(ProofmintVersion.text, "\(ProofmintVersion.package) (protocol 4, draft)")
        XCTAssertNotNil(ProofmintVersion.package.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression), ProofmintVersion.package)
    }
}
