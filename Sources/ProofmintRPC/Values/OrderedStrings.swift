import ProofmintCore

/// A JSON object of string members in a fixed order (a proposal's fields, the module accounts' balances): data
/// whose member names are not known to the contract.
public struct OrderedMembers<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var members: [Member]

    public struct Member: Sendable, Equatable {
        public var name: String
        public var value: Value
        public init(name: String, value: Value) {
            self.name = name
            self.value = value
        }
    }

    public init(_ members: [(String, Value)]) { self.members = members.map { Member(name: $0.0, value: $0.1) } }

    public subscript(name: String) -> Value? { members.first { $0.name == name }?.value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: VerbatimKey.self)
        for member in members { try container.encode(member.value, forKey: VerbatimKey(member.name)) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: VerbatimKey.self)
        members = try container.allKeys.map { key in Member(name: key.stringValue, value: try container.decode(Value.self, forKey: key)) }
    }
}
