import ProofmintCore
import ProofmintRPC
import XCTest

/// A receipt stores only its code; its name and message at the RPC edge come from the core's one error table.
final class ReceiptViewTests: XCTestCase {
    func testAFailureCodeTakesItsNameAndMessageFromTheCoreTable() throws {
        let receipt = Receipt(transactionId: .zero, code: 151, feeCharged: 1000, events: [])
        let view = ReceiptView(receipt)
        XCTAssertEqual(view.status, "treasury_insufficient")
        XCTAssertEqual(view.message, TransactionErrorCode.treasuryInsufficient.message)
        XCTAssertEqual(view.failureText, "treasury_insufficient (code 151): the spend's source module account holds less than the spend")
        XCTAssertFalse(view.succeeded)

        let json = view.json
        XCTAssertEqual(json["code"], .number("151"))
        XCTAssertEqual(json["fee_charged"], .string("1000"))
        XCTAssertEqual(try ReceiptView(json: json), view)
    }

    func testSuccessHasNoMessage() {
        let view = ReceiptView(Receipt(transactionId: .zero, code: 0, feeCharged: 5, events: []))
        XCTAssertEqual(view.status, "ok")
        XCTAssertNil(view.message)
        XCTAssertEqual(view.json["message"], .null)
    }
}
