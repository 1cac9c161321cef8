import ProofmintCore

/// Decodes `Decodable` values from `JSONValue` by the rules `JSONValueEncoder` writes with, strictly: a wrong JSON
/// type is an error (an amount sent as a number, a height sent as a string), and every error is a `JSONShapeError`
/// naming the member's full path (`'result.stake.power' must be a decimal string`), never a crash.
public enum JSONValueDecoder {
    /// `path` names the value in messages (`result`, `params`).
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, path: String) throws(JSONShapeError) -> T {
        do {
            return try T(from: ValueDecoder(value: value, base: path, codingPath: []))
        } catch let error as JSONShapeError {
            throw error
        } catch let DecodingError.dataCorrupted(context) {
            throw JSONShapeError(path: JSONKey.path(path, context.codingPath), problem: context.debugDescription)
        } catch {
            throw JSONShapeError(path: path, problem: "cannot be read: \(error)")
        }
    }
}

struct ValueDecoder: Decoder {
    let value: JSONValue
    let base: String
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func failure(_ problem: String) -> JSONShapeError { JSONShapeError(path: JSONKey.path(base, codingPath), problem: problem) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .object(members) = value else { throw failure("must be a JSON object") }
        return KeyedDecodingContainer(KeyedValueDecoder<Key>(members: members, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .array(items) = value else { throw failure("must be a JSON array") }
        return UnkeyedValueDecoder(items: items, decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueDecoder(decoder: self) }

    func child(_ value: JSONValue, _ key: any CodingKey) -> ValueDecoder {
        ValueDecoder(value: value, base: base, codingPath: codingPath + [key])
    }
}

/// Every scalar is read here, so the type rules live in one place.
struct SingleValueDecoder: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    private var value: JSONValue { decoder.value }

    func decodeNil() -> Bool { value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard let flag = value.boolValue else { throw decoder.failure("must be true or false") }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard let text = value.stringValue else { throw decoder.failure("must be a string") }
        return text
    }

    func decode(_ type: UInt128.Type) throws -> UInt128 {
        guard let text = value.stringValue, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let number = UInt128(text) else {
            throw decoder.failure("must be a decimal string (a 128-bit whole number)")
        }
        return number
    }

    func decode(_ type: Double.Type) throws -> Double { throw decoder.failure("is fractional; the RPC carries no floating point") }
    func decode(_ type: Float.Type) throws -> Float { throw decoder.failure("is fractional; the RPC carries no floating point") }
    func decode(_ type: Int.Type) throws -> Int { try whole(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try whole(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try whole(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try whole(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try whole(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try whole(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try whole(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try whole(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try whole(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try whole(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }

    /// A JSON number without fraction or exponent that fits `T`.
    private func whole<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case let .number(text) = value else { throw decoder.failure("must be a whole number") }
        guard let number = T(text) else {
            throw decoder.failure(T.isSigned ? "must be a whole number that fits \(T.self)" : "must be a non-negative whole number that fits \(T.self)")
        }
        return number
    }
}

struct KeyedValueDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(String, JSONValue)]
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.0) } }

    private func member(_ key: Key) -> JSONValue? { members.first(where: { $0.0 == JSONKey.name(key) })?.1 }

    private func required(_ key: Key) throws -> ValueDecoder {
        guard let value = member(key) else { throw decoder.child(.null, key).failure("is missing") }
        return decoder.child(value, key)
    }

    func contains(_ key: Key) -> Bool { member(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { member(key)?.isNull ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try SingleValueDecoder(decoder: try required(key)).decode(type)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try SingleValueDecoder(decoder: try required(key)).decode(type) }

    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try SingleValueDecoder(decoder: try required(key)).decode(type) }
    func decodeIfPresent(_ type: UInt128.Type, forKey key: Key) throws -> UInt128? {
        guard let value = member(key), !value.isNull else { return nil }
        return try SingleValueDecoder(decoder: decoder.child(value, key)).decode(type)
    }

    /// Missing and `null` both mean nil.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = member(key), !value.isNull else { return nil }
        return try SingleValueDecoder(decoder: decoder.child(value, key)).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try required(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try required(key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try required(key) }
}

struct UnkeyedValueDecoder: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let decoder: ValueDecoder
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else { throw decoder.failure("has too few items") }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], IndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try SingleValueDecoder(decoder: try next()).decode(type) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}
