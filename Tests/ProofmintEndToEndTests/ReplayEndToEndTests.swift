import Foundation
import ProofmintCore
import XCTest

/// Export, import and replay through the real `proofmintd`: a devnet's chain round-trips through a chain file,
/// replays identically in two separate processes, and damaged or tampered files are reported with their offset and
/// block, never half-imported.
final class ReplayEndToEndTests: XCTestCase {
    private var work = ""
    private var devnet: WalletDevnet!
    private var chainFile: String { work + "/chain.pmc" }

    override func setUpWithError() throws {
        work = Paths.temporaryDirectory("replay")
        devnet = try WalletDevnet(label: "replay", nodeArguments: ["--mining", "instant"], devKeys: 3)
        for amount in ["1AI", "2AI", "3.5AI"] { try devnet.wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", amount]) }
        try devnet.wallet(["tx", "stake", "--from", "dev2", "--amount", "150AI"])
        _ = try devnet.node.call("pm_mine", ["blocks": 30])
        devnet.node.stop()
        try Command.succeed("proofmintd", ["export", "--home", devnet.home, "--out", chainFile])
    }

    override func tearDownWithError() throws {
        devnet?.remove()
        try? FileManager.default.removeItem(atPath: work)
    }

    private func inspect(_ home: String) throws -> [String: Any] {
        try Command.succeed("proofmintd", ["inspect", "--home", home, "--json"]).json()
    }

    private func replay(_ arguments: [String]) throws -> (status: Int32, report: [String: Any]) {
        let result = try Command.run("proofmintd", ["replay"] + arguments + ["--json"])
        return (result.status, try result.json())
    }

    func testExportImportRoundTripAndReplayMatchEveryBlock() throws {
        let original = try inspect(devnet.home)
        let imported = work + "/imported"
        try Command.succeed("proofmintd", ["import", "--file", chainFile, "--home", imported])
        let copy = try inspect(imported)
        for field in ["height", "head_hash", "state_root", "genesis_hash", "supply"] {
            XCTAssertEqual(copy[field] as? NSObject, original[field] as? NSObject, field)
        }
        XCTAssertEqual(try Command.succeed("proofmintd", ["inspect", "--home", imported, "--verify", "--json"]).json()["consistent"] as? Bool, true)
        XCTAssertEqual(copy["explorer_indexes"] as? Bool, true)

        // The same chain imported into a home without the explorer's indexes: the same head and state, verified.
        let lean = work + "/imported-lean"
        let summary = try Command.succeed("proofmintd", ["import", "--file", chainFile, "--home", lean, "--no-explorer-indexes", "--json"]).json()
        XCTAssertEqual(summary["explorer_indexes"] as? Bool, false)
        let leanCopy = try inspect(lean)
        XCTAssertEqual(leanCopy["explorer_indexes"] as? Bool, false)
        for field in ["height", "head_hash", "state_root", "supply"] {
            XCTAssertEqual(leanCopy[field] as? NSObject, original[field] as? NSObject, field)
        }
        XCTAssertEqual(try Command.succeed("proofmintd", ["inspect", "--home", lean, "--verify", "--json"]).json()["consistent"] as? Bool, true)

        let (status, report) = try replay([chainFile])
        XCTAssertEqual(status, 0)
        XCTAssertEqual(report["ok"] as? Bool, true)
        XCTAssertEqual(report["last_height"] as? Int, original["height"] as? Int)
        XCTAssertEqual(report["state_root"] as? String, original["state_root"] as? String)
        XCTAssertEqual(report["transactions"] as? Int, 4)
        // --halt-at stops early, and replaying the home gives the same roots as replaying the file.
        let halted = try replay([chainFile, "--halt-at", "10"]).report
        XCTAssertEqual(halted["last_height"] as? Int, 10)
        XCTAssertEqual(try replay(["--home", devnet.home]).report["roots_digest"] as? String, report["roots_digest"] as? String)
    }

    /// Two replays in separate processes (each with its own randomly seeded hashing) agree on every root.
    func testReplaysInTwoProcessesAgreeOnEveryRoot() throws {
        let first = try replay([chainFile, "--roots"]).report, second = try replay([chainFile, "--roots"]).report
        let roots = try XCTUnwrap(first["roots"] as? [String])
        XCTAssertGreaterThan(roots.count, 30)
        XCTAssertEqual(second["roots"] as? [String], roots)
        XCTAssertEqual(second["roots_digest"] as? String, first["roots_digest"] as? String)
    }

    /// Issue 13, D12: `HOME.importing` left by a killed import is reclaimed by the next import; one still locked by a
    /// running import is left alone and the second import is refused.
    func testALeftoverStagingDirectoryIsReusedAndALockedOneIsRefused() throws {
        let home = work + "/after-kill"
        let staging = home + ".importing"
        // What a SIGKILL mid-import leaves: a partial home with a data directory and no lock holder.
        try FileManager.default.createDirectory(atPath: staging + "/data", withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: staging + "/data/data.mdb", contents: Data()))
        XCTAssertTrue(FileManager.default.createFile(atPath: staging + "/genesis.json", contents: Data("{".utf8)))

        // Held by "another import": this process locks the staging directory the way `proofmintd import` does.
        let fd = open(staging, O_RDONLY | O_DIRECTORY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        let refused = try Command.run("proofmintd", ["import", "--file", chainFile, "--home", home])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("another `proofmintd import`") && refused.stderr.contains("is locked"), refused.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: staging + "/genesis.json"), "a running import's files are left alone")
        close(fd)

        let result = try Command.succeed("proofmintd", ["import", "--file", chainFile, "--home", home])
        XCTAssertTrue(result.stderr.contains("left by an interrupted import"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: staging))
        XCTAssertEqual(try inspect(home)["state_root"] as? String, try inspect(devnet.home)["state_root"] as? String)
    }

    func testCorruptAndTruncatedFilesNameTheirOffsetAndNothingIsHalfImported() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: chainFile)))
        let corrupt = work + "/corrupt.pmc", truncated = work + "/truncated.pmc"
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: corrupt))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes.prefix(bytes.count - 40)).write(to: URL(fileURLWithPath: truncated))

        let damaged = try Command.run("proofmintd", ["replay", corrupt])
        XCTAssertEqual(damaged.status, 1)
        XCTAssertTrue(damaged.stderr.contains("corrupt (checksum mismatch)") && damaged.stderr.contains("after block"), damaged.stderr)
        let cut = try Command.run("proofmintd", ["replay", truncated])
        // The end frame (5 + 56 + 8 bytes) is the one cut.
        XCTAssertTrue(cut.stderr.contains("cut short in the frame that starts at byte \(bytes.count - 69)"), cut.stderr)

        let home = work + "/never"
        let failed = try Command.run("proofmintd", ["import", "--file", corrupt, "--home", home])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.contains("nothing was kept"), failed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home))
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + ".importing"))
    }

    /// A block altered inside the file (its frame checksum recomputed, so only replay can tell) is named by height.
    func testATamperedBlockIsNamedByReplay() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: chainFile)))
        // Walk the frames to the first block holding a transaction (the largest of the first ones) and flip a byte in it.
        var offset = 10, target: (offset: Int, length: Int, height: Int)?, blockIndex = 0
        while offset < bytes.count {
            let kind = bytes[offset]
            let length = Int(bytes[offset + 1]) << 24 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 8 | Int(bytes[offset + 4])
            if kind == 2 {
                blockIndex += 1
                if target == nil, length > 400 { target = (offset, length, blockIndex) }
            }
            offset += 5 + length + 8
        }
        let frame = try XCTUnwrap(target)
        let payloadStart = frame.offset + 5
        bytes[payloadStart + frame.length - 70] ^= 0x01  // inside the last transaction
        let checksum = Blake2b.hash256(Array(bytes[frame.offset..<(payloadStart + frame.length)])).prefix(8)
        bytes.replaceSubrange((payloadStart + frame.length)..<(payloadStart + frame.length + 8), with: checksum)
        let tampered = work + "/tampered.pmc"
        try Data(bytes).write(to: URL(fileURLWithPath: tampered))

        let (status, report) = try replay([tampered])
        XCTAssertEqual(status, 2)
        let mismatch = try XCTUnwrap(report["mismatch"] as? [String: Any])
        XCTAssertEqual(mismatch["height"] as? Int, frame.height)
        XCTAssertEqual(report["last_height"] as? Int, frame.height - 1)
        XCTAssertNotNil(mismatch["reason"] as? String)
        XCTAssertNotNil(mismatch["expected_root"] as? String)
    }
}
