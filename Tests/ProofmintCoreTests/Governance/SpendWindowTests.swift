@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Spends from a named module account, bounded per window (PROTOCOL.md §12.8, protocol version 2): a `treasury_spend`
/// names its source, and within one window of `governance.change_window_blocks` governance may take from that source
/// at most `governance.max_spend_bps` (10%) of its balance at the window's start. The window is planted short (20
/// blocks) so the test can outlive it. `ecosystem` receives no fee share, so its balance moves only by the spends.
final class SpendWindowTests: StakingTestCase {
    static let AI = Tokens.one
    let alice = TestKeys.key("alice"), bob = TestKeys.key("bob"), carol = TestKeys.key("carol"), erin = TestKeys.key("erin")
    let ecosystem = ModuleAccount.ecosystem.rawValue

    func makeChain(window: UInt64 = 20) throws -> TestChain {
        let chain = try TestChain(
            users: [("alice", 100_000 * Self.AI), ("bob", 10_000 * Self.AI), ("carol", 10_000 * Self.AI), ("erin", 10 * Self.AI)],
            modules: [(.treasury, 1_000 * Self.AI), (.ecosystem, 10_000 * Self.AI)],
            parameters: #"{"governance": {"block_time_ms": 86400000, "timelock_blocks": 2}}"#)
        var parameters = chain.currentParameters()
        parameters.governance.changeWindowBlocks = window
        try chain.plant([(.parameters, parameters.canonicalBytes)])
        let stakes = [alice, bob, carol].map { chain.stake(from: $0, amount: 200 * Self.AI) }
        XCTAssertEqual(try chain.produce(stakes).outcome.receipts.map(\.code), [0, 0, 0])
        return chain
    }

    func spend(_ amount: Amount, from source: String) -> ProposalContent {
        .treasurySpend(recipient: address(erin), amount: amount, source: source)
    }

    /// Proposes `content` from alice and has everyone vote yes; returns the id.
    func openAndApprove(_ content: ProposalContent, on chain: TestChain) throws -> UInt64 {
        let id = chain.governanceState().nextProposalId
        try assertSucceeds(chain.propose(from: alice, content), on: chain)
        XCTAssertEqual(try chain.produce([alice, bob, carol].map { chain.vote(from: $0, proposal: id, .yes) }).outcome.receipts.map(\.code), [0, 0, 0])
        return id
    }

    /// Waits until proposal `id` has executed (or failed to); returns the execution height.
    @discardableResult
    func finish(_ id: UInt64, on chain: TestChain) throws -> UInt64 {
        try chain.advance(to: try XCTUnwrap(chain.proposal(id)).votingEndHeight)
        let at = try XCTUnwrap(chain.proposal(id)?.executeHeight)
        try chain.advance(to: at)
        return at
    }

    func window(_ source: String, on chain: TestChain) throws -> SpendWindow? {
        try chain.store.record(SpendWindow.self, at: .spendWindow(source))
    }

    func testASpendFromEcosystemMovesItsTokensAndOpensItsWindow() throws {
        let chain = try makeChain()
        let erinBefore = chain.balance(address(erin)), treasuryBefore = chain.balance(ModuleAccount.treasury.address)
        let id = try openAndApprove(spend(600 * Self.AI, from: ecosystem), on: chain)
        XCTAssertEqual(chain.proposal(id)?.content.fields.first { $0.name == "source" }?.value, "ecosystem")
        let at = try finish(id, on: chain)
        XCTAssertEqual(chain.proposal(id)?.status, .executed)
        XCTAssertEqual(chain.balance(ModuleAccount.ecosystem.address), 9_400 * Self.AI)
        XCTAssertEqual(chain.balance(address(erin)), erinBefore + 600 * Self.AI)
        XCTAssertGreaterThanOrEqual(chain.balance(ModuleAccount.treasury.address), treasuryBefore, "the treasury paid nothing")
        XCTAssertEqual(try window(ecosystem, on: chain), SpendWindow(startHeight: at, balanceAtStart: 10_000 * Self.AI, spent: 600 * Self.AI))
        XCTAssertNil(try window("treasury", on: chain), "each source has its own window")
        assertSupplyInvariant(chain)
    }

    func testASecondSpendPastTenPercentFailsInsideTheWindowAndWorksAfterIt() throws {
        let chain = try makeChain()
        // Each alone is within 10% of 10,000 AI, so both are admitted; together they are not.
        let first = try openAndApprove(spend(600 * Self.AI, from: ecosystem), on: chain)
        let second = try openAndApprove(spend(500 * Self.AI, from: ecosystem), on: chain)
        let start = try finish(first, on: chain)
        try finish(second, on: chain)
        XCTAssertEqual(chain.proposal(first)?.status, .executed)
        XCTAssertEqual(chain.proposal(second)?.status, .executionFailed)
        XCTAssertEqual(chain.proposal(second)?.failureCode, TransactionErrorCode.spendLimitExceeded.rawValue)
        XCTAssertEqual(TransactionErrorCode.spendLimitExceeded.rawValue, 152)
        XCTAssertEqual(chain.balance(ModuleAccount.ecosystem.address), 9_400 * Self.AI, "the failed spend moved nothing")
        // Proposed inside the window, the same spend is refused at once.
        try assertExecutionFails(
            chain.propose(from: alice, spend(500 * Self.AI, from: ecosystem)),
            .spendLimitExceeded(source: ecosystem, limit: 1_000 * Self.AI, spent: 600 * Self.AI, requested: 500 * Self.AI), on: chain)
        // From start + 20 a new window opens at the balance then (9,400 AI: at most 940 AI).
        try chain.advance(to: start + 19)
        let third = try openAndApprove(spend(500 * Self.AI, from: ecosystem), on: chain)
        let restart = try finish(third, on: chain)
        XCTAssertEqual(chain.proposal(third)?.status, .executed)
        XCTAssertEqual(chain.balance(ModuleAccount.ecosystem.address), 8_900 * Self.AI)
        XCTAssertEqual(try window(ecosystem, on: chain), SpendWindow(startHeight: restart, balanceAtStart: 9_400 * Self.AI, spent: 500 * Self.AI))
        assertSupplyInvariant(chain)
    }

    func testTheBoundUsesTheBalanceAtTheWindowsStart() throws {
        let chain = try makeChain()
        let first = try openAndApprove(spend(600 * Self.AI, from: ecosystem), on: chain)
        try finish(first, on: chain)
        // 10% of the balance now (9,400 AI) would be 940 AI, less than 600 + 400; 10% of the start (10,000 AI) is 1,000.
        let second = try openAndApprove(spend(400 * Self.AI, from: ecosystem), on: chain)
        try finish(second, on: chain)
        XCTAssertEqual(chain.proposal(second)?.status, .executed)
        XCTAssertEqual(chain.balance(ModuleAccount.ecosystem.address), 9_000 * Self.AI)
        XCTAssertEqual(try window(ecosystem, on: chain)?.spent, 1_000 * Self.AI)
        // Not one base unit more.
        try assertExecutionFails(
            chain.propose(from: alice, spend(1, from: ecosystem)),
            .spendLimitExceeded(source: ecosystem, limit: 1_000 * Self.AI, spent: 1_000 * Self.AI, requested: 1), on: chain)
    }

    func testAnUnknownSourceIsRefused() throws {
        let chain = try makeChain()
        for source in ["team", "reward_pool", "governance", "Treasury", ""] {
            try assertInadmissible(
                chain.propose(from: alice, spend(Self.AI, from: source)),
                .invalidProposal(reason: "unknown spend source '\(source)' (one of treasury, ecosystem, liquidity, training, public_sale)"), on: chain)
        }
        XCTAssertEqual(ProposalContent.spendSources.map(\.rawValue), ["treasury", "ecosystem", "liquidity", "training", "public_sale"])
    }

    func testTheSourceIsPartOfTheEncodingAndDefaultsToTheTreasury() throws {
        let content = spend(7, from: "public_sale")
        XCTAssertEqual(try ProposalContent(canonical: content.canonicalBytes), content)
        XCTAssertEqual(ProposalContent.treasurySpend(recipient: address(erin), amount: 7), spend(7, from: "treasury"))
        XCTAssertEqual(content.fields.map(\.name), ["recipient", "amount", "source"])
        XCTAssertEqual(ParameterRegistry.spec(named: "governance.max_spend_bps")?.maximum, 2000)
        XCTAssertEqual(Parameters.defaults.governance.maxSpendBps, 1000)
    }
}
