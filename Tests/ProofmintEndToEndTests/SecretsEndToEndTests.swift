import Foundation
import XCTest

/// Issue 13, D7 and D12 through the real `proofmintd`: the validator seed file `init` writes is 0600 even under an
/// open umask, and `start` refuses an empty `data.mdb` without rewriting it.
final class SecretsEndToEndTests: XCTestCase {
    private var work = ""

    override func setUp() { work = Paths.temporaryDirectory("secrets") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: work) }

    func testInitWritesTheValidatorSeed0600EvenUnderUmaskZero() throws {
        let home = work + "/home"
        // The child inherits the umask: with 0, a file created 0666 and chmodded later (D7) would be world-readable
        // until the chmod; only the final state can be seen from here, the moment-by-moment check is ValidatorKeyFileTests.
        let previous = umask(0)
        defer { umask(previous) }
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        let mode = try FileManager.default.attributesOfItem(atPath: home + "/validator_key.json")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        let names = try FileManager.default.contentsOfDirectory(atPath: home)
        XCTAssertFalse(names.contains { $0.hasSuffix(".tmp") }, "no temp file left: \(names)")
    }

    /// `init` into a directory of the operator's never replaces one of its entries and never leaves half a home: a
    /// `data` directory already there is refused before anything moves in, and the home is as it was.
    func testInitIntoAHomeThatHoldsADataDirectoryChangesNothing() throws {
        let home = work + "/operators-dir"
        try FileManager.default.createDirectory(atPath: home + "/data", withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: home + "/data/notes.txt", contents: Data("mine".utf8)))
        XCTAssertTrue(FileManager.default.createFile(atPath: home + "/readme.txt", contents: Data("keep".utf8)))
        let result = try Command.run(
            "proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"], timeout: 60)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("already holds data"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home).sorted(), ["data", "readme.txt"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home + "/data"), ["notes.txt"])
        let siblings = try FileManager.default.contentsOfDirectory(atPath: work)
        XCTAssertEqual(siblings, ["operators-dir"], "no staging directory is left beside the home")
    }

    func testStartRefusesAnEmptyDataFileAndLeavesIt() throws {
        let home = work + "/killed-init"
        try FileManager.default.createDirectory(atPath: home + "/data", withIntermediateDirectories: true)
        let dataFile = home + "/data/data.mdb"
        XCTAssertTrue(FileManager.default.createFile(atPath: dataFile, contents: Data()))
        let result = try Command.run("proofmintd", ["start", "--home", home, "--rpc-port", "0"], timeout: 30)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("0 bytes") && result.stderr.contains("left untouched"), result.stderr)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: dataFile)[.size] as? Int, 0)
    }
}
