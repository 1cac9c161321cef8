import ProofmintCore
import ProofmintTestSupport
import XCTest

/// `StateTransition.execute(transactions:context:parent:state:)`, the entry point for a block context a consensus
/// engine gives (ABCI mode): it must compute exactly what `propose` computes for the same inputs, leave out what
/// `propose` leaves out, and refuse a context that is not the next block or a beacon for another block.
final class ConsensusExecutionTests: XCTestCase {
    private let alice = TestKeys.key("alice"), bob = TestKeys.address("bob")

    func testTheSameBlockAsProposeGivesTheSameRootsWriteForWrite() throws {
        let chain = try TestChain()
        let transactions = (0..<3).map { chain.transfer(from: alice, to: bob, amount: Tokens.one * Amount($0 + 1), nonce: UInt64($0)) }
        let producer = chain.producerKey(at: 1)
        let beacon = try BlockBeacon.prove(chainId: chain.chainId, height: 1, producer: producer)
        let parent = chain.genesisBlock.header
        let timestamp = parent.timestamp + 1_000
        let proposed = try StateTransition.propose(candidates: transactions, parent: parent, timestamp: timestamp, beacon: beacon, state: chain.store)
        let context = ConsensusBlock(chainId: chain.chainId, height: 1, timestamp: timestamp, beacon: beacon)
        let consensus = try StateTransition.execute(transactions: transactions, context: context, parent: parent, state: chain.store)

        XCTAssertEqual(consensus.outcome.stateRoot, proposed.header.stateRoot)
        XCTAssertEqual(consensus.outcome.header.receiptRoot, proposed.header.receiptRoot)
        XCTAssertEqual(consensus.outcome.stateWrites.map(\.key), proposed.outcome.stateWrites.map(\.key))
        XCTAssertEqual(consensus.outcome.stateWrites.map(\.value), proposed.outcome.stateWrites.map(\.value))
        XCTAssertEqual(consensus.included, transactions)
        XCTAssertEqual(consensus.includedIndexes, [0, 1, 2])
        XCTAssertEqual(consensus.outcome.header.parentHash, parent.hash)
        XCTAssertEqual(consensus.outcome.header.producer, producer.publicKey.bytes)
        XCTAssertEqual(consensus.outcome.header.beacon, beacon.proof, "the header carries the proposer's VRF proof")
        XCTAssertEqual(consensus.outcome.header, proposed.header, "the same header as propose's, field for field")
        XCTAssertTrue(consensus.block.isConsensusDecided)
        XCTAssertFalse(Block.sign(header: proposed.header, transactions: proposed.transactions, producer: producer).isConsensusDecided)
    }

    func testAnotherBeaconGivesAnotherRoot() throws {
        let chain = try TestChain()
        let parent = chain.genesisBlock.header
        let beacons = try chain.validatorKeys.map { try BlockBeacon.prove(chainId: chain.chainId, height: 1, producer: $0) }
        let roots = try beacons.map { beacon in
            try StateTransition.execute(
                transactions: [], context: ConsensusBlock(chainId: chain.chainId, height: 1, timestamp: parent.timestamp, beacon: beacon),
                parent: parent, state: chain.store
            ).outcome.stateRoot
        }
        XCTAssertNotEqual(roots[0], roots[1], "the beacon is folded into the randomness mix, which the root covers")
    }

    func testInadmissibleTransactionsAndThoseOverTheByteLimitAreLeftOut() throws {
        let chain = try TestChain()
        let parent = chain.genesisBlock.header
        let good = chain.transfer(from: alice, to: bob, amount: Tokens.one, nonce: 0)
        let gapped = chain.transfer(from: alice, to: bob, amount: Tokens.one, nonce: 5)
        let next = chain.transfer(from: alice, to: bob, amount: Tokens.one, nonce: 1)
        let beacon = try BlockBeacon.prove(chainId: chain.chainId, height: 1, producer: chain.producerKey(at: 1))
        let context = ConsensusBlock(chainId: chain.chainId, height: 1, timestamp: parent.timestamp + 1, beacon: beacon)
        let result = try StateTransition.execute(transactions: [good, gapped, next], context: context, parent: parent, state: chain.store)
        XCTAssertEqual(result.includedIndexes, [0, 2])
        XCTAssertEqual(result.dropped.map(\.index), [1])
        XCTAssertEqual(result.dropped.first?.error, .nonceTooHigh(expected: 1, actual: 5))

        let limited = try StateTransition.execute(
            transactions: [good, next], context: context, parent: parent, state: chain.store, maxBytes: good.encodedSize)
        XCTAssertEqual(limited.includedIndexes, [0], "the second does not fit; it is neither included nor refused")
        XCTAssertTrue(limited.dropped.isEmpty)
    }

    func testAContextThatIsNotTheNextBlockOfThisChainIsRefused() throws {
        let chain = try TestChain()
        let parent = chain.genesisBlock.header
        let key = chain.producerKey(at: 1)
        for (chainId, height) in [(chain.chainId, UInt64(2)), ("another-chain", UInt64(1))] {
            let beacon = try BlockBeacon.prove(chainId: chainId, height: height, producer: key)
            let context = ConsensusBlock(chainId: chainId, height: height, timestamp: parent.timestamp, beacon: beacon)
            XCTAssertThrowsError(try StateTransition.execute(transactions: [], context: context, parent: parent, state: chain.store))
        }
    }

    func testABeaconForAnotherHeightOrChainIsRefused() throws {
        let chain = try TestChain()
        let parent = chain.genesisBlock.header
        let key = chain.producerKey(at: 1)
        for (chainId, height) in [(chain.chainId, UInt64(2)), ("another-chain", UInt64(1))] {
            let beacon = try BlockBeacon.prove(chainId: chainId, height: height, producer: key)
            let context = ConsensusBlock(chainId: chain.chainId, height: 1, timestamp: parent.timestamp, beacon: beacon)
            XCTAssertThrowsError(try StateTransition.execute(transactions: [], context: context, parent: parent, state: chain.store)) {
                XCTAssertEqual($0 as? BlockError, .badBeacon(height: 1))
            }
        }
    }
}
