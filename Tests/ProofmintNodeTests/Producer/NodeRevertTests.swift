import Foundation
import Logging
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// The node's side of a revert: the mempool is emptied, the cached head is the snapshot's, and production goes on from it.
final class NodeRevertTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-node-revert-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testRevertEmptiesTheMempoolAndProductionGoesOnFromTheSnapshot() async throws {
        let chain = try TestChain(validators: ["validator-a"], users: [("alice", 1_000 * Tokens.one)])
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        var logger = Logger(label: "proofmint.test.revert")
        logger.logLevel = .warning
        let clock = TestClock(chain.genesisBlock.header.timestamp + 1_000)
        let node = Node(
            store: store, validator: ValidatorKey(name: "validator-a", key: TestKeys.key("validator-a")), mode: .manual,
            emptyBlocks: true, logger: logger, clock: { clock.now })
        func transfer(nonce: UInt64) -> SignedTransaction {
            chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("carol"), amount: Tokens.one, nonce: nonce)
        }

        _ = try await node.mine(count: 2)
        let snapshot = try await node.takeSnapshot(named: "two")
        let first = transfer(nonce: 0)
        _ = try await node.submit(first.canonicalBytes)
        _ = try await node.mine(count: 3)
        _ = try await node.submit(transfer(nonce: 1).canonicalBytes)
        let pendingBefore = await node.mempoolSize
        XCTAssertEqual(pendingBefore, 1)

        let (outcome, dropped) = try await node.revert(to: "two")
        XCTAssertEqual(dropped, 1)
        let pendingAfter = await node.mempoolSize
        XCTAssertEqual(pendingAfter, 0)
        XCTAssertEqual(outcome.header.hash, snapshot.blockHash)
        XCTAssertEqual(node.store.head.height, 2)
        XCTAssertEqual(node.store.head.stateRoot, snapshot.stateRoot)
        XCTAssertNil(try node.store.location(ofTransaction: first.id))

        // Nonce 0 is free again, and the next block follows the snapshot's.
        _ = try await node.submit(first.canonicalBytes)
        let heights = try await node.mine(count: 1)
        XCTAssertEqual(heights, [3])
        XCTAssertEqual(try node.store.location(ofTransaction: first.id)?.height, 3)
        XCTAssertEqual(try node.store.block(at: 3)?.header.parentHash, snapshot.blockHash)
    }
}
