import ProofmintCore

/// A member that is left out of the JSON object when nil, instead of written as `null`: the fields of one
/// transaction kind, event type or preview section, which other kinds do not have.
@propertyWrapper
public struct Omittable<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: any Encoder) throws {
        guard let wrappedValue else { return }  // writes nothing: the encoder leaves the member out
        var single = encoder.singleValueContainer()
        try single.encode(wrappedValue)
    }

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        wrappedValue = single.decodeNil() ? nil : try single.decode(Value.self)
    }
}

extension KeyedDecodingContainer {
    /// A missing member is nil, not an error.
    public func decode<Value>(_ type: Omittable<Value>.Type, forKey key: Key) throws -> Omittable<Value> {
        try decodeIfPresent(Omittable<Value>.self, forKey: key) ?? Omittable(wrappedValue: nil)
    }
}
