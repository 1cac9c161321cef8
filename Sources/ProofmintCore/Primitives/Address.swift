import ProofmintCrypto

/// A 20-byte account address, derived from an Ed25519 public key (or a module name), written as Bech32m `pm1…`.
public struct Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let length = 20
    public static let humanReadablePart = "pm"

    public let bytes: Bytes

    public init(bytes: Bytes) throws(CodecError) {
        guard bytes.count == Address.length else {
            throw CodecError.invalidValue(field: "address", reason: "must be \(Address.length) bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// The address of the account controlled by `publicKey`.
    public init(publicKey: Ed25519.PublicKey) {
        bytes = Array(Blake2b.hash256(Array("proofmint/address/v1".utf8) + publicKey.bytes).prefix(Address.length))
    }

    /// The address of a module account (treasury, pools): no private key can control it.
    public init(module name: String) {
        bytes = Array(Blake2b.hash256(Array("proofmint/module/v1/".utf8) + Array(name.utf8)).prefix(Address.length))
    }

    /// Parses the `pm1…` text form; any typo fails the checksum and is reported, never mapped to another account.
    public init(text: String) throws(AddressError) {
        let decoded: (hrp: String, data: [UInt8])
        do {
            decoded = try Bech32m.decode(text.trimmingCharacters(in: .whitespaces))
        } catch {
            switch error {
            case .badChecksum: throw .badChecksum(text)
            case .mixedCase: throw .malformed(text, "mixes upper and lower case")
            case .noSeparator: throw .malformed(text, "is not of the form pm1…")
            case let .badCharacter(c): throw .malformed(text, "contains '\(c)', which Bech32 never uses")
            case .badPadding, .wrongPrefix: throw .malformed(text, "has invalid padding")
            }
        }
        guard decoded.hrp == Address.humanReadablePart else { throw .wrongPrefix(text, decoded.hrp) }
        guard decoded.data.count == Address.length else { throw .malformed(text, "decodes to \(decoded.data.count) bytes, not 20") }
        bytes = decoded.data
    }

    public var text: String { Bech32m.encode(hrp: Address.humanReadablePart, data: bytes) }
    public var description: String { text }

    public static func < (lhs: Address, rhs: Address) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    /// Hashes the 20 bytes in one call: the synthesized hash fed the hasher a byte at a time, and the mempool hashes a
    /// sender several times for every transaction it admits, selects and prunes. Only for in-memory dictionaries and
    /// sets: nothing hashed this way is encoded or ordered.
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// Why a typed address was refused.
public enum AddressError: Error, Equatable, CustomStringConvertible {
    case badChecksum(String)
    case malformed(String, String)
    case wrongPrefix(String, String)

    public var description: String {
        switch self {
        case let .badChecksum(text): return "address '\(text)' has a bad checksum: check it for a typo"
        case let .malformed(text, why): return "address '\(text)' \(why)"
        case let .wrongPrefix(text, hrp): return "address '\(text)' has prefix '\(hrp)', expected 'pm'"
        }
    }
}

import Foundation
