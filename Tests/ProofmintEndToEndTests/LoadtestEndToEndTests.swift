import Foundation
import XCTest

/// `proofmint-loadtest` (`make loadtest`) against a real debug `proofmintd`: a small run in both mining modes must get
/// every transfer into a block with nothing refused, and report it. Its speed is a figure for docs/PERFORMANCE.md,
/// never asserted here.
final class LoadtestEndToEndTests: XCTestCase {
    func testASmallLoadIsIncludedWholeInBothModes() throws {
        let proofmintd = try Paths.binary("proofmintd").path
        let result = try Command.succeed("proofmint-loadtest", [
            "--proofmintd", proofmintd, "--genesis", Paths.devnetGenesis, "--senders", "40", "--transactions", "160",
            "--batch", "20", "--block-time", "250", "--max-seconds", "60",
        ])
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("| instant ") || $0.hasPrefix("| interval ") }
        XCTAssertEqual(rows.count, 2, result.stdout)
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            // mode, submitted, included, refused, ...
            XCTAssertEqual(cells[1], "160", "submitted: \(row)")
            XCTAssertEqual(cells[2], "160", "every transfer included: \(row)")
            XCTAssertEqual(cells[3], "0", "nothing refused: \(row)")
        }
        XCTAssertTrue(result.stdout.contains("libsodium crypto_sign_verify_detached"), "the verify rate is measured in the same run")
    }
}
