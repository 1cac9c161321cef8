#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProofmintCrypto

/// The few POSIX file operations the wallet needs, with the guarantees keys need: exact permissions, atomic
/// replacement (temp file, fsync, rename), and no silent overwrite.
public enum FileSystem {
    /// Files the wallet reads (keys, passwords, signed transactions) are small; anything bigger is a mistake.
    public static let defaultReadLimit = 1 << 20

    /// The whole file, refusing files above `limit` bytes.
    public static func read(_ path: String, limit: Int = defaultReadLimit) throws(FileSystemError) -> Bytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "open") }
        defer { close(fd) }
        var out = Bytes()
        var chunk = Bytes(repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "read")
            }
            if count == 0 { return out }
            out.append(contentsOf: chunk[0..<count])
            guard out.count <= limit else { throw .tooLarge(path: path, limit: limit) }
        }
    }

    /// BLAKE2b-256 of the whole file, read in chunks so that a model of any size can be hashed without holding it in
    /// memory (`receipt sign --model-file`).
    public static func blake2b256(_ path: String) throws(FileSystemError) -> Bytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "open") }
        defer { close(fd) }
        let hasher = Blake2b.Hasher256()
        var chunk = Bytes(repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "read")
            }
            if count == 0 { return hasher.finalize() }
            chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    /// True if something exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The permission bits of `path` (for example 0o600), or nil if it cannot be examined.
    public static func permissions(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o7777)
    }

    /// Creates `path` and any missing parents with `permissions` (existing directories are left as they are).
    public static func createDirectory(_ path: String, permissions: Int) throws(FileSystemError) {
        var built = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            built += "/" + component
            if mkdir(built, mode_t(permissions)) != 0 {
                guard errno == EEXIST else { throw failure(built, "create directory") }
                var info = stat()
                guard stat(built, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                    throw .failed(path: built, operation: "create directory", reason: "a file with that name is in the way")
                }
            } else {
                // mkdir applies the umask; set the bits we asked for exactly.
                _ = chmod(built, mode_t(permissions))
            }
        }
    }

    /// Regular, non-hidden file names in `directory`, sorted.
    public static func fileNames(in directory: String) throws(FileSystemError) -> [String] {
        guard let handle = opendir(directory) else { throw failure(directory, "list") }
        defer { closedir(handle) }
        var names = [String]()
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        return names.sorted()
    }

    /// Writes `bytes` to `path` atomically with exactly `permissions` from the first byte: a temp file in the same
    /// directory is created with that mode (`O_EXCL`), written, synced, moved into place, and the directory synced
    /// (see `AtomicFile`). Unless `overwrite`, an existing file is never replaced (even in a race).
    /// `afterCreate` is a test hook, called with the temp file's path before any byte is written.
    public static func writeAtomically(
        _ bytes: Bytes, to path: String, permissions: Int, overwrite: Bool, afterCreate: ((String) -> Void)? = nil
    ) throws(FileSystemError) {
        do {
            try AtomicFile.write(bytes, to: path, permissions: permissions, overwrite: overwrite, afterCreate: afterCreate)
        } catch {
            switch error {
            case let .alreadyExists(path): throw .alreadyExists(path: path)
            case let .failed(path, operation, reason): throw .failed(path: path, operation: operation, reason: reason)
            }
        }
    }

    /// Removes temp files in `directory` left by a killed writer (see `AtomicFile.removeStaleTemporaries`).
    @discardableResult
    public static func removeStaleTemporaries(in directory: String) -> [String] {
        AtomicFile.removeStaleTemporaries(in: directory)
    }

    /// Removes the file at `path`.
    public static func remove(_ path: String) throws(FileSystemError) {
        guard unlink(path) == 0 else { throw failure(path, "remove") }
    }

    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    public static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func failure(_ path: String, _ operation: String) -> FileSystemError {
        let code = errno
        if code == ENOENT && (operation == "open" || operation == "list") { return .notFound(path: path) }
        return .failed(path: path, operation: operation, reason: describe(code))
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// `read(2)`, named apart from `FileSystem.read` so the call inside it is unambiguous.
@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
