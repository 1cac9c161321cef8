/// A file operation failed; every case names the path so the user knows which file to look at.
public enum FileSystemError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case alreadyExists(path: String)
    case tooLarge(path: String, limit: Int)
    /// `operation` ("open", "write", …) failed with the system's reason.
    case failed(path: String, operation: String, reason: String)

    public var path: String {
        switch self {
        case let .notFound(path), let .alreadyExists(path), let .tooLarge(path, _), let .failed(path, _, _): return path
        }
    }

    public var description: String {
        switch self {
        case let .notFound(path): return "\(path): no such file or directory"
        case let .alreadyExists(path): return "\(path) already exists"
        case let .tooLarge(path, limit): return "\(path) is larger than \(limit) bytes: is it the right file?"
        case let .failed(path, operation, reason): return "cannot \(operation) \(path): \(reason)"
        }
    }
}
