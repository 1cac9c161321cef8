/// Why no usable password (or other secret input) was obtained.
public enum PasswordError: Error, Equatable, CustomStringConvertible {
    /// No `--password-file`, no `PROOFMINT_PASSWORD`, and no terminal to ask on.
    case noSource(what: String)
    case emptyPassword(source: String)
    case mismatch
    case cancelled
    case unreadableFile(FileSystemError)
    case terminal(String)

    public var description: String {
        switch self {
        case let .noSource(what):
            return "\(what) is needed but there is no terminal to ask on: pass --password-file FILE or set \(PasswordSource.environmentVariable)"
        case let .emptyPassword(source):
            return "the password from \(source) is empty"
        case .mismatch:
            return "the two passwords do not match; nothing was written"
        case .cancelled:
            return "input cancelled"
        case let .unreadableFile(error):
            return "cannot read the password file: \(error)"
        case let .terminal(reason):
            return "cannot read from the terminal: \(reason)"
        }
    }
}
