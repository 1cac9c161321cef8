import ProofmintCore

/// Evidence of double signing as a file for `proofmint tx evidence`:
///
/// ```json
/// {"first":  {"header_hex": "<canonical BlockHeader bytes, hex>", "signature": "<64-byte Ed25519 signature, hex>"},
///  "second": {"header_hex": "…", "signature": "…"}}
/// ```
///
/// `header_hex` is what `pm_getBlock` returns as `header_hex` and `signature` its `signature`. Reading checks
/// everything that needs no chain state, so a file that can only fail on chain is refused before it costs a fee:
/// both headers decode, are for one chain and one height, differ, have one producer, and both signatures verify
/// under that producer's key. Whether the producer is a validator, and whether it was already punished, is the
/// chain's to decide.
public struct EvidenceFile: Equatable, Sendable {
    public let evidence: DoubleSignEvidence

    public init(evidence: DoubleSignEvidence) { self.evidence = evidence }

    public var json: JSONValue {
        func side(_ signed: SignedHeader) -> JSONValue {
            .object([("header_hex", .string(signed.header.canonicalBytes.hex)), ("signature", .string(signed.signature.hex))])
        }
        return .object([("first", side(evidence.first)), ("second", side(evidence.second))])
    }

    public static func read(_ path: String) throws(EvidenceFileError) -> EvidenceFile {
        let bytes: Bytes
        do { bytes = try FileSystem.read(path) } catch { throw .file(error) }
        return try EvidenceFile(parsing: bytes, path: path)
    }

    public init(parsing bytes: Bytes, path: String) throws(EvidenceFileError) {
        func invalid(_ reason: String) -> EvidenceFileError { .invalid(path: path, reason: reason) }
        let document: JSONValue
        do { document = try JSONParser.parse(bytes) } catch { throw invalid(bytes.isEmpty ? "the file is empty" : "\(error)") }
        let first: SignedHeader, second: SignedHeader
        do {
            let root = try JSONObjectReader(document, path: "")
            first = try Self.signedHeader(try root.object("first"), path: path)
            second = try Self.signedHeader(try root.object("second"), path: path)
        } catch let error as EvidenceFileError {
            throw error
        } catch {
            throw invalid("\(error)")
        }
        let evidence = DoubleSignEvidence(first: first, second: second)
        if let problem = Self.problem(with: evidence) { throw invalid(problem) }
        self.evidence = evidence
    }

    /// Why the chain would certainly refuse `evidence`, whatever its state; nil if it might be accepted.
    public static func problem(with evidence: DoubleSignEvidence) -> String? {
        let first = evidence.first.header, second = evidence.second.header
        guard first.chainId == second.chainId else {
            return "the headers are for different chains ('\(first.chainId)' and '\(second.chainId)')"
        }
        guard first.height == second.height else { return "the headers are for heights \(first.height) and \(second.height), not one height" }
        guard first.hash != second.hash else { return "both headers are the same block \(first.hash): that is not double signing" }
        guard first.producer == second.producer else {
            return "the headers were produced by different keys (\(first.producer.hex) and \(second.producer.hex))"
        }
        guard let key = try? Ed25519.PublicKey(bytes: first.producer) else { return "the producer \(first.producer.hex) is not an Ed25519 public key" }
        for (label, signed) in [("first", evidence.first), ("second", evidence.second)]
        where !key.isValidSignature(signed.signature, for: signed.header.signingMessage) {
            return "the \(label) header's signature does not verify under the producer's key \(first.producer.hex)"
        }
        return nil
    }

    private static func signedHeader(_ reader: JSONObjectReader, path: String) throws -> SignedHeader {
        let header: BlockHeader
        do {
            header = try BlockHeader(canonical: try reader.hex("header_hex"))
        } catch let error as JSONShapeError {
            throw error
        } catch {
            throw EvidenceFileError.invalid(path: path, reason: "'\(reader.path).header_hex' is not a canonical block header: \(error)")
        }
        let signature = try reader.hex("signature")
        guard signature.count == Ed25519.signatureLength else {
            throw EvidenceFileError.invalid(
                path: path, reason: "'\(reader.path).signature' is \(signature.count) bytes, a signature is \(Ed25519.signatureLength)")
        }
        return SignedHeader(header: header, signature: signature)
    }
}

/// Why an evidence file cannot be read or would certainly be refused.
public enum EvidenceFileError: Error, Equatable, CustomStringConvertible {
    case file(FileSystemError)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case let .file(error): return "\(error)"
        case let .invalid(path, reason): return "evidence file \(path) is refused: \(reason); nothing was sent"
        }
    }
}
