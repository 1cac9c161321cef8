import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

/// A block CometBFT decided (ABCI mode) has no producer signature; `inspect --verify` (`ChainStore.verify`) checks its
/// beacon instead: the header's 80 bytes must be its producer's VRF proof for its chain and height.
final class ConsensusBlockVerifyTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-consensus-verify-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Commits block 1 as ABCI mode makes it, with its header's beacon replaced by `beacon` if given, and verifies.
    private func verify(replacingBeaconWith beacon: ((TestChain) throws -> Bytes)? = nil) throws -> StoreVerification {
        let chain = try TestChain()
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        let key = chain.validatorKeys[0]
        let context = ConsensusBlock(
            chainId: chain.chainId, height: 1, timestamp: store.head.timestamp + 1_000,
            beacon: try BlockBeacon.prove(chainId: chain.chainId, height: 1, producer: key))
        let result = try store.withSnapshot {
            try StateTransition.execute(transactions: [], context: context, parent: store.head, state: $0)
        }
        var block = result.block
        if let beacon {
            var header = block.header
            header.beacon = try beacon(chain)
            block = Block(header: header, signature: block.signature, transactions: block.transactions)
        }
        XCTAssertTrue(block.isConsensusDecided)
        try store.commit(block, outcome: result.outcome)
        return try store.verify()
    }

    func testAConsensusBlockWithItsProducersBeaconVerifies() throws {
        let report = try verify()
        XCTAssertEqual(report.problems.map(\.description), [])
        XCTAssertEqual(report.height, 1)
    }

    func testAConsensusBlockWhoseBeaconIsNotItsProducersProofIsReported() throws {
        let others: [(TestChain) throws -> Bytes] = [
            { try BlockBeacon.prove(chainId: $0.chainId, height: 1, producer: $0.validatorKeys[1]).proof },
            { try BlockBeacon.prove(chainId: $0.chainId, height: 2, producer: $0.validatorKeys[0]).proof },
        ]
        for other in others {
            try? FileManager.default.removeItem(atPath: directory)
            let report = try verify(replacingBeaconWith: other)
            XCTAssertTrue(report.problems.contains { $0.detail.contains("beacon is not the producer's VRF proof") }, "\(report.problems)")
        }
    }
}
