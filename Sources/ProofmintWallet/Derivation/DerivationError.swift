/// Why a key could not be derived.
public enum DerivationError: Error, Equatable, CustomStringConvertible {
    /// Ed25519 (SLIP-10) only has hardened children; the index must be below 2^31 before the hardened bit is added.
    case indexOutOfRange(String)
    /// The path text is not of the form `m/44'/7337'/0'/0'/0'`.
    case malformedPath(String, reason: String)
    /// The derived 32 bytes were refused as an Ed25519 seed (cannot happen for SLIP-10 output; reported, not trapped).
    case keyCreationFailed(String)

    public var description: String {
        switch self {
        case let .indexOutOfRange(index):
            return "derivation index \(index) is out of range: it must be between 0 and \(SLIP10Node.hardenedOffset - 1)"
        case let .malformedPath(text, reason):
            return "derivation path '\(text)' \(reason)"
        case let .keyCreationFailed(reason):
            return "could not create the derived key: \(reason)"
        }
    }
}
