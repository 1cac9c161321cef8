import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The same inputs give byte-identical outputs, however and wherever they are computed.
final class DeterminismTests: XCTestCase {
    /// A random but seeded workload: blocks of transfers among a few accounts, some failing (code 100).
    static func candidates(for chain: TestChain, rng: inout SplitMix64) -> [SignedTransaction] {
        let keys = ["alice", "bob", "carol", "dave"].map(TestKeys.key)
        var next = [Address: UInt64]()
        return (0..<rng.int(0...8)).map { _ in
            let sender = rng.element(keys)
            let from = Address(publicKey: sender.publicKey)
            let nonce = next[from] ?? chain.nonce(from)
            next[from] = nonce + 1
            return chain.transfer(
                from: sender, to: Address(publicKey: rng.element(keys).publicKey),
                amount: UInt128(rng.below(400)) * Tokens.one / 10 + 1, fee: chain.parameters.minFee + UInt128(rng.below(999)), nonce: nonce)
        }
    }

    static func assertSame(_ a: BlockOutcome, _ b: BlockOutcome, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.header, b.header, context, file: file, line: line)
        XCTAssertEqual(a.receipts, b.receipts, context, file: file, line: line)
        XCTAssertEqual(a.stateWrites.map(\.key), b.stateWrites.map(\.key), context, file: file, line: line)
        XCTAssertEqual(a.stateWrites.map(\.value), b.stateWrites.map(\.value), context, file: file, line: line)
        XCTAssertEqual(a.treeNodes.map(\.path), b.treeNodes.map(\.path), context, file: file, line: line)
        XCTAssertEqual(a.treeNodes.map(\.node), b.treeNodes.map(\.node), context, file: file, line: line)
    }

    static let users: [(name: String, amount: Amount)] = [("alice", 100 * Tokens.one), ("bob", 20 * Tokens.one), ("carol", 5 * Tokens.one)]

    /// Two independent producers fed the same candidates build byte-identical blocks and outcomes, and a third
    /// node replaying those blocks on a fresh store gets the same state roots, receipts, writes and tree nodes.
    func testTwoStoresAgreeBlockByBlock() throws {
        let a = try TestChain(users: Self.users), b = try TestChain(users: Self.users)
        XCTAssertEqual(a.genesisBlock.canonicalBytes, b.genesisBlock.canonicalBytes)
        var rng = SplitMix64(seed: 0xde7e)
        for height in 1...60 {
            let candidates = Self.candidates(for: a, rng: &rng)
            let timestamp = a.nextTimestamp + rng.below(3000)
            let (blockA, outcomeA, _) = try a.produce(candidates, timestamp: timestamp)
            let (blockB, outcomeB, _) = try b.produce(candidates, timestamp: timestamp)
            XCTAssertEqual(blockA.canonicalBytes, blockB.canonicalBytes, "block \(height)")
            Self.assertSame(outcomeA, outcomeB, "block \(height)")
        }
        XCTAssertEqual(a.store.values, b.store.values)
        XCTAssertEqual(a.store.nodes, b.store.nodes)

        // Replay from genesis on a fresh store, with and without precomputed signature checks.
        let replay = try TestChain(genesis: a.genesis, validatorKeys: a.validatorKeys)
        for (block, original) in zip(a.blocks, a.outcomes) {
            let signatures = SignatureBatch.verify(block.transactions)
            let precomputed = try StateTransition.apply(block, parent: replay.head, state: replay.store, signatures: signatures)
            let outcome = try replay.apply(block)
            Self.assertSame(outcome, original, "replay of block \(block.height)")
            Self.assertSame(precomputed, original, "replay of block \(block.height), precomputed signatures")
        }
        XCTAssertEqual(replay.store.values, a.store.values)
        XCTAssertEqual(replay.store.nodes, a.store.nodes)
        XCTAssertEqual(replay.head.stateRoot, ReferenceTree.root(values: replay.store.values))
    }

    /// Serialised blocks decode to blocks that replay identically: what goes over the wire or to disk is enough.
    func testReplayFromEncodedBlocks() throws {
        let chain = try TestChain(users: Self.users)
        var rng = SplitMix64(seed: 0xb10c)
        for _ in 0..<15 { try chain.produce(Self.candidates(for: chain, rng: &rng)) }
        let replay = try TestChain(genesis: chain.genesis, validatorKeys: [])
        for block in chain.blocks {
            let decoded = try Block(canonical: block.canonicalBytes)
            XCTAssertEqual(decoded, block)
            try replay.apply(decoded)
        }
        XCTAssertEqual(replay.head.hash, chain.head.hash)
    }

    /// The parallel signature check (64 transactions or more) gives exactly the sequential answers, in order.
    func testSignatureBatchMatchesSequentialChecks() throws {
        let chain = try TestChain(users: Self.users)
        var rng = SplitMix64(seed: 0x5167)
        for count in [0, 1, 63, 64, 65, 200] {
            var txs = [SignedTransaction]()
            for index in 0..<count {
                var tx = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("bob"), amount: 1, nonce: UInt64(index))
                if rng.chance(1, in: 3) {
                    var signature = tx.signature
                    signature[rng.int(0..<64)] ^= 0x40
                    tx = SignedTransaction(transaction: tx.transaction, signature: signature)
                }
                txs.append(tx)
            }
            let expected = txs.map { SignatureCheck(transaction: $0.hasValidSignature(), receipt: true) }
            for _ in 0..<3 { XCTAssertEqual(SignatureBatch.verify(txs), expected, "\(count) transactions") }
            if count > 10 { XCTAssertTrue(expected.contains(.valid) && expected.contains { !$0.transaction }) }
        }
    }

    /// A mempool check may accept a nonce ahead of the account's; it never accepts one behind.
    func testAdmissionCheckWithFutureNonces() throws {
        let chain = try TestChain(users: Self.users)
        let ahead = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("bob"), amount: 1, nonce: 3)
        XCTAssertThrowsError(try StateTransition.checkAdmission(ahead, state: chain.store, nextHeight: 1, chainId: chain.chainId)) { error in
            XCTAssertEqual(error as? TransactionError, .nonceTooHigh(expected: 0, actual: 3))
        }
        XCTAssertNoThrow(try StateTransition.checkAdmission(ahead, state: chain.store, nextHeight: 1, chainId: chain.chainId, acceptFutureNonce: true))
        try chain.produce([chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("bob"), amount: 1)])
        let behind = chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("bob"), amount: 1, nonce: 0)
        XCTAssertThrowsError(try StateTransition.checkAdmission(behind, state: chain.store, nextHeight: 2, chainId: chain.chainId, acceptFutureNonce: true)) { error in
            XCTAssertEqual(error as? TransactionError, .nonceTooLow(expected: 1, actual: 0))
        }
    }
}
