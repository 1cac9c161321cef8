@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// A `submit-proof`'s receipt signature is checked ahead of execution with the transaction's own (`SignatureCheck`,
/// on every core in `SignatureBatch`, once at admission in `VerifiedTransaction`), and execution reports the same
/// first failure either way (issue 14, points 2 and 4).
extension ProofOfComputeTests {
    /// A valid submit-proof, one whose receipt was signed for another price, one whose own signature is forged too,
    /// and a transfer, forged and not.
    private func signatureCases(_ chain: TestChain) -> (valid: SignedTransaction, badReceipt: SignedTransaction, bothBad: SignedTransaction, transfer: SignedTransaction, forgedTransfer: SignedTransaction) {
        let valid = chain.submitProof(from: bob, chain.receipt(consumer: carol, provider: address(bob)))
        var forged = chain.receipt(consumer: carol, provider: address(bob))
        forged.receipt.price += 1
        let badReceipt = chain.submitProof(from: bob, forged)
        let bothBad = SignedTransaction(transaction: badReceipt.transaction, signature: valid.signature)
        let transfer = chain.transfer(from: alice, to: address(dave), amount: 1)
        let forgedTransfer = SignedTransaction(transaction: transfer.transaction, signature: valid.signature)
        return (valid, badReceipt, bothBad, transfer, forgedTransfer)
    }

    func testSignatureCheckCoversTheReceiptOnlyBehindAValidTransactionSignature() throws {
        let chain = try stakedChain()
        let cases = signatureCases(chain)
        XCTAssertEqual(SignatureCheck(checking: cases.valid), .valid)
        XCTAssertEqual(SignatureCheck(checking: cases.badReceipt), SignatureCheck(transaction: true, receipt: false))
        XCTAssertEqual(SignatureCheck(checking: cases.bothBad), SignatureCheck(transaction: false, receipt: true),
                       "a forged transaction is refused before its receipt is looked at")
        XCTAssertEqual(SignatureCheck(checking: cases.transfer), .valid)
        XCTAssertEqual(SignatureCheck(checking: cases.forgedTransfer), SignatureCheck(transaction: false, receipt: true))
        XCTAssertFalse(SignatureCheck(checking: cases.badReceipt).allValid)
    }

    func testSignatureBatchChecksReceiptsOnEveryCoreWithTheSequentialAnswers() throws {
        let chain = try stakedChain()
        let cases = signatureCases(chain)
        let pool = [cases.valid, cases.badReceipt, cases.bothBad, cases.transfer, cases.forgedTransfer]
        // 64 or more take the parallel path.
        let transactions = (0..<100).map { pool[($0 * 7) % pool.count] }
        XCTAssertEqual(SignatureBatch.verify(transactions), transactions.map(SignatureCheck.init(checking:)))
        XCTAssertEqual(SignatureBatch.verify(Array(transactions.prefix(5))), transactions.prefix(5).map(SignatureCheck.init(checking:)))
    }

    func testABadReceiptSignatureIsNeverAVerifiedTransaction() throws {
        let chain = try stakedChain()
        let cases = signatureCases(chain)
        XCTAssertNotNil(VerifiedTransaction(verifying: cases.valid))
        XCTAssertNil(VerifiedTransaction(verifying: cases.badReceipt), "the producer would not check the receipt again")
        XCTAssertNil(VerifiedTransaction(verifying: cases.bothBad))
        XCTAssertThrowsError(try StateTransition.checkAdmission(
            cases.badReceipt, state: chain.store, nextHeight: chain.nextHeight, chainId: chain.chainId)) { error in
            XCTAssertEqual(error as? TransactionError, .receiptBadSignature)
        }
        XCTAssertThrowsError(try StateTransition.checkAdmission(
            cases.bothBad, state: chain.store, nextHeight: chain.nextHeight, chainId: chain.chainId)) { error in
            XCTAssertEqual(error as? TransactionError, .badSignature)
        }
    }

    /// A block holding a bad receipt signature is refused with the same error whether its checks were made ahead (as
    /// the importer and the replayer make them) or during execution, and the ahead-of-time flags are what execution
    /// reads: flags that call the receipt valid let the block through (which is why only checks made from the block's
    /// own bytes are ever passed in).
    func testPrecomputedReceiptChecksGiveTheSameVerdictAsExecution() throws {
        let chain = try stakedChain()
        let cases = signatureCases(chain)
        for (tx, expected) in [(cases.badReceipt, TransactionError.receiptBadSignature), (cases.bothBad, .badSignature)] {
            let block = chain.rawBlock([tx])
            let ahead = SignatureBatch.verify(block.transactions)
            for signatures in [nil, ahead] {
                XCTAssertThrowsError(try StateTransition.apply(block, parent: chain.head, state: chain.store, signatures: signatures)) { error in
                    XCTAssertEqual(error as? BlockError, .invalidTransaction(index: 0, id: tx.id, error: expected))
                }
            }
        }
        // Execution reads the flags it is given and does not check the receipt a second time.
        let lying = chain.rawBlock([cases.badReceipt])
        let outcome = try StateTransition.execute(lying, parent: chain.head, state: chain.store, signatures: [.valid])
        XCTAssertEqual(outcome.receipts.map(\.code), [0])
    }
}
