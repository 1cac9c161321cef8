import Foundation

/// The `HOME.importing` (or `HOME.initializing`) directory `proofmintd import` (or `init`) builds a home in, held
/// under a lock for the whole command, and renamed to HOME only once it is complete: a failure, a full disk or a kill
/// never leaves a half-made home (issue 13, D6).
///
/// A killed command leaves the staging directory behind (issue 13, D12). An exclusive `flock` on the directory itself
/// tells the two cases apart on the next run: if it can be taken, the directory is a leftover and is emptied and
/// reused; if not, another command into the same HOME is running and is left alone. The directory is locked rather than
/// a file in it so the finished home carries no extra file, and the lock (on the inode) holds across the final rename.
/// It is not `HomeLock`, which is the running node's lock and also locks a database directory that does not exist yet.
final class HomeStaging {
    /// Which command builds the home; names the directory and the messages.
    enum Purpose: String {
        case importing, initializing
        var command: String { self == .importing ? "import" : "init" }
    }

    let path: String
    /// What the previous, interrupted import had left, now removed (for the message).
    let removedLeftovers: [String]
    private let descriptor: Int32

    /// Creates or reclaims the staging directory of `home` and locks it.
    init(home: String, purpose: Purpose) throws {
        path = "\(home).\(purpose.rawValue)"
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
            throw CLIError("another `proofmintd \(purpose.command)` into \(home) is running (\(path) is locked); wait for it to finish or stop it")
        }
        // Holding the lock, anything here is what a killed run left: start afresh.
        var removed = [String]()
        for name in (try? files.contentsOfDirectory(atPath: path)) ?? [] {
            let item = "\(path)/\(name)"
            do {
                try files.removeItem(atPath: item)
            } catch {
                flock(descriptor, LOCK_UN)
                close(descriptor)
                throw CLIError("cannot remove \(item), left by an interrupted \(purpose.command): \(error.localizedDescription); remove \(path) by hand")
            }
            removed.append(item)
        }
        removedLeftovers = removed
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Renames the finished staging directory to `home`, still under the lock so no other run can reclaim it. An
    /// existing empty `home` is replaced; into a non-empty one (files of the operator's, no chain) the entries are
    /// moved one by one, the database last, so a chain appears only with everything it needs beside it.
    func promote(to home: String) throws {
        let files = FileManager.default
        guard let existing = try? files.contentsOfDirectory(atPath: home) else {
            try files.moveItem(atPath: path, toPath: home)
            return
        }
        if existing.isEmpty {
            try files.removeItem(atPath: home)
            try files.moveItem(atPath: path, toPath: home)
            return
        }
        let entries = try files.contentsOfDirectory(atPath: path).sorted()
        // Nothing of the operator's is replaced, and nothing is moved unless everything can be.
        let taken = entries.filter { files.fileExists(atPath: "\(home)/\($0)") }
        guard taken.isEmpty else {
            throw CLIError("\(home) already holds \(taken.joined(separator: ", ")): move them out of the way or choose another --home")
        }
        var moved: [String] = []
        for entry in entries.filter({ $0 != "data" }) + entries.filter({ $0 == "data" }) {
            guard rename("\(path)/\(entry)", "\(home)/\(entry)") == 0 else {
                let reason = String(cString: strerror(errno))
                for back in moved.reversed() { _ = rename("\(home)/\(back)", "\(path)/\(back)") }
                throw CLIError("cannot move \(entry) from \(path) into \(home): \(reason); nothing was left in \(home)")
            }
            moved.append(entry)
        }
        discard()
    }

    /// Removes the staging directory after a failure.
    func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
