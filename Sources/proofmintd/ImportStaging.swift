import Foundation

/// The `HOME.importing` directory `proofmintd import` builds a home in, held under a lock for the whole import.
///
/// A killed import leaves `HOME.importing` behind (issue 13, D12). An exclusive `flock` on the directory itself tells
/// the two cases apart on the next run: if it can be taken, the directory is a leftover and is emptied and reused; if
/// not, another import into the same HOME is running and is left alone. The directory is locked rather than a file in
/// it so the imported home carries no extra file, and the lock (on the inode) holds across the final rename. It is not
/// `HomeLock`, which is the running node's lock and also locks a database directory that does not exist yet here.
final class ImportStaging {
    let path: String
    /// What the previous, interrupted import had left, now removed (for the message).
    let removedLeftovers: [String]
    private let descriptor: Int32

    /// Creates or reclaims the staging directory of `home` and locks it.
    init(home: String) throws {
        path = home + ".importing"
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create \(path): \(error.localizedDescription)")
        }
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CLIError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw CLIError("another `proofmintd import` into \(home) is running (\(path) is locked); wait for it to finish or stop it")
        }
        // Holding the lock, anything here is what a killed import left: start afresh.
        var removed = [String]()
        for name in (try? files.contentsOfDirectory(atPath: path)) ?? [] {
            let item = "\(path)/\(name)"
            do {
                try files.removeItem(atPath: item)
            } catch {
                flock(descriptor, LOCK_UN)
                close(descriptor)
                throw CLIError("cannot remove \(item), left by an interrupted import: \(error.localizedDescription); remove \(path) by hand")
            }
            removed.append(item)
        }
        removedLeftovers = removed
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Renames the finished staging directory to `home`, still under the lock so no other import can reclaim it.
    func promote(to home: String) throws {
        try FileManager.default.moveItem(atPath: path, toPath: home)
    }

    /// Removes the staging directory after a failed import.
    func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
