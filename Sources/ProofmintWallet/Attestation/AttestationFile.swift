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

    public var json: JSONValue {
        .object([
            ("version", .int(Self.version)),
            ("summary", Self.json(signed)),
            ("attestation", .string(signed.canonicalBytes.hex)),
        ])
    }

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
        do {
            try FileSystem.writeAtomically(Array((json.prettyText + "\n").utf8), to: path, permissions: 0o644, overwrite: overwrite)
        } catch {
            throw .file(error)
        }
    }

    public static func read(_ path: String) throws(AttestationFileError) -> AttestationFile {
        let bytes: Bytes
        do { bytes = try FileSystem.read(path) } catch { throw .file(error) }
        return try AttestationFile(parsing: bytes, path: path)
    }

    public init(parsing bytes: Bytes, path: String) throws(AttestationFileError) {
        func invalid(_ reason: String) -> AttestationFileError { .invalid(path: path, reason: reason) }
        let document: JSONValue
        do { document = try JSONParser.parse(bytes) } catch { throw invalid(bytes.isEmpty ? "the file is empty" : "\(error)") }
        let signed: SignedAttestation
        do {
            let root = try JSONObjectReader(document, path: "")
            let version = try root.value("version")
            guard version.intValue == Self.version else {
                throw invalid("version \(version.compactText) is not supported (expected \(Self.version))")
            }
            do {
                signed = try SignedAttestation(canonical: try root.hex("attestation"))
            } catch let error as JSONShapeError {
                throw error
            } catch {
                throw invalid("'attestation' does not decode as a signed attestation: \(error)")
            }
            guard signed.hasValidSignature else {
                throw invalid("the attestor's signature does not verify: the attestation was altered after signing")
            }
            guard try root.value("summary") == Self.json(signed) else {
                throw invalid("'summary' does not describe the signed attestation (was it edited?)")
            }
        } catch let error as AttestationFileError {
            throw error
        } catch {
            throw invalid("\(error)")
        }
        self.signed = signed
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
