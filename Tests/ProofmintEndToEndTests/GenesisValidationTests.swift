import Foundation
import XCTest

/// `proofmintd init` with a damaged genesis file: a clear error naming the field, and nothing created.
final class GenesisValidationTests: XCTestCase {
    func testATypoInTheGenesisFileIsNamedAndNothingIsCreated() throws {
        let directory = Paths.temporaryDirectory("genesis")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = try String(contentsOfFile: Paths.devnetGenesis, encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("\"chain_id\"", "\"chain_idd\"", "did you mean 'chain_id'"),
            ("\"1000000AI\"", "\"1O00000AI\"", "genesis.allocations[0].amount"),
            ("\"max_tx_bytes\"", "\"max_tx_byte\"", "did you mean 'max_tx_bytes'"),
        ]
        for (index, (find, replace, expected)) in cases.enumerated() {
            let file = directory + "/genesis-\(index).json"
            let home = directory + "/home-\(index)"
            let text = original.replacingOccurrences(of: find, with: replace)
            XCTAssertNotEqual(text, original)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let result = try Command.run("proofmintd", ["init", "--genesis", file, "--home", home, "--dev-validator", "0"])
            XCTAssertNotEqual(result.status, 0)
            XCTAssertTrue(result.stderr.contains(expected), "expected '\(expected)' in: \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/data/data.mdb"), "a refused genesis must create no database")
        }
    }

    func testStartingAnUninitialisedHomeSaysWhatToDo() throws {
        let home = Paths.temporaryDirectory("empty")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try Command.run("proofmintd", ["start", "--home", home], timeout: 30)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("proofmintd init"), result.stderr)
    }
}
