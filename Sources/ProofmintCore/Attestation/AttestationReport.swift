/// `report_attestation` (payload tag 14): names a provider whose stake rests on an attestation by a revoked attestor.
public struct AttestationReport: Equatable, Sendable {
    public var provider: Address
    public init(provider: Address) { self.provider = provider }
}

extension AttestationReport: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) { writer.fixed(provider.bytes) }
    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> AttestationReport {
        AttestationReport(provider: try reader.address())
    }
}
