/// Reads one JSON object strictly: every field must be known (a misspelt field is an error with a suggestion,
/// never silently ignored), and every value must have the expected type.
struct JSONFields {
    let path: String
    private let members: [(String, JSONValue)]

    init(_ value: JSONValue?, path: String, allowed: [String]) throws(GenesisError) {
        guard case let .object(members)? = value else { throw GenesisError(path, "must be a JSON object") }
        for (key, _) in members where !allowed.contains(key) {
            let hint = Self.closest(to: key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw GenesisError("\(path).\(key)", "unknown field\(hint); allowed: \(allowed.joined(separator: ", "))")
        }
        self.path = path
        self.members = members
    }

    func raw(_ key: String) -> JSONValue? { members.first { $0.0 == key }?.1 }

    func has(_ key: String) -> Bool { raw(key).map { !$0.isNull } ?? false }

    func string(_ key: String) throws(GenesisError) -> String {
        guard let value = raw(key) else { throw GenesisError("\(path).\(key)", "is required") }
        guard let text = value.stringValue else { throw GenesisError("\(path).\(key)", "must be a string") }
        return text
    }

    /// `true` or `false`; absent (or `null`) is `false`.
    func flag(_ key: String) throws(GenesisError) -> Bool {
        guard has(key) else { return false }
        guard let flag = raw(key)?.boolValue else { throw GenesisError("\(path).\(key)", "must be true or false") }
        return flag
    }

    func optionalString(_ key: String) throws(GenesisError) -> String? {
        guard has(key) else { return nil }
        return try string(key)
    }

    /// A whole number written without sign, fraction or exponent, read from its exact text.
    func integer(_ key: String, max: UInt64 = UInt64.max) throws(GenesisError) -> UInt64 {
        guard let value = raw(key) else { throw GenesisError("\(path).\(key)", "is required") }
        guard let result = value.uint64Value else { throw GenesisError("\(path).\(key)", "must be a non-negative whole number") }
        guard result <= max else { throw GenesisError("\(path).\(key)", "must be at most \(max)") }
        return result
    }

    func amount(_ key: String) throws(GenesisError) -> Amount {
        let text = try string(key)
        guard let amount = Tokens.parse(text) else {
            throw GenesisError("\(path).\(key)", "'\(text)' is not an amount: use base units (\"1000\") or tokens (\"12.5AI\")")
        }
        return amount
    }

    func array(_ key: String) throws(GenesisError) -> [JSONValue] {
        guard let value = raw(key) else { throw GenesisError("\(path).\(key)", "is required") }
        guard let array = value.arrayValue else { throw GenesisError("\(path).\(key)", "must be an array") }
        return array
    }

    /// The allowed name within edit distance 2 of `key`, if any.
    static func closest(to key: String, in allowed: [String]) -> String? {
        allowed.map { ($0, editDistance(key, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...Swift.max(b.count, 1) where j <= b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
