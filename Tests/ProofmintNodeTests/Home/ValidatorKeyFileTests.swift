import Foundation
import ProofmintCore
import XCTest
@testable import ProofmintNode

/// Issue 13, D7 and D12: the validator seed file is 0600 at every moment a reader could see it, and a temp file left
/// by a killed `init` is removed by the next run.
final class ValidatorKeyFileTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-validator-key-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    private func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
    }

    func testTheSeedFileIs0600FromItsFirstByteToItsRename() throws {
        // umask 0: if the file were created 0666 and chmodded later (the D7 bug), the hook would see 0666.
        let previous = umask(0)
        defer { umask(previous) }
        let home = NodeHome(path: directory)
        let key = try ValidatorKey.generate(name: "validator")
        var seen: (mode: Int?, size: Int?, finalExists: Bool)?
        try key.save(to: home.validatorKeyPath) { temp in
            let size = (try? FileManager.default.attributesOfItem(atPath: temp)[.size] as? Int) ?? nil
            seen = (self.mode(temp), size, FileManager.default.fileExists(atPath: home.validatorKeyPath))
        }
        let observed = try XCTUnwrap(seen, "the creation hook was not called")
        XCTAssertEqual(observed.mode, 0o600)
        XCTAssertEqual(observed.size, 0, "observed before the first byte")
        XCTAssertFalse(observed.finalExists, "the real name appears only by rename, after the data is synced")
        XCTAssertEqual(mode(home.validatorKeyPath), 0o600)
        XCTAssertEqual(try home.validatorKey()?.key.seed, key.key.seed)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["validator_key.json"])
    }

    func testRewritingAWorldReadableKeyFileLeavesA0600File() throws {
        let path = NodeHome(path: directory).validatorKeyPath
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("{}".utf8), attributes: [.posixPermissions: 0o644]))
        try ValidatorKey.generate(name: "validator").save(to: path)
        XCTAssertEqual(mode(path), 0o600)
    }

    func testATempSeedFileLeftByAKilledInitIsRemovedOnTheNextRun() throws {
        let home = NodeHome(path: directory)
        let key = try ValidatorKey.generate(name: "validator")
        try key.save(to: home.validatorKeyPath)
        // Int32.max - 1 is above Linux's pid_max: that writer is gone.
        let orphan = "\(directory)/.validator_key.json.\(Int32.max - 1).00112233aabb.tmp"
        let running = "\(directory)/.validator_key.json.\(getpid()).00112233aabb.tmp"
        for path in [orphan, running] { XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("seed".utf8))) }
        // `start` reads the key through `validatorKey()`, which cleans up first.
        XCTAssertEqual(try home.validatorKey()?.key.seed, key.key.seed)
        XCTAssertFalse(FileManager.default.fileExists(atPath: orphan))
        XCTAssertTrue(FileManager.default.fileExists(atPath: running), "a live writer's temp file is left alone")
    }
}
