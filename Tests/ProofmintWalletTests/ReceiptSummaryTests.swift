import ProofmintCore
import XCTest

@testable import ProofmintWallet

/// A receipt from a node that sends only the code still reads with the core table's name and message.
final class ReceiptSummaryTests: XCTestCase {
    func testABareCodeTakesItsNameAndMessageFromTheCoreTable() throws {
        let receipt = try ReceiptSummary(json: .object([("code", .int(151)), ("fee_charged", .string("1000"))]), path: "receipt")
        XCTAssertEqual(receipt.status, "treasury_insufficient")
        XCTAssertEqual(receipt.message, TransactionErrorCode.treasuryInsufficient.message)
        XCTAssertEqual(receipt.failureText, "treasury_insufficient (code 151): the treasury holds less than the spend")

        let unknown = try ReceiptSummary(json: .object([("code", .int(777))]), path: "receipt")
        XCTAssertEqual(unknown.status, "unknown_777")
        XCTAssertEqual(unknown.message, "transaction error unknown_777")
    }
}
