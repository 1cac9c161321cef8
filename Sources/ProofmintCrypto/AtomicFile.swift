#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files that hold secrets (validator seeds, wallet keystores) so that no other user can read them at any
/// moment and a crash never leaves half a file in place.
///
/// The steps, and why each is there (issue 13, D7 and D12):
/// 1. `open(O_CREAT | O_EXCL | O_NOFOLLOW, mode)` of a fresh temporary file in the target's directory: the file
///    is born with `mode` (0600 for secrets), so there is no window in which it is world-readable, and `O_EXCL`
///    refuses to write through a file or link someone planted under that name.
/// 2. Every byte is written and `fsync`ed before the name appears, so a crash cannot leave a short key file.
/// 3. `rename` (replace) or `link` (never replace) puts it in place atomically; then the directory is `fsync`ed
///    so the new name itself survives a power cut.
/// 4. Temporary names carry the writer's process id, so the next writer can remove those whose process is gone
///    (a `kill -9` between steps 1 and 3) without touching the file of a writer that is still running.
///
/// It lives in ProofmintCrypto because both the node (validator key) and the wallet (keystore) need it and this is
/// the lowest layer they share.
public enum AtomicFile {
    /// The suffix of every temporary file, so leftovers are recognisable.
    public static let temporarySuffix = ".tmp"

    /// Writes `bytes` to `path` with exactly `permissions` from the first byte. Unless `overwrite`, an existing file
    /// is never replaced (even by a writer that races this one).
    ///
    /// `afterCreate` is a test hook: it is called with the temporary file's path right after it is created and
    /// before any byte is written, so a test can observe what a concurrent reader would see.
    public static func write(
        _ bytes: [UInt8], to path: String, permissions: Int, overwrite: Bool, afterCreate: ((String) -> Void)? = nil
    ) throws(AtomicFileError) {
        let directory = parentDirectory(of: path)
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(permissions))
        guard fd >= 0 else { throw failure(temporary, "create") }
        afterCreate?(temporary)
        var failed: AtomicFileError?
        // open() applies the umask, which can only clear bits; restore exactly `permissions` before the first byte
        // (never after), so the file is never more open than asked for.
        if fchmod(fd, mode_t(permissions)) != 0 { failed = failure(temporary, "set permissions of") }
        var written = 0
        while failed == nil, written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                failed = failure(temporary, "write")
            } else {
                written += count
            }
        }
        if failed == nil, fsync(fd) != 0 { failed = failure(temporary, "sync") }
        close(fd)
        if let failed {
            unlink(temporary)
            throw failed
        }
        if overwrite {
            guard rename(temporary, path) == 0 else {
                let error = failure(path, "replace")
                unlink(temporary)
                throw error
            }
        } else {
            // link(2) fails if the target exists, so a file that appeared meanwhile is never clobbered.
            if link(temporary, path) != 0 {
                let code = errno
                unlink(temporary)
                if code == EEXIST { throw .alreadyExists(path: path) }
                throw .failed(path: path, operation: "create", reason: describe(code))
            }
            unlink(temporary)
        }
        try syncDirectory(directory)
    }

    /// Removes the temporary files in `directory` left by writers that were killed (their process no longer exists)
    /// and returns their paths. Temporaries of a live process are left alone: it may be writing right now. Only names
    /// of the form `.NAME.<pid>.<12 hex>.tmp` (or `.NAME.<12 hex>.tmp`, from versions without the pid) are touched.
    @discardableResult
    public static func removeStaleTemporaries(in directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        var names = [String]()
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix("."), name.hasSuffix(temporarySuffix) { names.append(name) }
        }
        closedir(handle)
        var removed = [String]()
        for name in names {
            let parts = name.dropFirst().dropLast(temporarySuffix.count).split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 2, let random = parts.last, isRandomTag(random) else { continue }
            if parts.count >= 3, let pid = pid_t(parts[parts.count - 2]), isAlive(pid) { continue }
            let full = "\(directory)/\(name)"
            if unlink(full) == 0 { removed.append(full) }
        }
        return removed
    }

    /// The 12 lower-case hex digits every temporary name ends with.
    private static func isRandomTag(_ text: Substring) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// `.NAME.<pid>.<12 hex>.tmp` next to `path`.
    static func temporaryPath(for path: String) -> String {
        "\(parentDirectory(of: path))/.\(baseName(of: path)).\(getpid()).\(SecureRandom.bytes(6).hex)\(temporarySuffix)"
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// A process we may not signal (EPERM) still exists; only ESRCH means it is gone.
    private static func isAlive(_ pid: pid_t) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// Makes the rename durable: the directory entry is synced too.
    private static func syncDirectory(_ directory: String) throws(AtomicFileError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(directory, "open directory") }
        defer { close(fd) }
        // Some file systems refuse fsync on a directory (EINVAL); the data itself is already synced there.
        if fsync(fd) != 0, errno != EINVAL { throw failure(directory, "sync directory") }
    }

    private static func failure(_ path: String, _ operation: String) -> AtomicFileError {
        .failed(path: path, operation: operation, reason: describe(errno))
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// `write(2)`, named apart so the call inside `AtomicFile.write` is unambiguous.
@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
