@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// PROTOCOL.md §4.4 (protocol version 4): validators produce in turn, and a silent producer's slot passes to the next
/// validator after each slot timeout, measured in the block's timestamp against its parent's.
final class ProducerScheduleTests: XCTestCase {
    let a = TestKeys.key("validator-a"), b = TestKeys.key("validator-b"), c = TestKeys.key("validator-c")
    var chain: TestChain!
    var parameters = Parameters.defaults

    override func setUpWithError() throws {
        chain = try TestChain(validators: ["validator-a", "validator-b", "validator-c"])
        parameters = try chain.store.parameters()
    }

    var timeout: UInt64 { ProducerSchedule.slotTimeout(parameters) }

    /// Block 1 stamped `offset` after genesis, proposed and signed by `key`.
    func block(by key: Ed25519.PrivateKey, after offset: UInt64) throws -> Block {
        let parent = chain.head, stamp = parent.timestamp + offset
        let beacon = try BlockHeader.beaconProof(chainId: parent.chainId, height: 1, producer: key)
        let proposal = try StateTransition.propose(
            candidates: [], parent: parent, timestamp: stamp, producer: key.publicKey, beacon: beacon, state: chain.store)
        return Block.sign(header: proposal.header, transactions: proposal.transactions, producer: key)
    }

    func assertProducer(_ block: Block, refusedFor expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try StateTransition.apply(block, parent: chain.head, state: chain.store), file: file, line: line) { error in
            XCTAssertEqual(error as? BlockError, .wrongProducer(height: 1, expected: expected), file: file, line: line)
        }
    }

    func testTheDevnetTimeoutIsTenOneSecondBlocks() {
        XCTAssertEqual(Parameters.defaults.compute.blocksPerYear, 31_536_000)
        XCTAssertEqual(ProducerSchedule.slotTimeout(.defaults), 10_000)
        var fast = Parameters.defaults
        fast.compute.blocksPerYear = 315_360_000
        XCTAssertEqual(ProducerSchedule.slotTimeout(fast), 1_000)
        fast.compute.blocksPerYear = 1_000_000_000  // the registry's bound: a 31 ms block, never a zero timeout
        XCTAssertEqual(ProducerSchedule.slotTimeout(fast), 310)
    }

    func testWithinTheTimeoutOnlyTheScheduledValidatorProduces() throws {
        XCTAssertNoThrow(try StateTransition.apply(try block(by: a, after: timeout - 1), parent: chain.head, state: chain.store))
        assertProducer(try block(by: b, after: timeout - 1), refusedFor: "validator-a")
        assertProducer(try block(by: c, after: 0), refusedFor: "validator-a")
    }

    func testASilentSlotPassesToTheNextValidatorAfterEachTimeout() throws {
        // One timeout: b's turn, and a's block is now refused.
        XCTAssertNoThrow(try StateTransition.apply(try block(by: b, after: timeout), parent: chain.head, state: chain.store))
        assertProducer(try block(by: a, after: timeout), refusedFor: "validator-b")
        // Two timeouts: c's; three: the turn is back with a.
        XCTAssertNoThrow(try StateTransition.apply(try block(by: c, after: 2 * timeout + 5), parent: chain.head, state: chain.store))
        XCTAssertNoThrow(try StateTransition.apply(try block(by: a, after: 3 * timeout), parent: chain.head, state: chain.store))
        assertProducer(try block(by: b, after: 3 * timeout), refusedFor: "validator-a")
    }

    /// A skip moves one slot, not the schedule: b took a's height 1, and height 2 is still b's, height 3 c's, 4 a's.
    func testTurnsAfterASkipFollowTheHeight() throws {
        _ = try chain.apply(try block(by: b, after: timeout))
        for expected in [b, c, a] {
            XCTAssertEqual(try chain.produce([]).block.header.producer, expected.publicKey.bytes)
        }
    }

    /// Withholding re-rolls the beacon: the next validator's proof for the same height is a different value, so the
    /// mix differs (ECONOMIC-SECURITY.md, "Producer schedule"). Version 3 stopped the chain instead.
    func testASkippedSlotHasAnotherBeacon() throws {
        let fromA = try block(by: a, after: 1_000), fromB = try block(by: b, after: timeout)
        XCTAssertNotEqual(BlockHeader.beaconOutput(fromA.header.beacon, producer: a.publicKey, chainId: chain.head.chainId, height: 1),
                          BlockHeader.beaconOutput(fromB.header.beacon, producer: b.publicKey, chainId: chain.head.chainId, height: 1))
    }

    /// With one validator every stamp schedules it: version 3's chains (the devnet, the golden chain) are unchanged.
    func testOneValidatorIsAlwaysScheduled() throws {
        let solo = ValidatorSet(validators: [.init(name: "solo", publicKey: a.publicKey)])
        for skips: UInt64 in [0, 1, 7, .max] {
            XCTAssertEqual(solo.producer(at: 9, skips: skips)?.name, "solo")
        }
        XCTAssertNil(ValidatorSet(validators: []).producer(at: 1, skips: 3))
    }

    /// The worked example of PROTOCOL.md §4.4: three validators, devnet parameters, block 5.
    func testTheProtocolsWorkedExample() {
        let set = ValidatorSet(validators: [a, b, c].enumerated().map { .init(name: "v\($0.offset)", publicKey: $0.element.publicKey) })
        let parent: UInt64 = 1_767_225_600_000
        let expected: [(UInt64, String)] = [(1_000, "v1"), (9_999, "v1"), (10_000, "v2"), (25_000, "v0"), (30_000, "v1")]
        for (offset, name) in expected {
            let turn = ProducerSchedule.producer(height: 5, parentTimestamp: parent, timestamp: parent + offset, validators: set, parameters: .defaults)
            XCTAssertEqual(turn?.name, name, "t_p + \(offset)")
        }
    }

    /// No height, stamp or skip count traps: the arithmetic is reduced before it adds.
    func testExtremeHeightsAndStampsDoNotOverflow() {
        let set = ValidatorSet(validators: [a, b, c].enumerated().map { .init(name: "v\($0.offset)", publicKey: $0.element.publicKey) })
        XCTAssertEqual(set.producer(at: .max, skips: .max)?.name, "v2")  // (2^64 − 2) mod 3 = 2, (2^64 − 1) mod 3 = 0
        XCTAssertEqual(ProducerSchedule.skips(parentTimestamp: 0, timestamp: .max, parameters: .defaults), UInt64.max / 10_000)
        XCTAssertEqual(ProducerSchedule.skips(parentTimestamp: 5, timestamp: 4, parameters: .defaults), 0)
    }

    /// `firstTurn` tells a producer when its next chance comes: now for the scheduled one, a timeout later for the next.
    func testFirstTurnIsWhenTheKeyIsScheduled() throws {
        let set = try chain.store.validatorSet(), head = chain.head
        XCTAssertEqual(ProducerSchedule.firstTurn(of: a.publicKey, after: head, validators: set, parameters: parameters), head.timestamp)
        XCTAssertEqual(ProducerSchedule.firstTurn(of: b.publicKey, after: head, validators: set, parameters: parameters), head.timestamp + timeout)
        XCTAssertEqual(ProducerSchedule.firstTurn(of: c.publicKey, after: head, validators: set, parameters: parameters), head.timestamp + 2 * timeout)
        XCTAssertNil(ProducerSchedule.firstTurn(of: TestKeys.key("mallory").publicKey, after: head, validators: set, parameters: parameters))
        for key in [a, b, c] {
            let turn = try XCTUnwrap(ProducerSchedule.firstTurn(of: key.publicKey, after: head, validators: set, parameters: parameters))
            XCTAssertEqual(ProducerSchedule.producer(height: 1, parentTimestamp: head.timestamp, timestamp: turn, validators: set, parameters: parameters)?.publicKey, key.publicKey)
        }
    }
}
