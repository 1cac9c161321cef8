import Foundation

/// A SLIP-10 path of hardened indices, written `m/44'/7337'/0'/0'/0'`.
public struct DerivationPath: Equatable, Sendable, CustomStringConvertible {
    /// The indices without the hardened bit, each below 2^31.
    public let indices: [UInt32]

    public init(indices: [UInt32]) throws(DerivationError) {
        for index in indices where index >= SLIP10Node.hardenedOffset { throw .indexOutOfRange(String(index)) }
        self.indices = indices
    }

    /// Parses `m/a'/b'/…`; `'`, `h` and `H` all mark a hardened index, and every index must be hardened.
    public init(text: String) throws(DerivationError) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.first == "m" else { throw .malformedPath(text, reason: "must start with 'm/'") }
        var indices = [UInt32]()
        for part in parts.dropFirst() {
            guard let marker = part.last, marker == "'" || marker == "h" || marker == "H" else {
                throw .malformedPath(text, reason: "has '\(part)', but Ed25519 keys only have hardened children: write '\(part)''")
            }
            let digits = part.dropLast()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = UInt64(digits) else {
                throw .malformedPath(text, reason: "has '\(part)', which is not a number")
            }
            guard value < UInt64(SLIP10Node.hardenedOffset) else { throw .indexOutOfRange(String(value)) }
            indices.append(UInt32(value))
        }
        self.indices = indices
    }

    public var description: String { (["m"] + indices.map { "\($0)'" }).joined(separator: "/") }
}
