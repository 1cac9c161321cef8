import Foundation
import ProofmintNode

/// The `HOME.importing` directory `proofmintd import` builds a home in, held under a lock for the whole import.
///
/// A killed import leaves `HOME.importing` behind (issue 13, D12). The lock (`HOME.importing/node.lock`, the same
/// `HomeLock` a running node holds) tells the two cases apart on the next run: if it can be taken, the directory is a
/// leftover and is emptied and reused; if not, another import into the same HOME is running and is left alone.
struct ImportStaging {
    let path: String
    /// What the previous, interrupted import had left, now removed (for the message).
    let removedLeftovers: [String]
    private let lock: HomeLock

    /// Creates or reclaims the staging directory of `home` and locks it.
    init(home: String) throws {
        path = home + ".importing"
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create \(path): \(error.localizedDescription)")
        }
        let stagingHome = NodeHome(path: path)
        do {
            lock = try HomeLock(home: stagingHome)
        } catch {
            throw CLIError("another `proofmintd import` into \(home) is running (\(path) is locked); wait for it to finish or stop it")
        }
        // Holding the lock, anything here but the lock file is what a killed import left: start afresh.
        let lockName = URL(fileURLWithPath: stagingHome.lockPath).lastPathComponent
        var removed = [String]()
        for name in (try? files.contentsOfDirectory(atPath: path)) ?? [] where name != lockName {
            let item = "\(path)/\(name)"
            do {
                try files.removeItem(atPath: item)
            } catch {
                throw CLIError("cannot remove \(item), left by an interrupted import: \(error.localizedDescription); remove \(path) by hand")
            }
            removed.append(item)
        }
        removedLeftovers = removed
    }

    /// Renames the finished staging directory to `home`, still under the lock so no other import can reclaim it.
    func promote(to home: String) throws {
        try withExtendedLifetime(lock) { try FileManager.default.moveItem(atPath: path, toPath: home) }
    }

    /// Removes the staging directory after a failed import.
    func discard() {
        withExtendedLifetime(lock) { try? FileManager.default.removeItem(atPath: path) }
    }
}
