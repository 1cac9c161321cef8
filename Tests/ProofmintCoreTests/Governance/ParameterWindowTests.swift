@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The step rule per window (PROTOCOL.md §12.9, protocol version 2): a parameter moves at most
/// `governance.max_change_bps` from its value at the start of its window, however many proposals pass inside it, and
/// the rule's own parameters are bounded so one proposal cannot lift it. The window is planted short (20 blocks) so
/// the test can outlive it; the registry keeps real chains at a day or more.
final class ParameterWindowTests: StakingTestCase {
    static let AI = Tokens.one
    let alice = TestKeys.key("alice"), bob = TestKeys.key("bob"), carol = TestKeys.key("carol")

    func makeChain(window: UInt64 = 20) throws -> TestChain {
        let chain = try TestChain(
            users: [("alice", 100_000 * Self.AI), ("bob", 10_000 * Self.AI), ("carol", 10_000 * Self.AI)],
            parameters: #"{"governance": {"block_time_ms": 86400000, "timelock_blocks": 2}}"#)
        var parameters = chain.currentParameters()
        parameters.governance.changeWindowBlocks = window
        try chain.plant([(.parameters, parameters.canonicalBytes)])
        let stakes = [alice, bob, carol].map { chain.stake(from: $0, amount: 200 * Self.AI) }
        XCTAssertEqual(try chain.produce(stakes).outcome.receipts.map(\.code), [0, 0, 0])
        return chain
    }

    /// Proposes `changes` from alice, has everyone vote yes and waits for the execution; returns the execution height.
    @discardableResult
    func pass(_ changes: [ProposalContent.ParameterChange], on chain: TestChain) throws -> UInt64 {
        let id = chain.governanceState().nextProposalId
        try assertSucceeds(chain.propose(from: alice, .parameterChange(changes)), on: chain)
        XCTAssertEqual(try chain.produce([alice, bob, carol].map { chain.vote(from: $0, proposal: id, .yes) }).outcome.receipts.map(\.code), [0, 0, 0])
        let proposal = try XCTUnwrap(chain.proposal(id))
        try chain.advance(to: proposal.votingEndHeight)
        let at = try XCTUnwrap(chain.proposal(id)?.executeHeight)
        try chain.advance(to: at)
        XCTAssertEqual(chain.proposal(id)?.status, .executed)
        return at
    }

    func testTwentyPercentTwiceInsideOneWindowIsRefusedAndAllowedAfterIt() throws {
        let chain = try makeChain()
        let name = "compute.protocol_fee_bps"
        XCTAssertEqual(chain.currentParameters().compute.protocolFeeBps, 30)
        let start = try pass([.init(name: name, value: 36)], on: chain)
        XCTAssertEqual(chain.currentParameters().compute.protocolFeeBps, 36)
        XCTAssertEqual(
            try chain.store.record(ParameterChangeWindow.self, at: .parameterWindow(name)),
            ParameterChangeWindow(startHeight: start, valueAtStart: 30))
        // Another 20% from the value in force (36 → 43) is 43% from the window's start (30): refused when proposed.
        let tooFar = ProposalContent.parameterChange([.init(name: name, value: 43)])
        try assertExecutionFails(
            chain.propose(from: alice, tooFar), .parameterChangeTooLarge(name: name, current: 30, requested: 43, maxStep: 6), on: chain)
        // The window's last block (start + 19) still refuses it; from start + 20 a new window starts at the value in
        // force (36, a step of 7), so the same change passes.
        try chain.advance(to: start + 18)
        try assertExecutionFails(
            chain.propose(from: alice, tooFar), .parameterChangeTooLarge(name: name, current: 30, requested: 43, maxStep: 6), on: chain)
        XCTAssertEqual(chain.head.height, start + 19)
        let second = try pass([.init(name: name, value: 43)], on: chain)
        XCTAssertEqual(chain.currentParameters().compute.protocolFeeBps, 43)
        XCTAssertEqual(
            try chain.store.record(ParameterChangeWindow.self, at: .parameterWindow(name)),
            ParameterChangeWindow(startHeight: second, valueAtStart: 36))
    }

    func testTheRulesOwnParametersAreBoundedAndStepped() throws {
        let chain = try makeChain()
        // max_change_bps above its bound of 2,000 is refused at proposal, whatever the step.
        try assertExecutionFails(
            chain.propose(from: alice, .parameterChange([.init(name: "governance.max_change_bps", value: 10_000)])),
            .parameterOutOfBounds(name: "governance.max_change_bps", minimum: 1, maximum: 2000, requested: 10_000), on: chain)
        try assertExecutionFails(
            chain.propose(from: alice, .parameterChange([.init(name: "governance.max_change_bps", value: 2001)])),
            .parameterOutOfBounds(name: "governance.max_change_bps", minimum: 1, maximum: 2000, requested: 2001), on: chain)
        // The window cannot be cut below one day of 1-second blocks, and moves 20% at a time like any parameter.
        try assertExecutionFails(
            chain.propose(from: alice, .parameterChange([.init(name: "governance.change_window_blocks", value: 86_399)])),
            .parameterOutOfBounds(name: "governance.change_window_blocks", minimum: 86_400, maximum: 100_000_000, requested: 86_399), on: chain)
        // Lowering max_change_bps is stepped too: 2,000 → 1,600 at most in one window.
        try assertExecutionFails(
            chain.propose(from: alice, .parameterChange([.init(name: "governance.max_change_bps", value: 1599)])),
            .parameterChangeTooLarge(name: "governance.max_change_bps", current: 2000, requested: 1599, maxStep: 400), on: chain)
        try pass([.init(name: "governance.max_change_bps", value: 1600)], on: chain)
        XCTAssertEqual(chain.currentParameters().governance.maxChangeBps, 1600)
    }

    func testAGenesisCannotStartOutsideTheBounds() {
        for (member, value) in [("max_change_bps", "10000"), ("change_window_blocks", "100")] {
            let json = TestChain.genesisJSON(
                chainId: "proofmint-test", genesisTime: "2026-01-01T00:00:00Z", validators: ["validator-a"],
                users: [("alice", Self.AI)], parameters: #"{"governance": {"\#(member)": \#(value)}}"#)
            XCTAssertThrowsError(try Genesis.parse(json: Array(json.utf8)), member)
        }
    }
}
