/// Why a signed-transaction file cannot be written, read or trusted.
public enum SignedTransactionFileError: Error, Equatable, CustomStringConvertible {
    case file(FileSystemError)
    /// The file is not what `tx sign` wrote, or it was altered afterwards.
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case let .file(error):
            return "\(error)"
        case let .invalid(path, reason):
            return "signed transaction file \(path) is invalid: \(reason); sign the transaction again"
        }
    }
}
