/// One entry of `keys list`: a readable key, or a file that is not, so one corrupt file hides nothing else.
public enum KeystoreListing: Equatable, Sendable {
    case key(KeyInfo)
    case unreadable(name: String, error: KeystoreError)
}
