/// At every JSON edge a hash is 64 lower-case hex digits.
extension Hash32: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let hash = Hash32(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "must be a 32-byte hash in hex"))
        }
        self = hash
    }

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(hex)
    }
}
