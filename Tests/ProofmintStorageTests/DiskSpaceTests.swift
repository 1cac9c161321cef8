import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

/// The free-space check and the lock file's allocation that turn a full disk into an error (issue 13, D6). The full
/// disk itself needs a small tmpfs and is tested end to end (`FullDiskEndToEndTests`).
final class DiskSpaceTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-disk-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testTheLockFileIsCreatedWithEveryBlockAllocatedAndOwnerOnlyPermissions() throws {
        let file = directory + "/lock.mdb"
        try DiskSpace.preallocate(file, size: LMDBEnvironment.lockFileSize)
        var info = stat()
        XCTAssertEqual(stat(file, &info), 0)
        XCTAssertEqual(Int(info.st_size), LMDBEnvironment.lockFileSize)
        XCTAssertGreaterThanOrEqual(Int(info.st_blocks) * 512, LMDBEnvironment.lockFileSize, "no page of it is left sparse")
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
    }

    func testAnExistingLockFileKeepsItsBytes() throws {
        let file = directory + "/lock.mdb"
        let content = Data((0..<100).map { UInt8($0) })
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: content))
        try DiskSpace.preallocate(file, size: LMDBEnvironment.lockFileSize)
        let after = try XCTUnwrap(FileManager.default.contents(atPath: file))
        XCTAssertEqual(after.prefix(100), content)
        XCTAssertEqual(after.count, LMDBEnvironment.lockFileSize)
    }

    func testAPathNotMadeYetIsMeasuredOnItsNearestExistingDirectory() throws {
        let existing = try XCTUnwrap(DiskSpace.availableBytes(at: directory))
        let planned = try XCTUnwrap(DiskSpace.availableBytes(at: directory + "/home/data"))
        XCTAssertGreaterThan(existing, 0)
        // The same file system: the two figures differ only by what other processes wrote in between.
        XCTAssertLessThan(abs(existing - planned), 64 << 20)
    }

    func testAStoreOpenedWithAMapSmallerThanItsDataReportsTheMapLMDBUses() throws {
        let chain = try TestChain(users: [("alice", 10 * Tokens.one)])
        let path = directory + "/data"
        let options = ChainStore.Options(mapSize: ChainStore.Options.minimumMapSize, durability: .none)
        _ = try ChainStore.create(at: path, genesis: chain.genesis, genesisFile: Bytes(repeating: 7, count: 256 << 10), options: options)
        let reopened = try ChainStore.open(at: path, options: options)
        let dataSize = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path + "/data.mdb")[.size] as? Int)
        XCTAssertGreaterThan(dataSize, ChainStore.Options.minimumMapSize)
        XCTAssertGreaterThanOrEqual(reopened.mapSize, dataSize - 4096, "LMDB raised the map to the data it holds")
    }
}
