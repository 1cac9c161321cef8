/// A JSON value that keeps object members in the order they were written or read and numbers as their exact text.
///
/// The wallet writes keystore files, signed-transaction files and `--json` output with it, so nothing it prints or
/// stores depends on `Dictionary` iteration order, and a 128-bit amount never passes through a `Double`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text, already checked against the JSON grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in order. Keys are expected to be unique; lookups return the first match.
    case object([(String, JSONValue)])

    /// An unsigned integer as a JSON number.
    public static func uint(_ value: UInt64) -> JSONValue { .number(String(value)) }

    /// A signed integer as a JSON number.
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A string, or `null` for nil.
    public static func optionalString(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// An unsigned integer, or `null` for nil.
    public static func optionalUInt(_ value: UInt64?) -> JSONValue { value.map(JSONValue.uint) ?? .null }

    /// The value of the first member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first(where: { $0.0 == key })?.1
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    public var stringValue: String? { if case let .string(text) = self { return text } else { return nil } }

    public var boolValue: Bool? { if case let .bool(flag) = self { return flag } else { return nil } }

    public var arrayValue: [JSONValue]? { if case let .array(items) = self { return items } else { return nil } }

    /// A non-negative integer written without fraction or exponent.
    public var uint64Value: UInt64? {
        guard case let .number(text) = self, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return UInt64(text)
    }

    /// An integer (possibly negative) written without fraction or exponent.
    public var intValue: Int? {
        guard case let .number(text) = self else { return nil }
        return Int(text)
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}
