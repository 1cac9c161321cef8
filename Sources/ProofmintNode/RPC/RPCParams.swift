import ProofmintCore

/// Named JSON-RPC parameters with typed getters whose errors name the parameter.
struct RPCParams {
    private let values: [String: Any]

    init(_ raw: Any?) throws(RPCError) {
        switch raw {
        case nil, is NSNull: values = [:]
        case let object as [String: Any]: values = object
        case let array as [Any] where array.isEmpty: values = [:]
        default: throw .invalidParams("params must be an object of named parameters")
        }
    }

    func has(_ name: String) -> Bool { values[name] != nil && !(values[name] is NSNull) }

    func string(_ name: String) throws(RPCError) -> String {
        guard let value = values[name] else { throw .invalidParams("'\(name)' is required") }
        guard let text = value as? String else { throw .invalidParams("'\(name)' must be a string") }
        return text
    }

    func bool(_ name: String, default defaultValue: Bool) throws(RPCError) -> Bool {
        guard has(name) else { return defaultValue }
        guard let value = JSONScalar.boolean(values[name]) else { throw .invalidParams("'\(name)' must be true or false") }
        return value
    }

    func integer(_ name: String) throws(RPCError) -> UInt64 {
        guard let value = values[name] else { throw .invalidParams("'\(name)' is required") }
        guard let result = JSONScalar.unsignedInteger(value) else {
            throw .invalidParams("'\(name)' must be a non-negative whole number")
        }
        return result
    }

    func hash(_ name: String) throws(RPCError) -> Hash32 {
        let text = try string(name)
        guard let hash = Hash32(hex: text) else { throw .invalidParams("'\(name)' must be 64 hex digits") }
        return hash
    }

    func address(_ name: String) throws(RPCError) -> Address {
        let text = try string(name)
        do { return try Address(text: text) } catch { throw .invalidParams("'\(name)': \(error)") }
    }

    func hexBytes(_ name: String) throws(RPCError) -> Bytes {
        let text = try string(name)
        guard let bytes = Bytes(hex: text) else { throw .invalidParams("'\(name)' must be hex") }
        return bytes
    }
}

import Foundation
