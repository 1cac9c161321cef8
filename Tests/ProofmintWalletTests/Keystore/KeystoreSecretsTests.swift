import Foundation
import XCTest
@testable import ProofmintWallet

/// Issue 13, point 4 (D7, D9, D12): key files are never readable by others, a crafted file cannot make an unlock
/// expensive, and a killed writer's temp file does not linger.
final class KeystoreSecretsTests: XCTestCase {
    let temporary = TemporaryDirectory()
    lazy var keystore = Keystore(directory: temporary.file("keys"))
    let password = Array("correct horse".utf8)
    /// Above Linux's pid_max, so `kill(pid, 0)` says no such process.
    let deadPid: Int32 = .max - 1

    override func tearDown() { temporary.remove() }

    // MARK: - D7: 0600 from the first byte

    func testTheTempFileIs0600BeforeItsFirstByteEvenWithAnOpenUmask() throws {
        // With umask 0 nothing masks the mode: 0600 must come from open(2) itself, not from a later chmod.
        let previous = umask(0)
        defer { umask(previous) }
        try FileSystem.createDirectory(keystore.directory, permissions: Keystore.directoryPermissions)
        let target = keystore.directory + "/alice.json"
        var observed: (mode: Int?, size: Int?, name: String)?
        try FileSystem.writeAtomically(Array("sealed".utf8), to: target, permissions: Keystore.filePermissions, overwrite: false) { temp in
            let size = (try? FileManager.default.attributesOfItem(atPath: temp)[.size] as? Int) ?? nil
            observed = (FileSystem.permissions(temp), size, FileSystem.baseName(of: temp))
        }
        let seen = try XCTUnwrap(observed, "the creation hook was not called")
        XCTAssertEqual(seen.mode, 0o600, "a reader could open the temp file")
        XCTAssertEqual(seen.size, 0, "the hook must run before any byte is written")
        XCTAssertTrue(seen.name.hasPrefix(".alice.json.\(getpid()).") && seen.name.hasSuffix(".tmp"), seen.name)
        XCTAssertEqual(FileSystem.permissions(target), 0o600)
        XCTAssertEqual(try FileSystem.fileNames(in: keystore.directory), ["alice.json"])
        XCTAssertEqual(try FileSystem.read(target), Array("sealed".utf8))
    }

    func testASavedKeyIs0600AndReplacingKeepsIt0600() throws {
        let previous = umask(0)
        defer { umask(previous) }
        let name = try KeyName("alice")
        let info = try keystore.save(try Ed25519.PrivateKey.generate(), as: name, password: password, limits: .interactive)
        XCTAssertEqual(FileSystem.permissions(info.path), 0o600)
        _ = chmod(info.path, 0o644)
        try keystore.save(try Ed25519.PrivateKey.generate(), as: name, password: password, limits: .interactive, overwrite: true)
        XCTAssertEqual(FileSystem.permissions(info.path), 0o600, "the replacement is a new 0600 file, not the old inode")
    }

    // MARK: - D9: the KDF cap

    private func craftedFile(opsLimit: UInt64, memLimit: UInt64) throws -> (bytes: Bytes, path: String) {
        let info = try keystore.save(try Ed25519.PrivateKey.generate(), as: try KeyName("crafted"), password: password, limits: .interactive)
        let text = String(decoding: try FileSystem.read(info.path), as: UTF8.self)
            .replacingOccurrences(of: "\"opslimit\": \(KDFLimits.interactive.opsLimit)", with: "\"opslimit\": \(opsLimit)")
            .replacingOccurrences(of: "\"memlimit\": \(KDFLimits.interactive.memLimit)", with: "\"memlimit\": \(memLimit)")
        try FileSystem.writeAtomically(Array(text.utf8), to: info.path, permissions: Keystore.filePermissions, overwrite: true)
        return (Array(text.utf8), info.path)
    }

    func testAFileAtTheOldCapIsRefusedWithoutHashing() throws {
        // The D9 file: opslimit 64, 4 GiB, which cost 180 s and 4.2 GB before "wrong password". Parsing never hashes,
        // and unlock parses first, so getting `kdfTooExpensive` (not `wrongPassword`) from unlock shows Argon2id never ran.
        let (bytes, path) = try craftedFile(opsLimit: 64, memLimit: 4 << 30)
        XCTAssertThrowsError(try KeystoreFile(parsing: bytes, path: path)) { error in
            guard case let .kdfTooExpensive(_, ops, mem)? = error as? KeystoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(ops, 64)
            XCTAssertEqual(mem, 4 << 30)
        }
        XCTAssertThrowsError(try keystore.unlock(try KeyName("crafted"), password: Array("guess".utf8))) { error in
            guard case .kdfTooExpensive? = error as? KeystoreError else { return XCTFail("\(error)") }
            let message = "\(error)"
            XCTAssertTrue(message.contains("refused without trying the password") && message.contains("'moderate'"), message)
        }
        // `keys list` shows it as unreadable instead of failing.
        let listing = try keystore.list()
        XCTAssertTrue(listing.contains { if case .unreadable(name: "crafted", error: .kdfTooExpensive) = $0 { true } else { false } })
    }

    func testTheCapBoundsWorkMemoryAndPassesSeparately() throws {
        let moderate = KDFLimits.moderate
        let cases: [(ops: UInt64, mem: UInt64, accepted: Bool)] = [
            (KDFLimits.maximumOpsLimit, UInt64(moderate.memLimit), true),          // 4 × the passes, same memory: 4 × the work
            (moderate.opsLimit * 2, UInt64(KDFLimits.maximumMemLimit), true),       // 2 × memory, 2 × passes: 4 × the work
            (moderate.opsLimit * 2 + 1, UInt64(KDFLimits.maximumMemLimit), false),  // over the work cap
            (1, UInt64(KDFLimits.maximumMemLimit) + 1024, false),                   // over the memory cap
            (KDFLimits.maximumOpsLimit + 1, 8 << 10, false),                        // over the pass cap, however little memory
            (.max, .max, false),                                                    // no overflow trap
        ]
        for (index, item) in cases.enumerated() {
            temporary.remove()
            let (bytes, path) = try craftedFile(opsLimit: item.ops, memLimit: item.mem)
            do {
                let file = try KeystoreFile(parsing: bytes, path: path)
                XCTAssertTrue(item.accepted, "case \(index) was accepted")
                XCTAssertTrue(file.kdf.isWithinCap)
            } catch let error as KeystoreError {
                guard case .kdfTooExpensive = error else { return XCTFail("case \(index): \(error)") }
                XCTAssertFalse(item.accepted, "case \(index) was refused")
            }
        }
    }

    func testTheCapIsAFewTimesTheStrongestSettingTheWalletWrites() throws {
        XCTAssertEqual(KDFLimits.strongestWritten, .moderate)
        XCTAssertTrue(KDFLimits.moderate.isWithinCap)
        XCTAssertTrue(KDFLimits.interactive.isWithinCap)
        XCTAssertEqual(KDFLimits.maximumWork, 4 * KDFLimits.moderate.work)
        XCTAssertEqual(KDFLimits.maximumMemLimit, 2 * KDFLimits.moderate.memLimit)
        XCTAssertLessThanOrEqual(KDFLimits.maximumOpsLimit, 4 * KDFLimits.moderate.opsLimit)
        // The wallet never writes a file it would refuse to read; the refusal comes before hashing.
        let tooStrong = KDFLimits(opsLimit: 64, memLimit: 4 << 30)
        XCTAssertThrowsError(try KeystoreFile.seal(try Ed25519.PrivateKey.generate(), name: try KeyName("x"), password: password, limits: tooStrong)) { error in
            XCTAssertTrue("\(error)".contains("above the cap"), "\(error)")
        }
    }

    // MARK: - D12: a killed writer's temp file

    func testTempFilesOfAKilledWriterAreRemovedByTheNextSave() throws {
        try FileSystem.createDirectory(keystore.directory, permissions: Keystore.directoryPermissions)
        let directory = keystore.directory
        let dead = ".bob.json.\(deadPid).0123456789ab.tmp"
        let legacy = ".carol.json.abcdef012345.tmp"  // written before temp names carried the pid
        let live = ".dave.json.\(getpid()).0123456789ab.tmp"  // a writer that is still running
        let unrelated = ".notes.tmp"
        for name in [dead, legacy, live, unrelated] {
            XCTAssertTrue(FileManager.default.createFile(atPath: "\(directory)/\(name)", contents: Data("sealed".utf8)))
        }
        _ = try keystore.save(try Ed25519.PrivateKey.generate(), as: try KeyName("alice"), password: password, limits: .interactive)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        XCTAssertEqual(left, ["alice.json", live, unrelated])
        XCTAssertEqual(keystore.removeLeftovers(), [], "nothing stale is left")
    }
}
