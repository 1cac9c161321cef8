import ProofmintCore

/// Raw bytes (keys, signatures, canonical encodings, memos) as lower-case hex without `0x`.
public struct Hex: Codable, Sendable, Equatable, CustomStringConvertible {
    public var bytes: Bytes

    public init(_ bytes: Bytes) { self.bytes = bytes }

    public var description: String { bytes.hex }

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(bytes.hex)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let bytes = Bytes(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "must be hex"))
        }
        self.bytes = bytes
    }
}
