import Foundation

/// Free space on the file system that holds a database, and the files LMDB maps that must be backed by real blocks.
///
/// LMDB writes `data.mdb` with `pwrite`, so a full disk there is an error code; but it sizes `lock.mdb` with
/// `ftruncate` and writes it through a shared memory map. On a full disk that sparse file's pages cannot be allocated,
/// and the first touch kills the process with SIGBUS inside `mdb_env_open` (issue 13, D6). Allocating the lock file's
/// blocks beforehand (`posix_fallocate`) turns the shortage into an error the operator can read.
public enum DiskSpace {
    /// What `init` and a writable open require to be free: block 0 takes about 100 KiB, and a node that starts with
    /// less than this would fill the disk within a few hundred blocks.
    public static let minimumFreeBytes = 1 << 20

    /// Bytes an unprivileged writer may still allocate on the file system holding `path` (or, if `path` does not exist
    /// yet, its nearest existing ancestor); nil if it cannot be asked.
    public static func availableBytes(at path: String) -> Int? {
        var directory = URL(fileURLWithPath: path).standardizedFileURL
        while !FileManager.default.fileExists(atPath: directory.path) && directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        var info = statvfs()
        guard statvfs(directory.path, &info) == 0 else { return nil }
        let (bytes, overflow) = Int(info.f_bavail).multipliedReportingOverflow(by: Int(info.f_frsize))
        return overflow ? Int.max : bytes
    }

    /// Refuses, before anything is written, a file system with less than `minimumFreeBytes` free.
    public static func requireMinimum(at path: String) throws(StorageError) {
        guard let available = availableBytes(at: path), available < minimumFreeBytes else { return }
        throw .diskFull(path: path, available: available, needed: minimumFreeBytes)
    }

    /// Makes sure `file` (created 0600 if missing) has real blocks for its first `size` bytes. A file system that does
    /// not implement `fallocate` is left to LMDB, as before; a full one is an error.
    static func preallocate(_ file: String, size: Int) throws(StorageError) {
        let existed = access(file, F_OK) == 0
        let descriptor = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            // Read-only media and permissions are LMDB's to report, with its own message; only a full disk is ours.
            if errno == ENOSPC { throw .diskFull(path: file, available: availableBytes(at: file) ?? 0, needed: size) }
            return
        }
        let status = posix_fallocate(descriptor, 0, off_t(size))
        close(descriptor)
        if [0, EOPNOTSUPP, EINVAL, ENODEV].contains(status) { return }
        // Leave the directory as found: LMDB creates the file itself on the next try.
        if !existed { unlink(file) }
        if [ENOSPC, EDQUOT, EFBIG].contains(status) {
            throw .diskFull(path: file, available: availableBytes(at: file) ?? 0, needed: size)
        }
        throw .cannotAllocate(path: file, detail: String(cString: strerror(status)))
    }
}
