import ProofmintCore

/// The shape shared by the signed files a wallet hands on (a compute receipt, an attestation):
/// `{"version": N, "summary": {…}, "<member>": "<hex of the canonical signed value>"}`. Only the hex is authoritative;
/// reading checks that it decodes, that its signature verifies and that the summary describes those bytes, so an
/// edited file is refused before anyone pays a fee for it.
enum SignedFile {
    /// The file's JSON for `signed`.
    static func json(version: Int, summary: JSONValue, member: String, signed: some CanonicalEncodable) -> JSONValue {
        .object([("version", .int(version)), ("summary", summary), (member, .string(signed.canonicalBytes.hex))])
    }

    /// Writes `json` atomically (mode 0644); an existing file is kept unless `overwrite`.
    static func write(_ json: JSONValue, to path: String, overwrite: Bool) throws(FileSystemError) {
        try FileSystem.writeAtomically(Array((json.prettyText + "\n").utf8), to: path, permissions: 0o644, overwrite: overwrite)
    }

    /// The signed value in `bytes`, checked; every refusal is `invalid(reason)`.
    static func parse<Signed: CanonicalDecodable, Failure: Error>(
        _ bytes: Bytes, version: Int, member: String, noun: String, badSignature: String,
        verifies: (Signed) -> Bool, summary: (Signed) -> JSONValue, invalid: (String) -> Failure
    ) throws(Failure) -> Signed {
        let document: JSONValue
        do { document = try JSONParser.parse(bytes) } catch { throw invalid(bytes.isEmpty ? "the file is empty" : "\(error)") }
        let root: JSONObjectReader
        let declared: JSONValue
        let hex: Bytes
        let written: JSONValue
        do {
            root = try JSONObjectReader(document, path: "")
            declared = try root.value("version")
            guard declared.intValue == version else {
                throw invalid("version \(declared.compactText) is not supported (expected \(version))")
            }
            hex = try root.hex(member)
            written = try root.value("summary")
        } catch let error as Failure {
            throw error
        } catch {
            throw invalid("\(error)")
        }
        let signed: Signed
        do { signed = try Signed(canonical: hex) } catch { throw invalid("'\(member)' does not decode as \(noun): \(error)") }
        guard verifies(signed) else { throw invalid(badSignature) }
        guard written == summary(signed) else { throw invalid("'summary' does not describe the signed \(member) (was it edited?)") }
        return signed
    }
}
