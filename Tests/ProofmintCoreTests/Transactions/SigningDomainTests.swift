import ProofmintCore
import ProofmintTestSupport
import XCTest

/// A signature commits to its domain, its chain and every field of what it signs.
final class SigningDomainTests: XCTestCase {
    let alice = TestKeys.key("alice")

    var transaction: Transaction {
        Transaction(
            chainId: "proofmint-test", sender: alice.publicKey, nonce: 7, fee: Tokens.one / 1000, expiry: 100,
            payload: .transfer(Transfer(recipient: TestKeys.address("bob"), amount: 5 * Tokens.one, memo: Array("inv-1".utf8))))
    }

    func testTagsAreDistinctAndTerminated() {
        XCTAssertEqual(SigningDomain.transaction.tag, Array("proofmint/tx/v1".utf8) + [0])
        XCTAssertEqual(SigningDomain.blockHeader.tag, Array("proofmint/block/v1".utf8) + [0])
        XCTAssertFalse(SigningDomain.blockHeader.tag.starts(with: SigningDomain.transaction.tag))
        XCTAssertFalse(SigningDomain.transaction.tag.starts(with: SigningDomain.blockHeader.tag))
        XCTAssertEqual(transaction.signingMessage, SigningDomain.transaction.tag + transaction.canonicalBytes)
    }

    func testTransactionSignatureDoesNotVerifyInAnotherDomain() {
        let signed = transaction.signed(by: alice)
        XCTAssertTrue(signed.hasValidSignature())
        XCTAssertTrue(alice.publicKey.isValidSignature(signed.signature, for: transaction.signingMessage))
        XCTAssertFalse(alice.publicKey.isValidSignature(signed.signature, for: SigningDomain.blockHeader.message(transaction.canonicalBytes)))
        XCTAssertFalse(alice.publicKey.isValidSignature(signed.signature, for: transaction.canonicalBytes), "no domain at all")

        // The other way round: a producer's header signature is not a transaction signature.
        let header = BlockHeader(
            chainId: "proofmint-test", height: 1, parentHash: .zero, timestamp: 0, transactionRoot: .zero,
            receiptRoot: .zero, stateRoot: .zero, transactionCount: 0, producer: alice.publicKey.bytes,
            beacon: BlockHeader.genesisBeacon)
        let block = Block.sign(header: header, transactions: [], producer: alice)
        XCTAssertTrue(alice.publicKey.isValidSignature(block.signature, for: header.signingMessage))
        XCTAssertFalse(alice.publicKey.isValidSignature(block.signature, for: SigningDomain.transaction.message(header.canonicalBytes)))
        XCTAssertEqual(header.signingMessage, SigningDomain.blockHeader.tag + header.canonicalBytes)
    }

    /// Changing any field, the chain id included, invalidates the signature (and changes the id).
    func testEveryFieldIsSigned() throws {
        let signed = transaction.signed(by: alice)
        var variants = [(String, Transaction)]()
        func variant(_ name: String, _ edit: (inout Transaction) -> Void) {
            var tx = transaction
            edit(&tx)
            variants.append((name, tx))
        }
        func editTransfer(_ edit: @escaping (inout Transfer) -> Void) -> (inout Transaction) -> Void {
            { tx in
                guard case var .transfer(transfer) = tx.payload else { return }
                edit(&transfer)
                tx.payload = .transfer(transfer)
            }
        }
        variant("chain id") { $0.chainId = "proofmint-test2" }
        variant("sender") { $0.sender = TestKeys.key("mallory").publicKey }
        variant("nonce") { $0.nonce += 1 }
        variant("fee") { $0.fee += 1 }
        variant("expiry") { $0.expiry = 101 }
        variant("no expiry") { $0.expiry = nil }
        variant("recipient", editTransfer { $0.recipient = TestKeys.address("carol") })
        variant("amount", editTransfer { $0.amount += 1 })
        variant("memo", editTransfer { $0.memo = Array("inv-2".utf8) })
        variant("no memo", editTransfer { $0.memo = [] })
        for (name, tx) in variants {
            XCTAssertNotEqual(tx.canonicalBytes, transaction.canonicalBytes, name)
            XCTAssertNotEqual(tx.id, transaction.id, name)
            XCTAssertFalse(SignedTransaction(transaction: tx, signature: signed.signature).hasValidSignature(), "\(name) change kept the signature valid")
        }
        // The kind tag: the same bytes under another tag are a different message.
        var bytes = transaction.signingMessage
        let tagOffset = SigningDomain.transaction.tag.count + transaction.canonicalBytes.count - (20 + 16 + 4 + 5) - 1
        XCTAssertEqual(bytes[tagOffset], Payload.Kind.transfer.rawValue)
        bytes[tagOffset] = 2
        XCTAssertFalse(alice.publicKey.isValidSignature(signed.signature, for: bytes))
    }

    func testIdIsIndependentOfTheSignature() {
        let signed = transaction.signed(by: alice)
        XCTAssertEqual(signed.id, transaction.id)
        XCTAssertEqual(signed.id.bytes, Blake2b.hash256(transaction.canonicalBytes))
        let resigned = SignedTransaction(transaction: transaction, signature: Bytes(repeating: 0, count: 64))
        XCTAssertEqual(resigned.id, signed.id)
        XCTAssertFalse(resigned.hasValidSignature())
    }

    /// The witness hash (what the transaction root commits to) covers the signature: a block hash pins the exact
    /// signed bytes, not just the transaction.
    func testWitnessHashCoversTheSignature() {
        let signed = transaction.signed(by: alice)
        XCTAssertEqual(signed.witnessHash.bytes, Blake2b.hash256(transaction.canonicalBytes + signed.signature))
        XCTAssertEqual(signed.witnessHash.bytes, Blake2b.hash256(signed.canonicalBytes))
        let other = SignedTransaction(transaction: transaction, signature: Bytes(repeating: 0, count: 64))
        XCTAssertNotEqual(other.witnessHash, signed.witnessHash)
        XCTAssertNotEqual(Block.transactionRoot([other]), Block.transactionRoot([signed]))
        XCTAssertEqual(Block.transactionRoot([signed]), MerkleList.root([signed.witnessHash]))
        XCTAssertEqual(signed.encodedSize, signed.canonicalBytes.count)
    }
}
