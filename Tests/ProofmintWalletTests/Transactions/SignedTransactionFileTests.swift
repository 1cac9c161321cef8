import Foundation
import XCTest
@testable import ProofmintWallet

final class SignedTransactionFileTests: XCTestCase {
    let temporary = TemporaryDirectory()

    override func tearDown() { temporary.remove() }

    private func signed(memo: String = "invoice 7") throws -> SignedTransaction {
        let request = TransferRequest(
            chainId: "proofmint-devnet", recipient: try DevAccounts.address(index: 1), amount: try WalletInput.amount("2.5AI"),
            fee: WalletInput.defaultFee, memo: try WalletInput.memo(memo), nonce: 4, expiry: 100)
        return request.signed(by: try DevAccounts.key(index: 0))
    }

    private func write(_ text: String, name: String = "tx.json") throws -> String {
        let path = temporary.file(name)
        try FileSystem.writeAtomically(Array(text.utf8), to: path, permissions: 0o644, overwrite: true)
        return path
    }

    func testRoundTrip() throws {
        let transaction = try signed()
        let path = temporary.file("pay.json")
        try SignedTransactionFile(transaction: transaction).write(to: path, overwrite: false)
        let read = try SignedTransactionFile.read(path)
        XCTAssertEqual(read.transaction, transaction)
        XCTAssertTrue(read.transaction.hasValidSignature())

        let document = try JSONParser.parse(try FileSystem.read(path))
        XCTAssertEqual(document["version"]?.intValue, 1)
        XCTAssertEqual(document["chain_id"]?.stringValue, "proofmint-devnet")
        XCTAssertEqual(document["id"]?.stringValue, transaction.id.hex)
        XCTAssertEqual(document["sender"]?.stringValue, try DevAccounts.address(index: 0).text)
        XCTAssertEqual(document["summary"]?["amount"]?.stringValue, "2.5 AI")
        XCTAssertEqual(document["summary"]?["memo"]?.stringValue, "invoice 7")
        XCTAssertEqual(document["summary"]?["expiry"]?.uint64Value, 100)
        XCTAssertEqual(document["tx"]?.stringValue, transaction.canonicalBytes.hex)
    }

    func testExistingFileIsKeptWithoutOverwrite() throws {
        let path = try write("keep me")
        XCTAssertThrowsError(try SignedTransactionFile(transaction: try signed()).write(to: path, overwrite: false)) { error in
            XCTAssertEqual(error as? SignedTransactionFileError, .file(.alreadyExists(path: path)))
        }
        XCTAssertEqual(String(decoding: try FileSystem.read(path), as: UTF8.self), "keep me")
    }

    private func assertRejected(_ text: String, containing expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try write(text)
        XCTAssertThrowsError(try SignedTransactionFile.read(path), file: file, line: line) { error in
            guard case let .invalid(reportedPath, reason)? = error as? SignedTransactionFileError else {
                return XCTFail("unexpected error \(error)", file: file, line: line)
            }
            XCTAssertEqual(reportedPath, path, file: file, line: line)
            XCTAssertTrue(reason.contains(expected), "'\(reason)' should mention '\(expected)'", file: file, line: line)
        }
    }

    func testTamperedFilesAreRejected() throws {
        let transaction = try signed()
        let original = SignedTransactionFile(transaction: transaction).json.prettyText
        let hex = transaction.canonicalBytes.hex

        // Any changed byte inside the signed body breaks the signature.
        var body = Array(hex)
        let position = hex.count / 2
        body[position] = body[position] == "0" ? "1" : "0"
        try assertRejected(original.replacingOccurrences(of: hex, with: String(body)), containing: "signature does not verify")

        // A human field edited to mislead is caught too.
        try assertRejected(original.replacingOccurrences(of: "\"2.5 AI\"", with: "\"0.5 AI\""), containing: "summary")
        try assertRejected(original.replacingOccurrences(of: transaction.id.hex, with: String(repeating: "0", count: 64)), containing: "'id'")
        try assertRejected(original.replacingOccurrences(of: "\"chain_id\": \"proofmint-devnet\"", with: "\"chain_id\": \"mainnet\""), containing: "chain")
        try assertRejected(original.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2"), containing: "version")

        // Truncations: inside the JSON, and of the hex itself (still valid JSON).
        try assertRejected(String(original.prefix(original.count - 40)), containing: "invalid JSON")
        try assertRejected(original.replacingOccurrences(of: hex, with: String(hex.dropLast(2))), containing: "does not decode")
        try assertRejected(original.replacingOccurrences(of: hex, with: "zz" + hex.dropFirst(2)), containing: "not hex")
        try assertRejected("", containing: "empty")
        try assertRejected("[]", containing: "JSON object")
    }

    func testMissingFileNamesThePath() {
        let path = temporary.file("absent.json")
        XCTAssertThrowsError(try SignedTransactionFile.read(path)) { error in
            XCTAssertEqual(error as? SignedTransactionFileError, .file(.notFound(path: path)))
        }
    }

    func testSummaryShowsNonTextMemoAsHex() throws {
        let request = TransferRequest(
            chainId: "c", recipient: Address(module: "treasury"), amount: 1, memo: [0x00, 0xff], nonce: 0)
        let summary = TransactionSummary.json(request.signed(by: try DevAccounts.key(index: 0)).transaction)
        XCTAssertEqual(summary["memo"]?.stringValue, "0x00ff")
        XCTAssertEqual(summary["amount"]?.stringValue, "0.000000000000000001 AI")
        XCTAssertEqual(summary["fee"]?.stringValue, "0.001 AI")
    }
}
