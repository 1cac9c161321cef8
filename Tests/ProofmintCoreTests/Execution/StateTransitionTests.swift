@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The transfer rules and the block checks of `StateTransition`, on an in-memory devnet built from a genesis file.
final class StateTransitionTests: XCTestCase {
    let alice = TestKeys.key("alice"), bob = TestKeys.key("bob"), carol = TestKeys.key("carol")
    let dave = TestKeys.key("dave")  // never funded
    var chain: TestChain!

    override func setUpWithError() throws {
        chain = try TestChain()
    }

    func address(_ key: Ed25519.PrivateKey) -> Address { Address(publicKey: key.publicKey) }

    /// floor(x × bps / 10 000) for the small fees used here, computed directly (no overflow below 2^114).
    func share(_ fee: Amount, _ bps: Amount) -> Amount { fee * bps / 10_000 }

    // MARK: - Valid transfers

    func testValidTransferMovesAmountAndSplitsFee() throws {
        let fee = Tokens.one / 1000 * 3 + 7  // an odd fee so the split rounds
        let amount = 12 * Tokens.one + Tokens.one / 2
        let pool = ModuleAccount.rewardPool.address, treasury = ModuleAccount.treasury.address, liquidity = ModuleAccount.liquidity.address
        let before = (alice: chain.balance(address(alice)), bob: chain.balance(address(bob)), totals: chain.totals())
        XCTAssertEqual(before.totals, ChainTotals(issued: 1750 * Tokens.one, burned: 0, feesPaid: 0))

        let tx = chain.transfer(from: alice, to: address(bob), amount: amount, fee: fee)
        let (block, outcome, dropped) = try chain.produce([tx])
        XCTAssertTrue(dropped.isEmpty)
        XCTAssertEqual(block.transactions, [tx])
        XCTAssertEqual(block.header.transactionCount, 1)

        let burn = share(fee, 4000), poolShare = share(fee, 3000), liquidityShare = share(fee, 1000)
        let treasuryShare = fee - burn - poolShare - liquidityShare
        // Exact shares of 3·10^15 + 7: burn …2.8, pool …2.1, treasury …1.4, liquidity …0.7. The treasury takes the
        // rest, …1.4 + 0.8 + 0.1 + 0.7 = …3: its own floor plus 2 units of dust.
        XCTAssertEqual(treasuryShare, share(fee, 2000) + 2, "the rounding dust goes to the treasury")
        XCTAssertEqual(chain.balance(address(alice)), before.alice - amount - fee)
        XCTAssertEqual(chain.balance(address(bob)), before.bob + amount)
        XCTAssertEqual(chain.balance(pool), poolShare)
        XCTAssertEqual(chain.balance(treasury), treasuryShare)
        XCTAssertEqual(chain.balance(liquidity), liquidityShare)
        XCTAssertEqual(chain.totals(), ChainTotals(issued: before.totals.issued, burned: burn, feesPaid: fee))
        XCTAssertEqual(chain.nonce(address(alice)), 1)
        XCTAssertEqual(chain.nonce(address(bob)), 0)
        XCTAssertEqual(chain.totals().supply, chain.sumOfBalances())

        XCTAssertEqual(outcome.receipts, [Receipt(
            transactionId: tx.id, code: 0, feeCharged: fee,
            events: [
                .feePaid(payer: address(alice), total: fee, burned: burn, rewardPool: poolShare, treasury: treasuryShare, liquidity: liquidityShare),
                .transfer(from: address(alice), to: address(bob), amount: amount),
            ])])
        XCTAssertEqual(block.header.receiptRoot, Block.receiptRoot(outcome.receipts))
        XCTAssertEqual(block.header.stateRoot, ReferenceTree.root(values: chain.store.values))
        XCTAssertEqual(chain.store.nodes, ReferenceTree.nodes(ReferenceTree.entries(values: chain.store.values)))
    }

    func testSequentialNoncesInOneBlockAndNewAccounts() throws {
        let txs = (0..<3).map { chain.transfer(from: alice, to: address(dave), amount: Tokens.one, nonce: UInt64($0)) }
        let (block, outcome, dropped) = try chain.produce(txs)
        XCTAssertTrue(dropped.isEmpty)
        XCTAssertEqual(block.transactions.count, 3)
        XCTAssertEqual(outcome.receipts.map(\.code), [0, 0, 0])
        XCTAssertEqual(chain.nonce(address(alice)), 3)
        XCTAssertEqual(chain.account(address(dave)), Account(nonce: 0, balance: 3 * Tokens.one))
        // dave can now spend.
        try chain.produce([chain.transfer(from: dave, to: address(bob), amount: Tokens.one)])
        XCTAssertEqual(chain.account(address(dave)), Account(nonce: 1, balance: 2 * Tokens.one - chain.parameters.minFee))
    }

    func testTransferToSelfOnlyCostsTheFee() throws {
        let before = chain.balance(address(alice))
        let (_, outcome, _) = try chain.produce([chain.transfer(from: alice, to: address(alice), amount: 100 * Tokens.one)])
        XCTAssertEqual(outcome.receipts.first?.code, 0)
        XCTAssertEqual(chain.balance(address(alice)), before - chain.parameters.minFee)
        XCTAssertEqual(chain.totals().supply, chain.sumOfBalances())
    }

    func testSpendingTheWholeBalanceKeepsTheNonce() throws {
        let fee = chain.parameters.minFee
        let all = chain.balance(address(carol))
        try chain.produce([chain.transfer(from: carol, to: address(bob), amount: all - fee, fee: fee)])
        XCTAssertEqual(chain.account(address(carol)), Account(nonce: 1, balance: 0), "a used account keeps its nonce")
        // The old nonce cannot be replayed.
        let replay = chain.transfer(from: carol, to: address(bob), amount: 1, nonce: 0)
        let (_, proposal) = try chain.propose([replay])
        XCTAssertEqual(proposal.dropped.first?.error, .nonceTooLow(expected: 1, actual: 0))
    }

    func testExpiryAtTheCurrentHeightIsStillValid() throws {
        let tx = chain.transfer(from: alice, to: address(bob), amount: 1, expiry: chain.nextHeight)
        let (_, outcome, dropped) = try chain.produce([tx])
        XCTAssertTrue(dropped.isEmpty)
        XCTAssertEqual(outcome.receipts.count, 1)
    }

    // MARK: - Admission errors

    /// `propose` drops the transaction with exactly `expected` and changes nothing; `apply` refuses a block holding it
    /// (alone, or after a valid one) with `invalidTransaction` carrying the same error.
    func assertInadmissible(
        _ tx: SignedTransaction, _ expected: TransactionError, on chain: TestChain? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let chain = chain ?? self.chain!
        let (_, proposal) = try chain.propose([tx])
        XCTAssertTrue(proposal.transactions.isEmpty, "included", file: file, line: line)
        XCTAssertEqual(proposal.dropped.count, 1, file: file, line: line)
        XCTAssertEqual(proposal.dropped.first?.transaction, tx, file: file, line: line)
        XCTAssertEqual(proposal.dropped.first?.error, expected, file: file, line: line)
        // The block still folds its beacon into the randomness mix; nothing else may be written.
        let (_, empty) = try chain.propose([])
        XCTAssertEqual(proposal.outcome.stateWrites.map { $0.key }, [.randomnessMix], "a dropped transaction left writes", file: file, line: line)
        XCTAssertEqual(proposal.outcome.stateRoot, empty.outcome.stateRoot, file: file, line: line)
        XCTAssertTrue(expected.isAdmissionError, file: file, line: line)

        XCTAssertThrowsError(try StateTransition.apply(chain.rawBlock([tx]), parent: chain.head, state: chain.store), file: file, line: line) { error in
            XCTAssertEqual(error as? BlockError, .invalidTransaction(index: 0, id: tx.id, error: expected), file: file, line: line)
        }
        // After a valid transaction from someone else, at index 1.
        let valid = chain.transfer(from: TestKeys.key("bob"), to: TestKeys.address("zed"), amount: 1)
        XCTAssertThrowsError(try StateTransition.apply(chain.rawBlock([valid, tx]), parent: chain.head, state: chain.store), file: file, line: line) { error in
            XCTAssertEqual(error as? BlockError, .invalidTransaction(index: 1, id: tx.id, error: expected), file: file, line: line)
        }
        // A mempool admission check gives the same verdict.
        XCTAssertThrowsError(try StateTransition.checkAdmission(tx, state: chain.store, nextHeight: chain.nextHeight, chainId: chain.chainId), file: file, line: line) { error in
            XCTAssertEqual(error as? TransactionError, expected, file: file, line: line)
        }
    }

    func testBadSignature() throws {
        let good = chain.transfer(from: alice, to: address(bob), amount: 1)
        var signature = good.signature
        signature[10] ^= 0x04
        try assertInadmissible(SignedTransaction(transaction: good.transaction, signature: signature), .badSignature)
        // Signed by someone else's key.
        try assertInadmissible(good.transaction.signed(by: bob), .badSignature)
        // A signature over the transaction without the domain tag.
        try assertInadmissible(SignedTransaction(transaction: good.transaction, signature: alice.signature(for: good.transaction.canonicalBytes)), .badSignature)
    }

    func testWrongChainId() throws {
        try assertInadmissible(chain.transfer(from: alice, to: address(bob), amount: 1, chainId: "proofmint-other"),
                               .wrongChainId(expected: "proofmint-test", actual: "proofmint-other"))
    }

    func testNonceTooLowAndTooHigh() throws {
        try assertInadmissible(chain.transfer(from: alice, to: address(bob), amount: 1, nonce: 1), .nonceTooHigh(expected: 0, actual: 1))
        try chain.produce([chain.transfer(from: alice, to: address(bob), amount: 1)])
        try chain.produce([chain.transfer(from: alice, to: address(bob), amount: 1)])
        try assertInadmissible(chain.transfer(from: alice, to: address(bob), amount: 1, nonce: 0), .nonceTooLow(expected: 2, actual: 0))
        try assertInadmissible(chain.transfer(from: alice, to: address(bob), amount: 1, nonce: 1), .nonceTooLow(expected: 2, actual: 1))
        try assertInadmissible(chain.transfer(from: alice, to: address(bob), amount: 1, nonce: UInt64.max), .nonceTooHigh(expected: 2, actual: UInt64.max))
    }

    func testNonceOrderWithinABlock() throws {
        let second = chain.transfer(from: alice, to: address(bob), amount: 1, nonce: 1)
        let first = chain.transfer(from: alice, to: address(bob), amount: 1, nonce: 0)
        let (_, proposal) = try chain.propose([second, first])
        XCTAssertEqual(proposal.transactions, [first])
        XCTAssertEqual(proposal.dropped.map(\.error), [.nonceTooHigh(expected: 0, actual: 1)])
        // The same transaction twice: the second is a replay.
        let (_, twice) = try chain.propose([first, first])
        XCTAssertEqual(twice.transactions, [first])
        XCTAssertEqual(twice.dropped.map(\.error), [.nonceTooLow(expected: 1, actual: 0)])
        XCTAssertThrowsError(try StateTransition.apply(chain.rawBlock([first, first]), parent: chain.head, state: chain.store)) { error in
            XCTAssertEqual(error as? BlockError, .invalidTransaction(index: 1, id: first.id, error: .nonceTooLow(expected: 1, actual: 0)))
        }
    }

    func testExpired() throws {
        try chain.produce([])
        try chain.produce([])
        XCTAssertEqual(chain.nextHeight, 3)
        try assertInadmissible(chain.transfer(from: alice, to: address(bob), amount: 1, expiry: 2), .expired(expiry: 2, height: 3))
        try assertInadmissible(chain.transfer(from: alice, to: address(bob), amount: 1, expiry: 0), .expired(expiry: 0, height: 3))
    }

    func testFeeBelowMinimum() throws {
        let minimum = chain.parameters.minFee
        try assertInadmissible(chain.transfer(from: alice, to: address(bob), amount: 1, fee: minimum - 1), .feeTooLow(minimum: minimum, actual: minimum - 1))
        try assertInadmissible(chain.transfer(from: alice, to: address(bob), amount: 1, fee: 0), .feeTooLow(minimum: minimum, actual: 0))
    }

    func testCannotPayFee() throws {
        let fee = chain.parameters.minFee
        try assertInadmissible(chain.transfer(from: dave, to: address(bob), amount: 1, fee: fee), .cannotPayFee(balance: 0, fee: fee))
        let carolBalance = chain.balance(address(carol))
        try assertInadmissible(chain.transfer(from: carol, to: address(bob), amount: 1, fee: carolBalance + 1),
                               .cannotPayFee(balance: carolBalance, fee: carolBalance + 1))
        try assertInadmissible(chain.transfer(from: carol, to: address(bob), amount: 1, fee: UInt128.max),
                               .cannotPayFee(balance: carolBalance, fee: UInt128.max))
    }

    func testZeroAmount() throws {
        try assertInadmissible(chain.transfer(from: alice, to: address(bob), amount: 0), .zeroAmount)
    }

    func testOversizedTransaction() throws {
        let small = try TestChain(parameters: #"{"max_tx_bytes": 256}"#)
        XCTAssertEqual(small.parameters.maxTransactionBytes, 256)
        let tx = small.transfer(from: alice, to: address(bob), amount: 1, memo: Bytes(repeating: 0x6d, count: 200))
        let size = tx.canonicalBytes.count
        XCTAssertGreaterThan(size, 256)
        try assertInadmissible(tx, .tooLarge(size: size, max: 256), on: small)
        // Exactly at the limit is fine.
        let base = small.transfer(from: alice, to: address(bob), amount: 1).canonicalBytes.count
        let fits = small.transfer(from: alice, to: address(bob), amount: 1, memo: Bytes(repeating: 0x6d, count: 256 - base))
        XCTAssertEqual(fits.canonicalBytes.count, 256)
        XCTAssertEqual(try small.produce([fits]).outcome.receipts.first?.code, 0)
    }

    // MARK: - Execution errors (included, fee charged)

    func testInsufficientBalanceIsIncludedWithCode100() throws {
        let fee = chain.parameters.minFee
        let carolBefore = chain.balance(address(carol)), bobBefore = chain.balance(address(bob))
        let tx = chain.transfer(from: carol, to: address(bob), amount: carolBefore, fee: fee)  // amount + fee > balance
        let (block, outcome, dropped) = try chain.produce([tx])
        XCTAssertTrue(dropped.isEmpty)
        XCTAssertEqual(block.transactions, [tx])
        let receipt = try XCTUnwrap(outcome.receipts.first)
        XCTAssertEqual(receipt.code, 100)
        XCTAssertEqual(TransactionError.insufficientBalance(balance: 0, needed: 0).code, 100)
        XCTAssertFalse(receipt.succeeded)
        XCTAssertEqual(receipt.feeCharged, fee)
        XCTAssertEqual(receipt.events.count, 1, "only the fee event: the transfer's effects were reverted")
        guard case .feePaid(address(carol), fee, _, _, _, _)? = receipt.events.first else { return XCTFail("\(receipt.events)") }
        XCTAssertEqual(chain.account(address(carol)), Account(nonce: 1, balance: carolBefore - fee))
        XCTAssertEqual(chain.balance(address(bob)), bobBefore)
        XCTAssertEqual(chain.totals().feesPaid, fee)
        XCTAssertEqual(chain.totals().burned, share(fee, 4000))
        XCTAssertEqual(chain.totals().supply, chain.sumOfBalances())
    }

    /// Writes records straight into the store (and its tree), as if an earlier history had produced them.
    func plant(_ records: [(StateKey, Bytes)], in chain: TestChain) throws {
        let updates = records.map { StateTree.Update(key: $0.0.treeKey, valueHash: Hash32.digest($0.1)) }
        let tree = try StateTree.update(updates, reader: chain.store)
        chain.store.commit(BlockOutcome(
            header: chain.head, stateWrites: records.map { (key: $0.0, value: Optional($0.1)) }, treeNodes: tree.nodes, receipts: []))
    }

    func testRecipientOverflowIsIncludedWithCode101() throws {
        let rich = TestKeys.address("rich")
        try plant([(StateKey.account(rich), Account(nonce: 0, balance: UInt128.max - 5).canonicalBytes)], in: chain)
        let aliceBefore = chain.balance(address(alice))
        let fee = chain.parameters.minFee
        let (_, outcome, dropped) = try chain.produce([chain.transfer(from: alice, to: rich, amount: 10, fee: fee)])
        XCTAssertTrue(dropped.isEmpty)
        XCTAssertEqual(outcome.receipts.map(\.code), [101])
        XCTAssertEqual(TransactionError.balanceOverflow.code, 101)
        XCTAssertEqual(chain.account(address(alice)), Account(nonce: 1, balance: aliceBefore - fee))
        XCTAssertEqual(chain.balance(rich), UInt128.max - 5)
        // Exactly filling the balance to the maximum is fine.
        let (_, fill, _) = try chain.produce([chain.transfer(from: alice, to: rich, amount: 5, fee: fee)])
        XCTAssertEqual(fill.receipts.map(\.code), [0])
        XCTAssertEqual(chain.balance(rich), UInt128.max)
    }

    func testNonceExhausted() throws {
        let worn = TestKeys.key("worn")
        try plant([(StateKey.account(Address(publicKey: worn.publicKey)), Account(nonce: UInt64.max, balance: Tokens.one).canonicalBytes)], in: chain)
        try assertInadmissible(chain.transfer(from: worn, to: address(bob), amount: 1, nonce: UInt64.max), .nonceExhausted)
        XCTAssertEqual(TransactionError.nonceExhausted.code, 15)
        XCTAssertTrue(TransactionError.nonceExhausted.isAdmissionError)
    }

    // MARK: - Block checks

    func assertRefused(_ block: Block, _ expected: BlockError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try StateTransition.apply(block, parent: chain.head, state: chain.store), file: file, line: line) { error in
            XCTAssertEqual(error as? BlockError, expected, file: file, line: line)
        }
    }

    /// A validly proposed block with one transfer, and a helper to re-sign it after editing its header.
    func proposed() throws -> Block {
        try chain.propose([chain.transfer(from: alice, to: address(bob), amount: Tokens.one)]).block
    }

    func resigned(_ block: Block, producer: Ed25519.PrivateKey? = nil, _ edit: (inout BlockHeader) -> Void) -> Block {
        var header = block.header
        edit(&header)
        return Block.sign(header: header, transactions: block.transactions, producer: producer ?? chain.producerKey(at: block.height))
    }

    func testAValidProposalApplies() throws {
        let block = try proposed()
        XCTAssertNoThrow(try StateTransition.apply(block, parent: chain.head, state: chain.store))
        // Applying does not write: the same block applies again to the unchanged store.
        XCTAssertNoThrow(try StateTransition.apply(block, parent: chain.head, state: chain.store))
    }

    func testWrongHeightParentChainAndTimestamp() throws {
        let block = try proposed()
        let head = chain.head
        assertRefused(resigned(block) { $0.height = 2 }, .wrongHeight(expected: 1, actual: 2))
        assertRefused(resigned(block) { $0.height = 0 }, .wrongHeight(expected: 1, actual: 0))
        let bogusParent = Hash32.digest([0xba, 0xd])
        assertRefused(resigned(block) { $0.parentHash = bogusParent }, .wrongParent(expected: head.hash, actual: bogusParent))
        assertRefused(resigned(block) { $0.chainId = "proofmint-other" }, .wrongChainId(expected: "proofmint-test", actual: "proofmint-other"))
        assertRefused(resigned(block) { $0.timestamp = head.timestamp - 1 }, .timestampBeforeParent(parent: head.timestamp, actual: head.timestamp - 1))
        // The same timestamp as the parent is allowed.
        let sameTime = try chain.propose([], timestamp: head.timestamp).block
        XCTAssertEqual(sameTime.header.timestamp, head.timestamp)
        XCTAssertNoThrow(try StateTransition.apply(sameTime, parent: head, state: chain.store))
        // propose never goes back in time, whatever clock it is given.
        XCTAssertEqual(try chain.propose([], timestamp: 5).block.header.timestamp, head.timestamp)
    }

    func testWrongProducerAndBadSignature() throws {
        let block = try proposed()
        let a = TestKeys.key("validator-a"), b = TestKeys.key("validator-b")
        XCTAssertEqual(block.header.producer, a.publicKey.bytes, "height 1 is validator-a's")
        // validator-b's key in the header, signed by b: not b's turn.
        assertRefused(resigned(block, producer: b) { $0.producer = b.publicKey.bytes }, .wrongProducer(height: 1, expected: "validator-a"))
        // An outsider.
        let mallory = TestKeys.key("mallory")
        assertRefused(resigned(block, producer: mallory) { $0.producer = mallory.publicKey.bytes }, .wrongProducer(height: 1, expected: "validator-a"))
        // a's key in the header, but b signed it.
        assertRefused(resigned(block, producer: b) { _ in }, .badProducerSignature(height: 1))
        // A header edited after signing.
        var header = block.header
        header.timestamp += 1
        assertRefused(Block(header: header, signature: block.signature, transactions: block.transactions), .badProducerSignature(height: 1))
        var signature = block.signature
        signature[0] ^= 1
        assertRefused(Block(header: block.header, signature: signature, transactions: block.transactions), .badProducerSignature(height: 1))
        // Block 2 belongs to validator-b.
        try chain.apply(block)
        XCTAssertEqual(try proposed().header.producer, b.publicKey.bytes)
    }

    /// The beacon (PROTOCOL.md §4.6, §4.5 check 11) is the scheduled producer's VRF proof for this chain and height and
    /// nothing else: a tampered proof, another key's, another height's or another chain's is refused even when the
    /// right producer signs the header, and `propose` refuses to build a block on one.
    func testTheBeaconMustBeTheScheduledProducersProofForThisChainAndHeight() throws {
        let block = try proposed()
        let a = TestKeys.key("validator-a"), b = TestKeys.key("validator-b")
        XCTAssertNotNil(BlockHeader.beaconOutput(block.header.beacon, producer: a.publicKey, chainId: chain.chainId, height: 1))
        var tampered = block.header.beacon
        tampered[40] ^= 1
        assertRefused(resigned(block, producer: a) { $0.beacon = tampered }, .badBeacon(height: 1))
        let byB = try BlockHeader.beaconProof(chainId: chain.chainId, height: 1, producer: b)
        assertRefused(resigned(block, producer: a) { $0.beacon = byB }, .badBeacon(height: 1))
        let otherHeight = try BlockHeader.beaconProof(chainId: chain.chainId, height: 2, producer: a)
        assertRefused(resigned(block, producer: a) { $0.beacon = otherHeight }, .badBeacon(height: 1))
        let otherChain = try BlockHeader.beaconProof(chainId: "another-chain", height: 1, producer: a)
        assertRefused(resigned(block, producer: a) { $0.beacon = otherChain }, .badBeacon(height: 1))
        assertRefused(resigned(block, producer: a) { $0.beacon = BlockHeader.genesisBeacon }, .badBeacon(height: 1))
        // A beacon edited after signing is caught by the signature first: the header hash covers it.
        assertRefused(Block(header: { var h = block.header; h.beacon = otherHeight; return h }(), signature: block.signature,
                            transactions: block.transactions), .badProducerSignature(height: 1))
        XCTAssertThrowsError(try StateTransition.propose(
            candidates: [], parent: chain.head, timestamp: chain.nextTimestamp, producer: a.publicKey, beacon: byB, state: chain.store)
        ) { XCTAssertEqual($0 as? BlockError, .badBeacon(height: 1)) }
        XCTAssertEqual(BlockError.badBeacon(height: 1).description,
                       "block 1 has a beacon that is not the scheduled producer's VRF proof for this chain and height")
        try chain.apply(block)
    }

    /// Every block, an empty one too, folds its beacon value into the randomness mix (0x29) before its first
    /// transaction, so the mix differs after every block; two runs of the same blocks give the same mixes.
    func testTheRandomnessMixAdvancesEveryBlockAndIsTheSameOnTwoRuns() throws {
        func run() throws -> [Hash32] {
            let chain = try TestChain()
            var mixes = [try chain.randomnessMix()]
            XCTAssertEqual(mixes[0], .zero, "genesis has no mix")
            for height in 1...5 {
                let candidates = height == 3 ? [chain.transfer(from: alice, to: address(bob), amount: Tokens.one)] : []
                let before = chain.store.values
                let (block, outcome, _) = try chain.produce(candidates)
                XCTAssertEqual(try chain.store.value(for: .randomnessMix), try TestChain.mix(after: block, before: before))
                XCTAssertTrue(outcome.stateWrites.contains { $0.key == .randomnessMix }, "block \(height) writes the mix")
                mixes.append(try chain.randomnessMix())
            }
            // What the compute module reads: the overlay's view, the same bytes.
            XCTAssertEqual(try StateOverlay(base: chain.store).randomnessMix(), mixes.last)
            return mixes
        }
        let first = try run()
        XCTAssertEqual(Set(first).count, first.count, "every block changes the mix")
        XCTAssertEqual(try run(), first)
    }

    func testTransactionRootAndCountMismatch() throws {
        let block = try proposed()
        let extra = chain.transfer(from: bob, to: address(carol), amount: 1)
        let swapped = Block(header: block.header, signature: block.signature, transactions: [extra])
        assertRefused(swapped, .transactionRootMismatch(header: block.header.transactionRoot, computed: Block.transactionRoot([extra])))
        let more = Block(header: block.header, signature: block.signature, transactions: block.transactions + [extra])
        assertRefused(more, .transactionCountMismatch(header: 1, actual: 2))
        let none = Block(header: block.header, signature: block.signature, transactions: [])
        assertRefused(none, .transactionCountMismatch(header: 1, actual: 0))
        let wrongRoot = resigned(block) { $0.transactionRoot = .zero }
        assertRefused(wrongRoot, .transactionRootMismatch(header: .zero, computed: block.header.transactionRoot))
    }

    func testTamperedStateAndReceiptRoots() throws {
        let block = try proposed()
        let fake = Hash32.digest(Array("fake".utf8))
        assertRefused(resigned(block) { $0.stateRoot = fake }, .stateRootMismatch(header: fake, computed: block.header.stateRoot))
        assertRefused(resigned(block) { $0.receiptRoot = fake }, .receiptRootMismatch(header: fake, computed: block.header.receiptRoot))
        assertRefused(resigned(block) { $0.stateRoot = chain.head.stateRoot }, .stateRootMismatch(header: chain.head.stateRoot, computed: block.header.stateRoot))
    }

    func testBlockSizeLimits() throws {
        let limited = try TestChain(parameters: #"{"max_tx_bytes": 256, "max_block_bytes": 256, "max_block_transactions": 2}"#)
        XCTAssertEqual(limited.parameters.maxBlockTransactions, 2)
        let txs = (0..<3).map { limited.transfer(from: alice, to: address(bob), amount: 1, nonce: UInt64($0)) }
        let size = txs[0].canonicalBytes.count
        XCTAssertLessThan(size, 256)
        XCTAssertGreaterThan(2 * size, 256)
        // propose keeps within the byte limit: only the first fits; the others are left for a later block.
        let (block, proposal) = try limited.propose(txs)
        XCTAssertEqual(proposal.transactions, [txs[0]])
        XCTAssertTrue(proposal.dropped.isEmpty, "left out for size, not for a fault")
        XCTAssertNoThrow(try StateTransition.apply(block, parent: limited.head, state: limited.store))
        XCTAssertThrowsError(try StateTransition.apply(limited.rawBlock(Array(txs.prefix(2))), parent: limited.head, state: limited.store)) { error in
            XCTAssertEqual(error as? BlockError, .tooLarge(bytes: 2 * size, max: 256))
        }
        XCTAssertThrowsError(try StateTransition.apply(limited.rawBlock(txs), parent: limited.head, state: limited.store)) { error in
            XCTAssertEqual(error as? BlockError, .tooManyTransactions(count: 3, max: 2))
        }
    }

    // MARK: - Supply invariant

    /// Property: after every block of random valid and invalid transfers, issued − burned equals the sum of all
    /// balances, the fees paid add up to the receipts', the state root equals the reference tree over the stored
    /// values, and `apply` reproduces exactly what `propose` computed.
    func testSupplyInvariantOverRandomBlocks() throws {
        let names = ["alice", "bob", "carol", "dave", "erin", "frank"]
        let keys = names.map(TestKeys.key)
        let chain = try TestChain(users: [("alice", 1_000_000 * Tokens.one), ("bob", 3 * Tokens.one), ("carol", Tokens.one / 100)])
        var rng = SplitMix64(seed: 0x5ec0_11e5)
        var feesFromReceipts: Amount = 0
        var codes = [UInt16: Int](), dropReasons = [UInt16: Int]()
        let minFee = chain.parameters.minFee
        let recipients = keys.map { Address(publicKey: $0.publicKey) } + ModuleAccount.allCases.map(\.address)
        for blockIndex in 0..<300 {
            var pendingNonce = [Address: UInt64]()
            var candidates = [SignedTransaction]()
            for _ in 0..<rng.int(0...6) {
                let sender = rng.element(keys)
                let from = Address(publicKey: sender.publicKey)
                let balance = chain.balance(from)
                var nonce = pendingNonce[from] ?? chain.nonce(from)
                var amount = balance == 0 ? 1 : UInt128(rng.below(UInt64(clamping: balance / 2 + 1))) + 1
                var fee = minFee + UInt128(rng.below(1_000_000))
                var expiry: UInt64? = rng.chance(1, in: 4) ? chain.nextHeight + UInt64(rng.below(3)) : nil
                var chainId = chain.chainId
                var corrupt = false
                switch rng.below(14) {
                case 0: amount = balance + UInt128(rng.below(10))  // usually code 100
                case 1: amount = 0
                case 2: fee = minFee - 1
                case 3: nonce += 1 + rng.below(2)
                case 4: nonce = nonce > 0 ? nonce - 1 : nonce + 5
                case 5: expiry = chain.nextHeight - 1
                case 6: corrupt = true
                case 7: chainId = "proofmint-elsewhere"
                case 8: fee = balance + 1
                default: break
                }
                var tx = chain.transfer(from: sender, to: rng.element(recipients), amount: amount, fee: fee, nonce: nonce, expiry: expiry, chainId: chainId)
                if corrupt {
                    var signature = tx.signature
                    signature[rng.int(0..<64)] ^= 0x10
                    tx = SignedTransaction(transaction: tx.transaction, signature: signature)
                }
                candidates.append(tx)
                pendingNonce[from] = nonce + 1
            }
            let (block, proposal) = try chain.propose(candidates, timestamp: chain.nextTimestamp + rng.below(5000))
            let outcome = try chain.apply(block)
            let context = "block \(blockIndex + 1)"
            // apply recomputes exactly what propose did.
            XCTAssertEqual(outcome.receipts, proposal.outcome.receipts, context)
            XCTAssertEqual(outcome.stateWrites.map(\.key), proposal.outcome.stateWrites.map(\.key), context)
            XCTAssertEqual(outcome.stateWrites.map(\.value), proposal.outcome.stateWrites.map(\.value), context)
            XCTAssertEqual(outcome.treeNodes.map(\.path), proposal.outcome.treeNodes.map(\.path), context)
            XCTAssertEqual(outcome.treeNodes.map(\.node), proposal.outcome.treeNodes.map(\.node), context)
            for (_, error) in proposal.dropped {
                XCTAssertTrue(error.isAdmissionError, "\(context): dropped for \(error)")
                dropReasons[error.code, default: 0] += 1
            }
            for receipt in outcome.receipts {
                codes[receipt.code, default: 0] += 1
                feesFromReceipts += receipt.feeCharged
                XCTAssertTrue(receipt.code == 0 || receipt.code == 100, "\(context): code \(receipt.code)")
            }
            let totals = chain.totals()
            XCTAssertEqual(totals.issued, 1_000_003 * Tokens.one + Tokens.one / 100, context)
            XCTAssertEqual(totals.supply, chain.sumOfBalances(), "\(context): issued − burned ≠ Σ balances")
            XCTAssertEqual(totals.feesPaid, feesFromReceipts, context)
            XCTAssertEqual(outcome.stateRoot, ReferenceTree.root(values: chain.store.values), context)
            XCTAssertFalse(chain.store.values.values.contains(Account.empty.canonicalBytes), "\(context): an empty account is stored")
        }
        XCTAssertEqual(chain.store.nodes, ReferenceTree.nodes(ReferenceTree.entries(values: chain.store.values)))
        // The random mix really exercised both outcomes and every admission error it aims at.
        XCTAssertGreaterThan(codes[0, default: 0], 100)
        XCTAssertGreaterThan(codes[100, default: 0], 5)
        for code: UInt16 in [2, 3, 4, 10, 11, 12, 13, 14] {
            XCTAssertGreaterThan(dropReasons[code, default: 0], 0, "no transaction was dropped with code \(code)")
        }
    }
}
