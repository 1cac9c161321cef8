import Foundation
import Logging
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// The producer picks candidates and tidies the mempool with nonces it reads off blocks and keeps in the pool
/// (`SenderNonces`, `Mempool.candidates(limit:pending:)`), not with state reads: these tests hold them to the state.
final class SenderNoncesTests: XCTestCase {
    private var directory: String!
    private let senders = ["alice", "bob", "carol", "dan", "erin"]

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-sender-nonces-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// After random admissions (gapped, replacing, a sender who cannot pay for a second transaction) and blocks, the
    /// candidates taken from the pool's own nonces equal those taken from the state's, both with the newest block
    /// still pending (the pool not yet tidied, as while it is committed) and once it is tidied; and each block's
    /// `SenderNonces` are its senders' nonces in the state.
    func testThePoolsNoncesAreTheStatesThroughRandomAdmissionsAndBlocks() async throws {
        var sawPending = 0, sawDropped = 0
        for seedIndex in 0..<4 {
            try? FileManager.default.removeItem(atPath: directory)
            let seed = SplitMix64.caseSeed(0x6e_6f6e_6365, seedIndex)
            var random = SplitMix64(seed: seed)
            let chain = try TestChain(validators: ["validator-a"], users: senders.map { ($0, 1_000 * Tokens.one) })
            let minFee = chain.parameters.minFee
            let node = try makeNode(chain)
            var fees = [String: [UInt64: Amount]]()
            for step in 0..<40 {
                for _ in 0..<random.int(1..<12) {
                    let name = senders[random.int(0..<senders.count)]
                    let committed = try nonce(of: name, in: node.store)
                    let nonce = committed + random.below(5)
                    // Dan offers the whole of his balance as fee now and then: the second such one cannot be paid.
                    let fee = name == "dan" && random.below(4) == 0
                        ? 999 * Tokens.one : (fees[name]?[nonce]).map { $0 + $0 / 5 } ?? minFee + Amount(random.below(1_000))
                    let transaction = chain.transfer(
                        from: TestKeys.key(name), to: TestKeys.address("sink"), amount: 1, fee: fee, nonce: nonce)
                    if (try? await node.submit(transaction.canonicalBytes)) != nil { fees[name, default: [:]][nonce] = fee }
                }
                let before = await node.mempool
                try await assertCandidatesAgree(before, pending: .none, state: node.store, "seed \(seed), step \(step)")
                guard let height = try await node.mine(count: 1).first, let block = try node.store.block(at: height) else {
                    return XCTFail("no block at step \(step)")
                }
                let pending = SenderNonces(after: [block])
                if !pending.isEmpty { sawPending += 1 }
                try await assertCandidatesAgree(before, pending: pending, state: node.store, "seed \(seed), step \(step), pending")
                for sender in pending.senders {
                    let stateNonce = try node.store.withSnapshot { try $0.account(sender).nonce }
                    XCTAssertEqual(pending[sender], stateNonce, "seed \(seed), step \(step)")
                }
                let after = await node.mempool
                if after.count + block.transactions.count < before.count { sawDropped += 1 }
                try await assertCandidatesAgree(after, pending: .none, state: node.store, "seed \(seed), step \(step), tidied")
            }
        }
        XCTAssertGreaterThan(sawPending, 80, "blocks included transactions")
        XCTAssertGreaterThan(sawDropped, 0, "some candidates were dropped by a build and forgotten")
    }

    /// A run of blocks gives each sender the nonce after its last transaction in them; a sender it does not hold has none.
    func testARunOfBlocksGivesEachSenderTheNonceAfterItsLast() async throws {
        let chain = try TestChain(validators: ["validator-a"], users: senders.map { ($0, 1_000 * Tokens.one) })
        let node = try makeNode(chain)
        let store = node.store
        let alice = TestKeys.key("alice"), bob = TestKeys.key("bob")
        var blocks = [Block]()
        for (nonces, sender) in [([0, 1, 2], alice), ([3], alice), ([0], bob)] as [([UInt64], Ed25519.PrivateKey)] {
            let transactions = nonces.map { chain.transfer(from: sender, to: TestKeys.address("sink"), amount: 1, nonce: $0) }
            for transaction in transactions { _ = try await node.submit(transaction.canonicalBytes) }
            blocks += try await node.mine(count: 1).compactMap { try store.block(at: $0) }
        }
        let nonces = SenderNonces(after: blocks)
        XCTAssertEqual(nonces[TestKeys.address("alice")], 4)
        XCTAssertEqual(nonces[TestKeys.address("bob")], 1)
        XCTAssertNil(nonces[TestKeys.address("carol")])
        XCTAssertEqual(Set(nonces.senders), [TestKeys.address("alice"), TestKeys.address("bob")])
        XCTAssertTrue(SenderNonces(after: blocks.prefix(0)).isEmpty)
    }

    /// A pool that got a sender's nonce too high (a bug elsewhere, played here by setting it) offers nonces no block
    /// can include and would refuse the one that can; a block that drops the sender's candidates, and the sender's
    /// next admission, each give its queue the state's nonce again, and everything is then included.
    func testAPoolThatGotANonceTooHighIsSetRightByABlockAndByAnAdmission() async throws {
        let chain = try TestChain(validators: ["validator-a"], users: senders.map { ($0, 1_000 * Tokens.one) })
        let node = try makeNode(chain)
        let alice = TestKeys.address("alice")
        let sent = (0..<3).map { chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("sink"), amount: 1, nonce: $0) }
        for transaction in sent { _ = try await node.submit(transaction.canonicalBytes) }

        await node.setPoolNonceForTesting(alice, to: 1)
        let heights = try await node.mine(count: 1)
        XCTAssertEqual(try heights.first.flatMap { try node.store.block(at: $0) }?.transactions.count, 0, "nonce 1 was offered and dropped")
        var pool = await node.mempool
        XCTAssertEqual(pool.committedNonce(of: alice), 0, "the block's resync read the state")

        await node.setPoolNonceForTesting(alice, to: 2)
        // Nonce 1 is admitted although the pool believed 2: admission brings the state's 0.
        _ = try await node.submit(sent[1].canonicalBytes)
        pool = await node.mempool
        XCTAssertEqual(pool.committedNonce(of: alice), 0)
        _ = try await node.submit(sent[0].canonicalBytes)
        _ = try await node.mine(count: 1)
        XCTAssertEqual(try nonce(of: "alice", in: node.store), 3)
        let left = await node.mempoolSize
        XCTAssertEqual(left, 0)
    }

    // MARK: - Fixtures

    private func makeNode(_ chain: TestChain) throws -> Node {
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        var logger = Logger(label: "proofmint.test.sender-nonces")
        logger.logLevel = .critical
        let clock = chain.genesisBlock.header.timestamp
        return Node(
            store: store, validator: ValidatorKey(name: "validator-a", key: TestKeys.key("validator-a")), mode: .manual,
            emptyBlocks: true, logger: logger, clock: { clock }, sleep: { _ in })
    }

    private func nonce(of name: String, in store: ChainStore) throws -> UInt64 {
        try store.withSnapshot { try $0.account(TestKeys.address(name)).nonce }
    }

    /// `pool`'s candidates from its own nonces (and `pending`'s) equal those from the nonces `state` holds; tidied, the
    /// pool's committed nonce of each sender it holds is the state's.
    private func assertCandidatesAgree(
        _ pool: Mempool, pending: SenderNonces, state store: ChainStore, _ message: String
    ) async throws {
        let fromState = try store.withSnapshot { snapshot in
            pool.candidates(limit: 1_000) { (try? snapshot.account($0).nonce) ?? .max }
        }
        XCTAssertEqual(pool.candidates(limit: 1_000, pending: pending).map(\.id), fromState.map(\.id), message)
        guard pending.isEmpty else { return }
        for name in senders {
            let address = TestKeys.address(name)
            guard let held = pool.committedNonce(of: address) else { continue }
            XCTAssertEqual(held, try nonce(of: name, in: store), "\(name), \(message)")
        }
    }
}

extension Node {
    /// Sets the pool's record of `sender`'s committed nonce, as a bug elsewhere could (dropping its entries below it).
    func setPoolNonceForTesting(_ sender: Address, to nonce: UInt64) {
        mempool.prune(senders: [sender]) { _ in nonce }
    }
}
