import ProofmintCore

/// The members of a contract type and their JSON types, read off the type itself: docs/RPC.md's tables are
/// checked against it, so the documentation cannot drift from what the node sends.
///
/// It walks `init(from:)` with a decoder that answers every request with a placeholder and writes down what was
/// asked: `balance: decimal`, `proof.siblings: array of hash`, `validator: address or null`, `memo: hex, optional`.
public enum RPCSchema {
    public struct Field: Equatable, Sendable, CustomStringConvertible {
        /// `proof.siblings[]`: dots for nested objects, `[]` for array items.
        public let path: String
        /// `number`, `decimal`, `string`, `boolean`, `hash`, `address`, `hex`, `object`, `array`, or a named object.
        public let type: String
        /// `null` is a possible value.
        public let nullable: Bool
        /// The member may be absent.
        public let omittable: Bool

        public var description: String { "\(path): \(typeText)" }

        /// As docs/RPC.md writes it: `decimal`, `address or null`, `hex, optional`.
        public var typeText: String { type + (nullable ? " or null" : "") + (omittable ? ", optional" : "") }
    }

    /// The members of `type`, in declaration order; named objects (`RPCNamedObject`) are not expanded.
    public static func fields<T: Decodable>(of type: T.Type) -> [Field] {
        let recorder = SchemaRecorder()
        if let leaf = T.self as? any RPCSchemaLeaf.Type {
            recorder.record(path: "", type: leaf.schemaType, nullable: false, omittable: false)
        } else {
            _ = try? T(from: SchemaDecoder(recorder: recorder, path: ""))
        }
        return recorder.fields
    }
}

/// A value the schema shows as one JSON type instead of walking it (its `init(from:)` checks its text).
public protocol RPCSchemaLeaf {
    static var schemaType: String { get }
    static var schemaPlaceholder: Self { get }
}

/// A contract object documented once under its own name in docs/RPC.md ("Objects") and referred to by it.
public protocol RPCNamedObject: RPCObject {
    static var rpcName: String { get }
}

extension Hash32: RPCSchemaLeaf {
    public static var schemaType: String { "hash" }
    public static var schemaPlaceholder: Hash32 { .zero }
}

extension Address: RPCSchemaLeaf {
    public static var schemaType: String { "address" }
    public static var schemaPlaceholder: Address { Address(module: "schema") }
}

extension Hex: RPCSchemaLeaf {
    public static var schemaType: String { "hex" }
    public static var schemaPlaceholder: Hex { Hex([]) }
}

extension BlockHeight: RPCSchemaLeaf {
    public static var schemaType: String { "number or \"latest\"" }
    public static var schemaPlaceholder: BlockHeight { .latest }
}

extension BlockTransactions: RPCSchemaLeaf {
    public static var schemaType: String { "array of hash or of Transaction" }
    public static var schemaPlaceholder: BlockTransactions { .ids([]) }
}

extension ParameterValues: RPCSchemaLeaf {
    public static var schemaType: String { "object of parameters" }
    public static var schemaPlaceholder: ParameterValues { ParameterValues(.defaults) }
}

extension OrderedMembers: RPCSchemaLeaf {
    public static var schemaType: String { Value.self == String.self ? "object of strings" : "object of decimals" }
    public static var schemaPlaceholder: OrderedMembers<Value> { OrderedMembers([]) }
}

final class SchemaRecorder {
    var fields: [RPCSchema.Field] = []

    func record(path: String, type: String, nullable: Bool, omittable: Bool) {
        guard !fields.contains(where: { $0.path == path }) else { return }
        fields.append(RPCSchema.Field(path: path, type: type, nullable: nullable, omittable: omittable))
    }
}

/// Answers every request with a placeholder and records the member's path and JSON type.
struct SchemaDecoder: Decoder {
    let recorder: SchemaRecorder
    let path: String
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(SchemaKeyed<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { SchemaUnkeyed(decoder: self) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { SchemaSingle(decoder: self) }

    func member(_ key: any CodingKey) -> String { path.isEmpty ? JSONKey.name(key) : "\(path).\(JSONKey.name(key))" }

    /// A placeholder of `T` for the member at `path`, recording its JSON type.
    func value<T: Decodable>(_ type: T.Type, at path: String, nullable: Bool, omittable: Bool) throws -> T {
        if let leaf = T.self as? any RPCSchemaLeaf.Type {
            recorder.record(path: path, type: leaf.schemaType, nullable: nullable, omittable: omittable)
            return try cast(leaf.schemaPlaceholder)
        }
        if let scalar = SchemaScalar.placeholder(T.self) {
            recorder.record(path: path, type: scalar.type, nullable: nullable, omittable: omittable)
            return try cast(scalar.value)
        }
        if let omitted = T.self as? any SchemaOmittable.Type {
            return try cast(try omitted.schemaValue(decoder: self, path: path))
        }
        if let named = T.self as? any RPCNamedObject.Type {
            recorder.record(path: path, type: named.rpcName, nullable: nullable, omittable: omittable)
            return try T(from: SchemaDecoder(recorder: SchemaRecorder(), path: path))
        }
        if T.self is any SchemaArray.Type {
            // One row for the array: `array of hash`, or `array of objects` followed by the items' members.
            let items = SchemaRecorder()
            let value = try T(from: SchemaDecoder(recorder: items, path: path))
            let item = items.fields.first { $0.path == path + "[]" }
            let members = items.fields.filter { $0.path != path + "[]" }
            let itemType = members.isEmpty ? item?.type ?? "?" : "objects"
            recorder.record(path: path, type: "array of \(itemType)", nullable: nullable, omittable: omittable)
            for member in members {
                recorder.record(path: member.path, type: member.type, nullable: member.nullable, omittable: member.omittable)
            }
            return value
        }
        recorder.record(path: path, type: "object", nullable: nullable, omittable: omittable)
        return try T(from: SchemaDecoder(recorder: recorder, path: path))
    }

    private func cast<T>(_ value: Any) throws -> T {
        guard let typed = value as? T else { throw JSONShapeError(path: path, problem: "schema placeholder of the wrong type") }
        return typed
    }
}

/// Arrays are walked through one item, recorded as `path[]`.
protocol SchemaArray {}
extension Array: SchemaArray {}

/// `Omittable` members are recorded as optional.
protocol SchemaOmittable {
    static func schemaValue(decoder: SchemaDecoder, path: String) throws -> Self
}

extension Omittable: SchemaOmittable {
    static func schemaValue(decoder: SchemaDecoder, path: String) throws -> Omittable<Value> {
        Omittable(wrappedValue: try decoder.value(Value.self, at: path, nullable: false, omittable: true))
    }
}

enum SchemaScalar {
    static func placeholder<T>(_ type: T.Type) -> (type: String, value: Any)? {
        switch type {
        case is String.Type: return ("string", "")
        case is Bool.Type: return ("boolean", false)
        case is UInt128.Type: return ("decimal", UInt128(0))
        case is UInt64.Type: return ("number", UInt64(0))
        case is UInt32.Type: return ("number", UInt32(0))
        case is UInt16.Type: return ("number", UInt16(0))
        case is UInt8.Type: return ("number", UInt8(0))
        case is Int.Type: return ("number", 0)
        default: return nil
        }
    }
}

struct SchemaKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: SchemaDecoder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false)
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false)
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func decodeIfPresent(_ type: UInt128.Type, forKey key: Key) throws -> UInt128? { try decoder.value(type, at: decoder.member(key), nullable: true, omittable: false) }
    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try decoder.value(type, at: decoder.member(key), nullable: false, omittable: false) }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(SchemaKeyed<NestedKey>(decoder: SchemaDecoder(recorder: decoder.recorder, path: decoder.member(key))))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        SchemaUnkeyed(decoder: SchemaDecoder(recorder: decoder.recorder, path: decoder.member(key)))
    }
    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
}

/// One item, then the end.
struct SchemaUnkeyed: UnkeyedDecodingContainer {
    let decoder: SchemaDecoder
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 1 }
    var isAtEnd: Bool { currentIndex >= 1 }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: String.Type) throws -> String {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: Int.Type) throws -> Int {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: Int8.Type) throws -> Int8 {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: Int16.Type) throws -> Int16 {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: Int32.Type) throws -> Int32 {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: Int64.Type) throws -> Int64 {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: UInt.Type) throws -> UInt {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 {
        currentIndex += 1
        return try decoder.value(type, at: decoder.path + "[]", nullable: false, omittable: false)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        currentIndex += 1
        return KeyedDecodingContainer(SchemaKeyed<NestedKey>(decoder: SchemaDecoder(recorder: decoder.recorder, path: decoder.path + "[]")))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return SchemaUnkeyed(decoder: SchemaDecoder(recorder: decoder.recorder, path: decoder.path + "[]"))
    }
    mutating func superDecoder() throws -> any Decoder { decoder }
}

struct SchemaSingle: SingleValueDecodingContainer {
    let decoder: SchemaDecoder
    var codingPath: [any CodingKey] { [] }
    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: String.Type) throws -> String { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
    func decode(_ type: UInt128.Type) throws -> UInt128 { try decoder.value(type, at: decoder.path, nullable: false, omittable: false) }
}
