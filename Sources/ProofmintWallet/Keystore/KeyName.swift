/// A key's name in the keystore: also its file name, so it is restricted to `[a-z0-9_-]{1,32}`.
public struct KeyName: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let maximumLength = 32

    public let text: String

    public init(_ text: String) throws(KeystoreError) {
        guard Self.isValid(text) else { throw .invalidName(text) }
        self.text = text
    }

    public static func isValid(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard !utf8.isEmpty, utf8.count <= maximumLength else { return false }
        return utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2D
        }
    }

    public var description: String { text }

    public static func < (lhs: KeyName, rhs: KeyName) -> Bool { lhs.text < rhs.text }
}
