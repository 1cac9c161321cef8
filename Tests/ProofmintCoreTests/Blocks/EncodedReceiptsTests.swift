import ProofmintCore
import ProofmintTestSupport
import XCTest

/// A block's receipts encoded once stand for the three encodings they replace: the stored list, each receipt's own
/// bytes (the index's spans) and the receipt root.
final class EncodedReceiptsTests: XCTestCase {
    private func receipts(_ count: Int) -> [Receipt] {
        (0..<count).map { index in
            let events: [Event] = index % 3 == 0 ? [] : [
                .feePaid(payer: TestKeys.address("a\(index)"), total: 1000, burned: 400, rewardPool: 300, treasury: 200, liquidity: 100),
                .transfer(from: TestKeys.address("a\(index)"), to: TestKeys.address("b"), amount: UInt128(index) << 70),
            ]
            return Receipt(transactionId: Hash32.digest([UInt8(index & 0xff), UInt8(index >> 8)]), code: UInt16(index % 4), feeCharged: Amount(index), events: events)
        }
    }

    func testTheBytesAreTheStoredListAndEachSpanIsItsReceipt() throws {
        for count in [0, 1, 2, 7, 300] {
            let receipts = receipts(count)
            let encoded = EncodedReceipts(receipts)
            XCTAssertEqual(encoded.bytes, ReceiptList(receipts).canonicalBytes, "\(count) receipts")
            XCTAssertEqual(encoded.spans.count, count)
            for (receipt, span) in zip(receipts, encoded.spans) {
                XCTAssertEqual(Array(encoded.bytes[span]), receipt.canonicalBytes)
            }
            XCTAssertEqual(encoded.spans.first?.lowerBound ?? 4, 4, "the first receipt follows the u32 count")
            XCTAssertEqual(encoded.spans.last?.upperBound ?? 4, encoded.bytes.count)
        }
    }

    func testTheRootIsTheReceiptRoot() {
        for count in [0, 1, 2, 3, 64, 65] {
            let receipts = receipts(count)
            XCTAssertEqual(EncodedReceipts(receipts).root, Block.receiptRoot(receipts), "\(count) receipts")
            // Written out from the definition, independently of either.
            XCTAssertEqual(EncodedReceipts(receipts).root, MerkleList.root(receipts.map { Hash32.digest($0.canonicalBytes) }), "\(count) receipts")
        }
        XCTAssertEqual(EncodedReceipts([]).root, .zero)
    }

    func testAnOutcomeEncodesItsReceiptsWhenNotGivenThem() {
        let receipts = receipts(5)
        let outcome = BlockOutcome(header: CanonicalCodecTests.header, stateWrites: [], treeNodes: [], receipts: receipts)
        XCTAssertEqual(outcome.encodedReceipts, EncodedReceipts(receipts))
    }
}
