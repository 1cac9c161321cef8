import ProofmintCore

/// An attestor-signed attestation on disk, handed from the attestor (`proofmint attest`) to the provider
/// (`proofmint tx stake --tier 2–4 --attestation FILE`):
/// `{"version":1,"summary":{…},"attestation":"<hex of the canonical signed attestation>"}`.
///
/// Only `attestation` is authoritative. Reading checks that it decodes, that the attestor's signature verifies and
/// that the summary describes those bytes, so an edited file is refused before the provider pays a fee to stake with
/// it (the chain checks the registry, the expiry and the provider: PROTOCOL.md §9.10).
public struct AttestationFile: Equatable, Sendable {
    public static let version = 1

    public let signed: SignedAttestation

    public init(signed: SignedAttestation) { self.signed = signed }

    public var json: JSONValue { SignedFile.json(version: Self.version, summary: Self.json(signed), member: "attestation", signed: signed) }

    /// The attestation's fields, readable: the `summary` of the file and of `--json` output.
    public static func json(_ signed: SignedAttestation) -> JSONValue {
        let statement = signed.attestation
        return .object([
            ("attestor", .string(statement.attestor.bytes.hex)),
            ("chain_id", .string(statement.chainId)),
            ("provider", .string(statement.provider.text)),
            ("tier", .uint(UInt64(statement.tier.rawValue))),
            ("measurement", .string(statement.measurement.hex)),
            ("expires_at", .uint(statement.expiresAt)),
        ])
    }

    /// Label/value lines for the terminal.
    public static func lines(_ signed: SignedAttestation) -> [(String, String)] {
        let statement = signed.attestation
        return [
            ("attestor", statement.attestor.bytes.hex),
            ("attested provider", statement.provider.text),
            ("attested tier", "\(statement.tier.rawValue) (\(statement.tier.name))"),
            ("measurement", statement.measurement.hex),
            ("expires at", "height \(statement.expiresAt)"),
        ]
    }

    /// Writes the file atomically (mode 0644); an existing file is kept unless `overwrite`.
    public func write(to path: String, overwrite: Bool) throws(AttestationFileError) {
        do { try SignedFile.write(json, to: path, overwrite: overwrite) } catch { throw .file(error) }
    }

    public static func read(_ path: String) throws(AttestationFileError) -> AttestationFile {
        let bytes: Bytes
        do { bytes = try FileSystem.read(path) } catch { throw .file(error) }
        return try AttestationFile(parsing: bytes, path: path)
    }

    public init(parsing bytes: Bytes, path: String) throws(AttestationFileError) {
        signed = try SignedFile.parse(
            bytes, version: Self.version, member: "attestation", noun: "a signed attestation", badSignature: "the attestor's signature does not verify: the attestation was altered after signing",
            verifies: { (value: SignedAttestation) in value.hasValidSignature }, summary: Self.json,
            invalid: { AttestationFileError.invalid(path: path, reason: $0) })
    }
}

/// Why an attestation file cannot be written, read or trusted.
public enum AttestationFileError: Error, Equatable, CustomStringConvertible {
    case file(FileSystemError)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case let .file(error): return "\(error)"
        case let .invalid(path, reason): return "attestation file \(path) is refused: \(reason); ask the attestor to sign it again"
        }
    }
}
