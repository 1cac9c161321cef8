import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs mounted for one test, so a real `proofmintd` can meet a really full disk (issue 13, D6).
/// Mounting needs root and mount permission (a container without CAP_SYS_ADMIN has neither): the test is then skipped
/// with the reason. No unprivileged stand-in reproduces it: RLIMIT_FSIZE limits a process's writes, not the blocks
/// of a shared memory map, which is where LMDB faulted. Call `unmount()` in a `defer`, so a failing test cleans up too.
final class SmallFileSystem {
    let path: String
    private var fillPath: String { path + "/fill" }

    init(megabytes: Int) throws {
        path = Paths.temporaryDirectory("tmpfs")
        let result = Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
        guard result.status == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw XCTSkip("cannot mount a \(megabytes) MiB tmpfs at \(path) (needs root and mount permission): \(result.output)")
        }
    }

    /// Writes a `fill` file until the file system is full, then gives back `free` bytes of it.
    func fill(leaving free: Int = 0) throws {
        let descriptor = open(fillPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { throw CommandFailure("cannot create \(fillPath): errno \(errno)") }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0xA5, count: 4096)
        var written = 0
        while true {
            let count = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            written += count
        }
        guard ftruncate(descriptor, off_t(max(0, written - free))) == 0 else { throw CommandFailure("cannot shrink \(fillPath): errno \(errno)") }
    }

    /// Frees what `fill` took.
    func release() {
        unlink(fillPath)
    }

    /// Bytes free, as `statvfs` reports them to an unprivileged writer.
    var freeBytes: Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Everything in the file system but the fill file: what a command left behind.
    func leftovers() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0 != "fill" }.sorted()
    }

    func unmount() {
        _ = Self.run("/bin/umount", ["-l", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
