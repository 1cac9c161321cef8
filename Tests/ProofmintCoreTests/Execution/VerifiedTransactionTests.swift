import ProofmintCore
import ProofmintCrypto
import ProofmintTestSupport
import XCTest

/// A transaction's signature is checked once on the node that makes the block (issue 14, point 2): admission returns a
/// `VerifiedTransaction`, and a block built from those is the block built from the same transactions checked again.
final class VerifiedTransactionTests: XCTestCase {
    private func chain() throws -> TestChain {
        try TestChain(validators: ["validator-a"], users: [("alice", 1_000 * Tokens.one), ("bob", 10 * Tokens.one)])
    }

    func testOnlyAValidSignatureMakesAVerifiedTransaction() throws {
        let chain = try chain()
        let transfer = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("bob"), amount: Tokens.one)
        XCTAssertEqual(VerifiedTransaction(verifying: transfer)?.signed, transfer)
        var forged = transfer.signature
        forged[0] ^= 1
        XCTAssertNil(VerifiedTransaction(verifying: SignedTransaction(transaction: transfer.transaction, signature: forged)))
        var edited = transfer.transaction
        edited.fee += 1
        XCTAssertNil(VerifiedTransaction(verifying: SignedTransaction(transaction: edited, signature: transfer.signature)))
    }

    func testAdmissionReturnsTheTransactionVerifiedAndRefusesABadSignature() throws {
        let chain = try chain()
        let transfer = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("bob"), amount: Tokens.one)
        let admitted = try StateTransition.checkAdmission(transfer, state: chain.store, nextHeight: 1, chainId: chain.chainId)
        XCTAssertEqual(admitted.signed, transfer)
        var forged = transfer.signature
        forged[5] ^= 1
        XCTAssertThrowsError(
            try StateTransition.checkAdmission(
                SignedTransaction(transaction: transfer.transaction, signature: forged), state: chain.store, nextHeight: 1,
                chainId: chain.chainId)
        ) { error in
            XCTAssertEqual(error as? TransactionError, .badSignature)
        }
    }

    /// The producer's path (signatures checked at admission) and the checking path give the same block, and the block
    /// passes `apply`, which checks every signature again as any other node would.
    func testAProposalFromVerifiedTransactionsIsTheCheckedProposal() throws {
        let chain = try chain()
        let alice = TestKeys.key("alice")
        let transactions = (0..<3).map { chain.transfer(from: alice, to: TestKeys.address("bob"), amount: Tokens.one, nonce: UInt64($0)) }
        let verified = try transactions.map { try XCTUnwrap(VerifiedTransaction(verifying: $0)) }
        let producer = chain.producerKey(at: 1)
        let beacon = try BlockBeacon.prove(chainId: chain.chainId, height: 1, producer: producer)
        let parent = chain.genesisBlock.header
        let fast = try StateTransition.propose(verified: verified, parent: parent, timestamp: parent.timestamp + 1_000, beacon: beacon, state: chain.store)
        let checked = try StateTransition.propose(
            candidates: transactions, parent: parent, timestamp: parent.timestamp + 1_000, beacon: beacon, state: chain.store)
        XCTAssertEqual(fast.header, checked.header)
        XCTAssertEqual(fast.transactions, transactions)
        let block = Block.sign(header: fast.header, transactions: fast.transactions, producer: producer)
        XCTAssertEqual(try chain.apply(block).stateRoot, fast.header.stateRoot)
    }
}
