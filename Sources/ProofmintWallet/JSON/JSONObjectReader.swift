import ProofmintCore

/// Typed reads from a JSON object, each failure naming the full member path, so a bad node answer or a
/// hand-edited file is reported as "'result.balance' must be a decimal string", not as a crash.
public struct JSONObjectReader: Sendable {
    public let value: JSONValue
    public let path: String

    /// Fails unless `value` is an object.
    public init(_ value: JSONValue, path: String) throws(JSONShapeError) {
        guard case .object = value else { throw JSONShapeError(path: path, problem: "must be a JSON object") }
        self.value = value
        self.path = path
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The member's value; missing members are an error.
    public func value(_ key: String) throws(JSONShapeError) -> JSONValue {
        guard let member = value[key] else { throw JSONShapeError(path: childPath(key), problem: "is missing") }
        return member
    }

    /// The member, or nil when it is missing or `null`.
    public func optionalValue(_ key: String) -> JSONValue? {
        guard let member = value[key], !member.isNull else { return nil }
        return member
    }

    public func string(_ key: String) throws(JSONShapeError) -> String {
        guard let text = try value(key).stringValue else { throw JSONShapeError(path: childPath(key), problem: "must be a string") }
        return text
    }

    public func optionalString(_ key: String) throws(JSONShapeError) -> String? {
        guard let member = optionalValue(key) else { return nil }
        guard let text = member.stringValue else { throw JSONShapeError(path: childPath(key), problem: "must be a string or null") }
        return text
    }

    public func uint64(_ key: String) throws(JSONShapeError) -> UInt64 {
        guard let number = try value(key).uint64Value else {
            throw JSONShapeError(path: childPath(key), problem: "must be a non-negative whole number")
        }
        return number
    }

    public func optionalUInt64(_ key: String) throws(JSONShapeError) -> UInt64? {
        guard let member = optionalValue(key) else { return nil }
        guard let number = member.uint64Value else {
            throw JSONShapeError(path: childPath(key), problem: "must be a non-negative whole number or null")
        }
        return number
    }

    public func int(_ key: String) throws(JSONShapeError) -> Int {
        guard let number = try value(key).intValue else { throw JSONShapeError(path: childPath(key), problem: "must be a whole number") }
        return number
    }

    public func bool(_ key: String) throws(JSONShapeError) -> Bool {
        guard let flag = try value(key).boolValue else { throw JSONShapeError(path: childPath(key), problem: "must be true or false") }
        return flag
    }

    /// An amount: a decimal string of base units, as everywhere in the RPC.
    public func amount(_ key: String) throws(JSONShapeError) -> Amount {
        guard let amount = Tokens.parseBaseUnits(try string(key)) else {
            throw JSONShapeError(path: childPath(key), problem: "must be a decimal string of base units")
        }
        return amount
    }

    /// Lower-case hex bytes.
    public func hex(_ key: String) throws(JSONShapeError) -> Bytes {
        guard let bytes = Bytes(hex: try string(key)) else { throw JSONShapeError(path: childPath(key), problem: "must be hex") }
        return bytes
    }

    public func optionalHex(_ key: String) throws(JSONShapeError) -> Bytes? {
        guard let text = try optionalString(key) else { return nil }
        guard let bytes = Bytes(hex: text) else { throw JSONShapeError(path: childPath(key), problem: "must be hex or null") }
        return bytes
    }

    public func hash(_ key: String) throws(JSONShapeError) -> Hash32 {
        guard let hash = Hash32(hex: try string(key)) else {
            throw JSONShapeError(path: childPath(key), problem: "must be a 32-byte hash in hex")
        }
        return hash
    }

    public func optionalHash(_ key: String) throws(JSONShapeError) -> Hash32? {
        guard let text = try optionalString(key) else { return nil }
        guard let hash = Hash32(hex: text) else { throw JSONShapeError(path: childPath(key), problem: "must be a 32-byte hash in hex") }
        return hash
    }

    public func address(_ key: String) throws(JSONShapeError) -> Address {
        let text = try string(key)
        do {
            return try Address(text: text)
        } catch {
            throw JSONShapeError(path: childPath(key), problem: "is not a valid address: \(error)")
        }
    }

    public func object(_ key: String) throws(JSONShapeError) -> JSONObjectReader {
        try JSONObjectReader(try value(key), path: childPath(key))
    }

    public func optionalObject(_ key: String) throws(JSONShapeError) -> JSONObjectReader? {
        guard let member = optionalValue(key) else { return nil }
        return try JSONObjectReader(member, path: childPath(key))
    }

    public func array(_ key: String) throws(JSONShapeError) -> [JSONValue] {
        guard let items = try value(key).arrayValue else { throw JSONShapeError(path: childPath(key), problem: "must be an array") }
        return items
    }

    /// The array's items as 32-byte hashes.
    public func hashArray(_ key: String) throws(JSONShapeError) -> [Hash32] {
        var hashes = [Hash32]()
        for (position, item) in try array(key).enumerated() {
            guard let text = item.stringValue, let hash = Hash32(hex: text) else {
                throw JSONShapeError(path: "\(childPath(key))[\(position)]", problem: "must be a 32-byte hash in hex")
            }
            hashes.append(hash)
        }
        return hashes
    }
}
