/// One signed block header, as evidence carries it.
public struct SignedHeader: Equatable, Sendable {
    public var header: BlockHeader
    public var signature: Bytes
    public init(header: BlockHeader, signature: Bytes) {
        self.header = header
        self.signature = signature
    }
}

/// Two different headers for the same height signed by the same validator: proof of double signing.
/// (Determinism note: "Double" here is double *signing*, equivocation; the core has no floating point.)
public struct DoubleSignEvidence: Equatable, Sendable {
    public var first: SignedHeader
    public var second: SignedHeader
    public init(first: SignedHeader, second: SignedHeader) {
        self.first = first
        self.second = second
    }
}

extension SignedHeader: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.encode(header)
        writer.fixed(signature)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> SignedHeader {
        SignedHeader(header: try reader.decode(BlockHeader.self), signature: try reader.fixed(Ed25519.signatureLength))
    }
}

extension DoubleSignEvidence: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.encode(first)
        writer.encode(second)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> DoubleSignEvidence {
        DoubleSignEvidence(first: try reader.decode(SignedHeader.self), second: try reader.decode(SignedHeader.self))
    }
}
