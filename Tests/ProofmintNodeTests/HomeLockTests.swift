import Foundation
@testable import ProofmintNode
import XCTest

/// One node per home and per database (issue 13, D10): a second lock on the same home, or on another home whose data
/// directory links to a locked one, is refused; releasing the first lets the next one in.
final class HomeLockTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "proofmint-homelock-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/a/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/b/data", withDestinationPath: root + "/a/data")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    func testASecondLockOnTheHomeOrOnALinkedDatabaseIsRefused() throws {
        let home = NodeHome(path: root + "/a"), linked = NodeHome(path: root + "/b")
        var first: HomeLock? = try HomeLock(home: home)
        XCTAssertThrowsError(try HomeLock(home: home)) { XCTAssertTrue("\($0)".contains("already running on \(home.path)"), "\($0)") }
        XCTAssertThrowsError(try HomeLock(home: linked)) {
            XCTAssertTrue("\($0)".contains("perhaps through a link from another home"), "\($0)")
        }
        // The refused attempt released its home lock: once the first node stops, the linked home starts.
        withExtendedLifetime(first) {}
        first = nil
        XCTAssertNoThrow(try HomeLock(home: linked))
    }
}
