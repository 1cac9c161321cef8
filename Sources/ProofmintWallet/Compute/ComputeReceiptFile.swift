import ProofmintCore

/// A consumer-signed compute receipt on disk, handed from the consumer to the provider:
/// `{"version":1,"summary":{…},"receipt":"<hex of the canonical signed receipt>"}`. Since protocol version 3 the
/// summary also shows the model, input and output hashes (`model_hash`, `input_hash`, `output_hash`) the receipt
/// signs, so the provider sees what a validator will be asked to re-check.
///
/// Only `receipt` is authoritative. Reading checks that it decodes, that the consumer's signature verifies and that
/// the summary describes those bytes, so an edited file is refused before the provider pays a fee to submit it.
public struct ComputeReceiptFile: Equatable, Sendable {
    public static let version = 1

    public let signed: SignedComputeReceipt

    public init(signed: SignedComputeReceipt) { self.signed = signed }

    public var json: JSONValue { SignedFile.json(version: Self.version, summary: Self.json(signed), member: "receipt", signed: signed) }

    /// The receipt's fields, readable: the `summary` of the file and of `--json` output.
    public static func json(_ signed: SignedComputeReceipt) -> JSONValue {
        let receipt = signed.receipt
        return .object([
            ("chain_id", .string(receipt.chainId)),
            ("job_id", .string(receipt.jobId.hex)),
            ("consumer", .string(receipt.consumerAddress.text)),
            ("provider", .string(receipt.provider.text)),
            ("epoch", .uint(receipt.epoch)),
            ("workload", .string(receipt.workload)),
            ("model_hash", .string(receipt.modelHash.hex)),
            ("input_hash", .string(receipt.inputHash.hex)),
            ("output_hash", .string(receipt.outputHash.hex)),
            ("units", .uint(receipt.units)),
            ("quality", .uint(UInt64(receipt.quality))),
            ("price", .string("\(Tokens.format(receipt.price)) \(Tokens.symbol)")),
            ("price_base_units", .string(String(receipt.price))),
        ])
    }

    /// Label/value lines for the terminal.
    public static func lines(_ receipt: ComputeReceipt) -> [(String, String)] {
        [
            ("job id", receipt.jobId.hex),
            ("consumer", receipt.consumerAddress.text),
            ("provider", receipt.provider.text),
            ("epoch", String(receipt.epoch)),
            ("workload", receipt.workload),
            ("model hash", receipt.modelHash.hex),
            ("input hash", receipt.inputHash.hex),
            ("output hash", receipt.outputHash.hex),
            ("units", String(receipt.units)),
            ("quality", "\(receipt.quality) / \(ComputeReceipt.maxQualityScore)"),
            ("price", "\(Tokens.format(receipt.price)) \(Tokens.symbol) (\(receipt.price) base units)"),
        ]
    }

    /// Writes the file atomically (mode 0644); an existing file is kept unless `overwrite`.
    public func write(to path: String, overwrite: Bool) throws(ComputeReceiptFileError) {
        do { try SignedFile.write(json, to: path, overwrite: overwrite) } catch { throw .file(error) }
    }

    public static func read(_ path: String) throws(ComputeReceiptFileError) -> ComputeReceiptFile {
        let bytes: Bytes
        do { bytes = try FileSystem.read(path) } catch { throw .file(error) }
        return try ComputeReceiptFile(parsing: bytes, path: path)
    }

    public init(parsing bytes: Bytes, path: String) throws(ComputeReceiptFileError) {
        signed = try SignedFile.parse(
            bytes, version: Self.version, member: "receipt", noun: "a signed compute receipt", badSignature: "the consumer's signature does not verify: the receipt was altered after signing",
            verifies: { (value: SignedComputeReceipt) in value.hasValidSignature }, summary: Self.json,
            invalid: { ComputeReceiptFileError.invalid(path: path, reason: $0) })
    }
}

/// Why a compute-receipt file cannot be written, read or trusted.
public enum ComputeReceiptFileError: Error, Equatable, CustomStringConvertible {
    case file(FileSystemError)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case let .file(error): return "\(error)"
        case let .invalid(path, reason): return "compute receipt file \(path) is refused: \(reason); ask the consumer to sign it again"
        }
    }
}
