import ProofmintCore

/// Encodes `Encodable` values into `JSONValue` by the RPC's one rule set, so the node and the wallet write every
/// field the same way:
/// - members in declaration order, names in snake_case (`JSONKey`);
/// - `UInt128` (amounts, weights, voting power) as a decimal string, every narrower integer as a JSON number;
/// - a nil optional as `null` (the member is always there), except an `Omittable` one, which is left out;
/// - floating point is refused: nothing in the contract is fractional.
public enum JSONValueEncoder {
    public static func encode<T: Encodable>(_ value: T) throws(EncodingFailure) -> JSONValue {
        let node = EncodingNode()
        do {
            try value.encode(to: NodeEncoder(node: node, codingPath: []))
        } catch let failure as EncodingFailure {
            throw failure
        } catch {
            throw EncodingFailure(reason: "\(error)")
        }
        return node.value ?? .null
    }
}

/// Why a value could not be encoded: a programming error in a contract type, reported rather than trapped.
public struct EncodingFailure: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "cannot encode: \(reason)" }
}

/// What one encoder has written so far. A child that writes nothing is left out of its parent object.
///
/// The members and items live outside the shape enum: held inside it, every append copied the whole array (the enum
/// kept a second reference), which made a block of 10,000 transaction ids cost 10,000² pointer copies in `pm_getBlock`.
final class EncodingNode {
    enum Shape {
        case empty
        case scalar(JSONValue)
        case object
        case array
    }

    private(set) var shape = Shape.empty
    private var members: [(String, EncodingNode)] = []
    private var items: [EncodingNode] = []

    var value: JSONValue? {
        switch shape {
        case .empty: return nil
        case let .scalar(value): return value
        case .object: return .object(members.compactMap { name, node in node.value.map { (name, $0) } })
        case .array: return .array(items.map { $0.value ?? .null })
        }
    }

    var itemCount: Int { if case .array = shape { return items.count } else { return 0 } }

    func set(_ value: JSONValue) { shape = .scalar(value) }

    func member(_ name: String) -> EncodingNode {
        startObject()
        if let found = members.first(where: { $0.0 == name }) { return found.1 }
        let child = EncodingNode()
        members.append((name, child))
        return child
    }

    func appendItem() -> EncodingNode {
        startArray()
        let child = EncodingNode()
        items.append(child)
        return child
    }

    /// A node that becomes an object (or an array) starts empty, whatever it held before.
    func startObject() {
        if case .object = shape { return }
        shape = .object
        members = []
    }

    func startArray() {
        if case .array = shape { return }
        shape = .array
        items = []
    }
}

struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.startObject()
        return KeyedEncodingContainer(KeyedNodeEncoder<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.startArray()
        return UnkeyedNodeEncoder(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleNodeEncoder(node: node, codingPath: codingPath) }
}

/// Every scalar goes through here, so the type rules live in one place.
struct SingleNodeEncoder: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func set(_ value: JSONValue) { node.set(value) }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { throw refused("Double") }
    mutating func encode(_ value: Float) throws { throw refused("Float") }
    mutating func encode(_ value: Int) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt128) throws { set(.string(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: NodeEncoder(node: node, codingPath: codingPath)) }

    private func refused(_ type: String) -> EncodingFailure {
        EncodingFailure(reason: "\(JSONKey.path("", codingPath)) is a \(type); the RPC carries no floating point")
    }
}

struct KeyedNodeEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func child(_ key: Key) -> NodeEncoder { NodeEncoder(node: node.member(JSONKey.name(key)), codingPath: codingPath + [key]) }

    mutating func encodeNil(forKey key: Key) throws { node.member(JSONKey.name(key)).set(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        var single = child(key).singleValueContainer()
        try single.encode(value)
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }

    mutating func encode(_ value: UInt128, forKey key: Key) throws { try encode(Scalar(value), forKey: key) }
    mutating func encodeIfPresent(_ value: UInt128?, forKey key: Key) throws { try encodeIfPresent(value.map(Scalar.init), forKey: key) }

    /// Nil is written as `null`: a member of the contract is always present.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeIfPresent(value.map(Scalar.init), forKey: key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeIfPresent(value.map(Scalar.init), forKey: key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeIfPresent(value.map(Scalar.init), forKey: key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeIfPresent(value.map(Scalar.init), forKey: key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeIfPresent(value.map(Scalar.init), forKey: key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeIfPresent(value.map(Scalar.init), forKey: key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeIfPresent(value.map(Scalar.init), forKey: key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        child(key).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { child(key).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { child(key) }
}

/// Routes a typed scalar through the generic path, so `SingleNodeEncoder` applies its rule.
private struct Scalar<T: Encodable>: Encodable {
    let value: T
    init(_ value: T) { self.value = value }
    func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(value)
    }
}

struct UnkeyedNodeEncoder: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int { node.itemCount }

    private mutating func next() -> NodeEncoder {
        let index = count
        return NodeEncoder(node: node.appendItem(), codingPath: codingPath + [IndexKey(index)])
    }

    mutating func encodeNil() throws { next().node.set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        var single = next().singleValueContainer()
        try single.encode(value)
    }
    mutating func encode(_ value: Bool) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: String) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: Double) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: Float) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: Int) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: Int8) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: Int16) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: Int32) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: Int64) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: UInt) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: UInt8) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: UInt16) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: UInt32) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: UInt64) throws { try encode(Scalar(value)) }
    mutating func encode(_ value: UInt128) throws { try encode(Scalar(value)) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        next().container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { next().unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { next() }
}
