import ProofmintCore
import XCTest

/// `--version` prints this line: the package version and the protocol version, which is what decides whether two
/// builds agree on blocks.
final class ProofmintVersionTests: XCTestCase {
    func testTheVersionNamesThePackageAndTheProtocol() {
        XCTAssertEqual(ProofmintVersion.protocolVersion, BlockHeader.version, "the protocol version is the version byte of every structure")
        XCTAssertEqual(ProofmintVersion.text, "\(ProofmintVersion.package) (protocol 1, draft)")
        XCTAssertNotNil(ProofmintVersion.package.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression), ProofmintVersion.package)
    }
}
