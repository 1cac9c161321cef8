import ProofmintCore

/// Swift property names become JSON member names by one rule, in both directions: camelCase → snake_case
/// (`pendingNonce` → `pending_nonce`). Names with digits or acronyms spell their member name in `CodingKeys`.
enum JSONKey {
    static func name(_ key: any CodingKey) -> String {
        if key is VerbatimKey { return key.stringValue }
        var out = ""
        for character in key.stringValue {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// `result.proof.siblings[3]`: where a value sits, for error messages.
    static func path(_ base: String, _ codingPath: [any CodingKey]) -> String {
        var path = base
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? name(key) : "." + name(key)
            }
        }
        return path
    }
}

/// An array position as a coding key.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// A member name taken as it is (parameter names, module account names): data, not a Swift property.
public struct VerbatimKey: CodingKey {
    public let stringValue: String
    public var intValue: Int? { nil }
    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { return nil }
}
