import ProofmintCrypto

/// The keys allowed to produce blocks, in schedule order: block `h ≥ 1` is produced by `validators[(h − 1 + k) mod n]`,
/// where `k` counts the slot timeouts since the parent (`ProducerSchedule`).
public struct ValidatorSet: Equatable, Sendable {
    public struct Validator: Equatable, Sendable {
        public let name: String
        public let publicKey: Ed25519.PublicKey
        public init(name: String, publicKey: Ed25519.PublicKey) {
            self.name = name
            self.publicKey = publicKey
        }
    }

    public let validators: [Validator]

    public init(validators: [Validator]) { self.validators = validators }

    /// The validator scheduled for `height` after `skips` silent slots, nil if the set is empty. Reduced before adding,
    /// so no height or skip count overflows.
    public func producer(at height: UInt64, skips: UInt64 = 0) -> Validator? {
        guard !validators.isEmpty, height > 0 else { return nil }
        let count = UInt64(validators.count)
        return validators[Int(((height - 1) % count + skips % count) % count)]
    }

    public func contains(_ key: Ed25519.PublicKey) -> Bool { validators.contains { $0.publicKey == key } }
}

extension ValidatorSet: CanonicalCodable {
    public static let maxValidators = 1000
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u32(UInt32(validators.count))
        for validator in validators {
            writer.string(validator.name)
            writer.fixed(validator.publicKey.bytes)
        }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ValidatorSet {
        try reader.expectVersion(Self.version, of: "validator set")
        let count = Int(try reader.u32())
        guard count <= maxValidators else { throw .lengthTooLarge(field: "validators", length: count, max: maxValidators) }
        var validators = [Validator]()
        for _ in 0..<count {
            let name = try reader.string(field: "validator name", max: 64)
            guard !name.isEmpty else { throw .invalidValue(field: "validator name", reason: "must not be empty") }
            let key = try reader.publicKey()
            validators.append(Validator(name: name, publicKey: key))
        }
        return ValidatorSet(validators: validators)
    }
}

extension CanonicalReader {
    public mutating func publicKey() throws(CodecError) -> Ed25519.PublicKey {
        let bytes = try fixed(Ed25519.publicKeyLength)
        do {
            return try Ed25519.PublicKey(bytes: bytes)
        } catch {
            throw .invalidValue(field: "public key", reason: "\(error)")
        }
    }
}
