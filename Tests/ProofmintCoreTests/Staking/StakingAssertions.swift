@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The base of the staking, evidence and slashing tests: exact errors, and "nothing but the fee and nonce changed"
/// checked against the whole store.
class StakingTestCase: XCTestCase {
    func address(_ key: Ed25519.PrivateKey) -> Address { Address(publicKey: key.publicKey) }

    /// The block context of the chain's next block.
    func nextContext(_ chain: TestChain) -> BlockContext {
        BlockContext(
            chainId: chain.chainId, height: chain.nextHeight, timestamp: chain.nextTimestamp, parameters: chain.currentParameters(),
            beacon: .zero)
    }

    /// Admits `tx` on the head state at the next height (charging its fee), then runs its execution rules directly,
    /// as `BlockExecution` does, and returns the exact error (receipts only carry its code), or nil on success.
    func executionError(_ tx: SignedTransaction, on chain: TestChain) throws -> TransactionError? {
        let context = nextContext(chain)
        var execution = BlockExecution(context: context, state: chain.store)
        try execution.admit(tx, size: tx.encodedSize, signatures: SignatureCheck(checking: tx))
        do {
            _ = try execution.execute(tx.transaction, sender: tx.senderAddress)
            return nil
        } catch {
            return error
        }
    }

    /// The store's values after `fee` is charged to `payer` at admission and nothing else happens: nonce + 1,
    /// balance − fee, the fee shares credited to the module accounts, burned and fees_paid raised.
    func valuesAfterFeeOnly(_ before: [StateKey: Bytes], payer: Address, fee: Amount, parameters: Parameters) -> [StateKey: Bytes] {
        var values = before
        func account(_ address: Address) -> Account { values[.account(address)].map { try! Account(canonical: $0) } ?? .empty }
        func put(_ account: Account, _ address: Address) { values[.account(address)] = account.isEmpty ? nil : account.canonicalBytes }
        var sender = account(payer)
        sender.nonce += 1
        sender.balance -= fee
        put(sender, payer)
        let split = parameters.feeSplit
        let burn = fee * Amount(split.burnBps) / 10_000, pool = fee * Amount(split.rewardPoolBps) / 10_000
        let liquidity = fee * Amount(split.liquidityBps) / 10_000
        for (module, share) in [(ModuleAccount.rewardPool, pool), (.treasury, fee - burn - pool - liquidity), (.liquidity, liquidity)] {
            var credited = account(module.address)
            credited.balance += share
            put(credited, module.address)
        }
        var totals = values[.totals].map { try! ChainTotals(canonical: $0) } ?? .zero
        totals.burned += burn
        totals.feesPaid += fee
        values[.totals] = totals.canonicalBytes
        return values
    }

    /// `tx` fails execution with exactly `expected`: it is included, its receipt carries the code and only the
    /// `fee_paid` event, and the whole state differs from before only by the fee and the nonce.
    func assertExecutionFails(
        _ tx: SignedTransaction, _ expected: TransactionError, on chain: TestChain, checkSupply: Bool = true,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        XCTAssertFalse(expected.isAdmissionError, "\(expected) is an admission error", file: file, line: line)
        XCTAssertEqual(try executionError(tx, on: chain), expected, file: file, line: line)
        // What the block's own end-of-block steps write (sampling, deadlines, settlement) happens with or without the
        // transaction: compare against an empty block at the same height, plus the fee and nonce.
        var before = chain.store.values
        for (key, value) in try chain.propose([]).proposal.outcome.stateWrites { before[key] = value }
        let expectedValues = valuesAfterFeeOnly(before, payer: tx.senderAddress, fee: tx.transaction.fee, parameters: chain.parameters)
        let (block, outcome, dropped) = try chain.produce([tx])
        XCTAssertTrue(dropped.isEmpty, "dropped: \(dropped.map(\.error))", file: file, line: line)
        XCTAssertEqual(block.transactions, [tx], file: file, line: line)
        let receipt = try XCTUnwrap(outcome.receipts.first, file: file, line: line)
        XCTAssertEqual(receipt.code, expected.code, "expected \(expected.name), got \(TransactionError.name(forCode: receipt.code))", file: file, line: line)
        XCTAssertEqual(receipt.feeCharged, tx.transaction.fee, file: file, line: line)
        XCTAssertEqual(receipt.events.count, 1, "only the fee event: \(receipt.events)", file: file, line: line)
        guard case .feePaid(tx.senderAddress, tx.transaction.fee, _, _, _, _)? = receipt.events.first else {
            return XCTFail("not a fee event: \(receipt.events)", file: file, line: line)
        }
        // An epoch that ends with this block also writes its (here empty) settlement and starts the next epoch.
        func withoutEpochBookkeeping(_ values: [StateKey: Bytes]) -> [StateKey: Bytes] {
            values.filter { ![.epoch, .epochRecord, .settlement].contains($0.key.prefix) }
        }
        XCTAssertEqual(
            withoutEpochBookkeeping(chain.store.values), withoutEpochBookkeeping(expectedValues),
            "something besides the fee and nonce changed", file: file, line: line)
        if checkSupply { assertSupplyInvariant(chain, file: file, line: line) }
    }

    /// `tx` is inadmissible with exactly `expected`: `propose` drops it and writes nothing, `apply` refuses a block
    /// holding it (alone, or after a valid transaction), and the mempool check gives the same verdict.
    func assertInadmissible(
        _ tx: SignedTransaction, _ expected: TransactionError, on chain: TestChain, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        XCTAssertTrue(expected.isAdmissionError, "\(expected) is not an admission error", file: file, line: line)
        let rootBefore = try chain.store.stateRoot()
        let (_, proposal) = try chain.propose([tx])
        XCTAssertTrue(proposal.transactions.isEmpty, "included", file: file, line: line)
        XCTAssertEqual(proposal.dropped.first?.transaction, tx, file: file, line: line)
        XCTAssertEqual(proposal.dropped.first?.error, expected, file: file, line: line)
        // The block still folds its beacon into the randomness mix; nothing else may be written.
        let (_, empty) = try chain.propose([])
        XCTAssertEqual(proposal.outcome.stateWrites.map { $0.key }, [.randomnessMix], "a dropped transaction left writes", file: file, line: line)
        XCTAssertEqual(proposal.outcome.stateRoot, empty.outcome.stateRoot, file: file, line: line)
        XCTAssertThrowsError(try StateTransition.apply(chain.rawBlock([tx]), parent: chain.head, state: chain.store), file: file, line: line) {
            XCTAssertEqual($0 as? BlockError, .invalidTransaction(index: 0, id: tx.id, error: expected), file: file, line: line)
        }
        XCTAssertThrowsError(
            try StateTransition.checkAdmission(tx, state: chain.store, nextHeight: chain.nextHeight, chainId: chain.chainId),
            file: file, line: line
        ) {
            XCTAssertEqual($0 as? TransactionError, expected, file: file, line: line)
        }
        XCTAssertEqual(try chain.store.stateRoot(), rootBefore, file: file, line: line)
    }

    /// `tx` succeeds alone in the next block; returns its receipt.
    @discardableResult
    func assertSucceeds(_ tx: SignedTransaction, on chain: TestChain, file: StaticString = #filePath, line: UInt = #line) throws -> Receipt {
        XCTAssertNil(try executionError(tx, on: chain), file: file, line: line)
        let (_, outcome, dropped) = try chain.produce([tx])
        XCTAssertTrue(dropped.isEmpty, "dropped: \(dropped.map(\.error))", file: file, line: line)
        let receipt = try XCTUnwrap(outcome.receipts.first, file: file, line: line)
        XCTAssertEqual(receipt.code, 0, "failed with \(TransactionError.name(forCode: receipt.code))", file: file, line: line)
        assertSupplyInvariant(chain, file: file, line: line)
        return receipt
    }

    /// `issued − burned = Σ balances + Σ stakes + Σ unbonding entries`, and the totals' `staked` and `unbonding`
    /// equal the sums of the stored records.
    func assertSupplyInvariant(_ chain: TestChain, _ context: String = "", file: StaticString = #filePath, line: UInt = #line) {
        let totals = chain.totals()
        let stakes = chain.sumOfStakes(), unbonding = chain.sumOfUnbonding()
        XCTAssertEqual(totals.supply, chain.sumOfBalances() + stakes + unbonding, "\(context) supply", file: file, line: line)
        XCTAssertEqual(totals.staked, stakes, "\(context) totals.staked", file: file, line: line)
        XCTAssertEqual(totals.unbonding, unbonding, "\(context) totals.unbonding", file: file, line: line)
    }

    /// The events of a fee of `fee` paid by `payer` under `parameters`.
    func feeEvent(_ payer: Address, _ fee: Amount, _ parameters: Parameters) -> Event {
        let split = parameters.feeSplit
        let burn = fee * Amount(split.burnBps) / 10_000, pool = fee * Amount(split.rewardPoolBps) / 10_000
        let liquidity = fee * Amount(split.liquidityBps) / 10_000
        return .feePaid(payer: payer, total: fee, burned: burn, rewardPool: pool, treasury: fee - burn - pool - liquidity, liquidity: liquidity)
    }
}
