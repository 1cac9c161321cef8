import Foundation

/// An exclusive lock on a node home and on its database, held for the life of `proofmintd start`: two nodes writing one
/// database would interleave blocks and break the chain, so the second one is refused before it opens anything.
///
/// Two locks: `HOME/node.lock`, and `proofmint.lock` inside the data directory as the file system resolves it, so a
/// second home whose `data/` is a link to a running node's database is refused too (issue 13, D10).
public final class HomeLock: @unchecked Sendable {
    private let descriptors: [Int32]

    /// Takes both locks, or throws naming what holds them.
    public init(home: NodeHome) throws {
        let homeLock = try Self.lock(home.lockPath) {
            "another proofmintd is already running on \(home.path) (\($0) is locked); stop it first"
        }
        do {
            let dataLock = try Self.lock(home.dataPath + "/proofmint.lock") {
                "another proofmintd is already running on the database \(home.dataPath) (\($0) is locked, perhaps through a link from another home); stop it first"
            }
            descriptors = [homeLock, dataLock]
        } catch {
            Self.release(homeLock)
            throw error
        }
    }

    deinit { descriptors.forEach(Self.release) }

    private static func lock(_ path: String, held: (String) -> String) throws -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw NodeError.home("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw NodeError.home(held(path))
        }
        return descriptor
    }

    private static func release(_ descriptor: Int32) {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
