import Foundation

/// An exclusive lock on a node home, held for the life of `proofmintd start`: two nodes writing one
/// database would interleave blocks and break the chain, so the second one is refused before it opens anything.
public final class HomeLock: @unchecked Sendable {
    private let descriptor: Int32

    /// Takes the lock on `HOME/node.lock`, or throws naming what holds it.
    public init(home: NodeHome) throws {
        let path = home.lockPath
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw NodeError.home("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw NodeError.home("another proofmintd is already running on \(home.path) (\(path) is locked); stop it first")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
