import ProofmintCore

/// An offline-signed transaction on disk, carried from a signing machine to one that can reach a node:
/// `{"version":1,"chain_id","id","sender","summary":{…},"tx":"<hex of the canonical signed transaction>"}`.
///
/// Only `tx` is authoritative. Reading checks that it decodes, that the signature verifies, and that the id, chain id,
/// sender and summary beside it all describe those bytes, so an edited file is refused rather than half-believed.
public struct SignedTransactionFile: Equatable, Sendable {
    public static let version = 1

    public let transaction: SignedTransaction

    public init(transaction: SignedTransaction) { self.transaction = transaction }

    public var json: JSONValue {
        .object([
            ("version", .int(Self.version)),
            ("chain_id", .string(transaction.transaction.chainId)),
            ("id", .string(transaction.id.hex)),
            ("sender", .string(transaction.transaction.senderAddress.text)),
            ("summary", TransactionSummary.json(transaction.transaction)),
            ("tx", .string(transaction.canonicalBytes.hex)),
        ])
    }

    public var encoded: Bytes { Array((json.prettyText + "\n").utf8) }

    /// Writes the file atomically (mode 0644); an existing file is kept unless `overwrite`.
    public func write(to path: String, overwrite: Bool) throws(SignedTransactionFileError) {
        do {
            try FileSystem.writeAtomically(encoded, to: path, permissions: 0o644, overwrite: overwrite)
        } catch {
            throw .file(error)
        }
    }

    /// Reads and fully re-validates a file written by `write(to:overwrite:)`.
    public static func read(_ path: String) throws(SignedTransactionFileError) -> SignedTransactionFile {
        let bytes: Bytes
        do {
            bytes = try FileSystem.read(path)
        } catch {
            throw .file(error)
        }
        return try SignedTransactionFile(parsing: bytes, path: path)
    }

    public init(parsing bytes: Bytes, path: String) throws(SignedTransactionFileError) {
        func invalid(_ reason: String) -> SignedTransactionFileError { .invalid(path: path, reason: reason) }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw invalid(bytes.isEmpty ? "the file is empty" : "\(error) (truncated or edited?)")
        }
        let signed: SignedTransaction
        do {
            let root = try JSONObjectReader(document, path: "")
            let version = try root.value("version")
            guard version.intValue == Self.version else {
                throw invalid("version \(version.compactText) is not supported (expected \(Self.version))")
            }
            guard let raw = Bytes(hex: try root.string("tx")) else { throw invalid("'tx' is not hex") }
            do {
                signed = try SignedTransaction(canonical: raw)
            } catch {
                throw invalid("'tx' does not decode as a signed transaction: \(error)")
            }
            guard signed.hasValidSignature() else {
                throw invalid("the signature does not verify: the transaction bytes were altered after signing")
            }
            let id = try root.string("id")
            guard id.lowercased() == signed.id.hex else {
                throw invalid("'id' is \(id) but the transaction's id is \(signed.id.hex)")
            }
            let chainId = try root.string("chain_id")
            guard chainId == signed.transaction.chainId else {
                throw invalid("'chain_id' is '\(chainId)' but the transaction is for chain '\(signed.transaction.chainId)'")
            }
            let sender = try root.string("sender")
            guard sender == signed.transaction.senderAddress.text else {
                throw invalid("'sender' is \(sender) but the transaction is signed by \(signed.transaction.senderAddress.text)")
            }
            guard try root.value("summary") == TransactionSummary.json(signed.transaction) else {
                throw invalid("'summary' does not describe the signed transaction (was it edited?)")
            }
        } catch let error as SignedTransactionFileError {
            throw error
        } catch {
            throw invalid("\(error)")
        }
        self.transaction = signed
    }
}
