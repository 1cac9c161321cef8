@testable import ProofmintWallet

/// Breaking one member of a well-formed answer: the malformed-answer tests start from a typed value's `.json`.
extension JSONValue {
    /// This value with the member at `path` (member names; array positions as "0", "1", …) replaced by `replacement`,
    /// or removed when `replacement` is nil. A path that does not lead anywhere leaves the value as it is.
    func replacing(_ path: [String], with replacement: JSONValue?) -> JSONValue {
        guard let first = path.first else { return replacement ?? self }
        let rest = Array(path.dropFirst())
        switch self {
        case let .object(members):
            if rest.isEmpty && replacement == nil { return .object(members.filter { $0.0 != first }) }
            return .object(members.map { $0.0 == first ? ($0.0, $0.1.replacing(rest, with: replacement)) : $0 })
        case let .array(items):
            guard let index = Int(first), items.indices.contains(index) else { return self }
            var items = items
            if rest.isEmpty && replacement == nil {
                items.remove(at: index)
            } else {
                items[index] = items[index].replacing(rest, with: replacement)
            }
            return .array(items)
        default:
            return self
        }
    }

    /// This value without the member at `path`.
    func removing(_ path: [String]) -> JSONValue { replacing(path, with: nil) }
}

extension JSONValue {
    /// The item at `index` of an array, nil for anything else.
    subscript(index: Int) -> JSONValue? {
        guard case let .array(items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
