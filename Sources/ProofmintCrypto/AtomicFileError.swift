/// Why `AtomicFile` could not write or clean up a file; every case names the path so the user knows where to look.
public enum AtomicFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The target exists and the caller asked not to replace it.
    case alreadyExists(path: String)
    /// `operation` ("create", "write", "sync", …) failed with the system's reason.
    case failed(path: String, operation: String, reason: String)

    public var path: String {
        switch self {
        case let .alreadyExists(path), let .failed(path, _, _): return path
        }
    }

    public var description: String {
        switch self {
        case let .alreadyExists(path): return "\(path) already exists"
        case let .failed(path, operation, reason): return "cannot \(operation) \(path): \(reason)"
        }
    }
}
