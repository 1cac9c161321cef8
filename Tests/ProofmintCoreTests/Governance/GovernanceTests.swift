import Foundation
@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Every governance rule: proposals of each kind, quadratic votes, quorum and threshold, the timelock, execution
/// inside the state transition, and the attacks issue 5 names.
///
/// The chain counts a day as one block (`block_time_ms` = 86,400,000), so a parameter change votes for 3 blocks, a
/// treasury spend for 7 and an upgrade for 14, and (set here) a text proposal for 10; the timelock is 2 blocks. Alice, bob, carol and dave stake 200 AI each.
final class GovernanceTests: StakingTestCase {
    static let AI = Tokens.one
    let alice = TestKeys.key("alice"), bob = TestKeys.key("bob"), carol = TestKeys.key("carol"), dave = TestKeys.key("dave")
    let erin = TestKeys.key("erin")

    func makeChain(governance: String = "") throws -> TestChain {
        let extra = governance.isEmpty ? "" : ", \(governance)"
        let chain = try TestChain(
            users: [("alice", 100_000 * Self.AI), ("bob", 10_000 * Self.AI), ("carol", 10_000 * Self.AI), ("dave", 10_000 * Self.AI),
                    ("erin", 10_000 * Self.AI)],
            modules: [(.treasury, 1_000 * Self.AI)],
            parameters: #"{"governance": {"block_time_ms": 86400000, "timelock_blocks": 2, "voting_days": {"text": 10}\#(extra)}}"#)
        let stakes = [alice, bob, carol, dave].map { chain.stake(from: $0, amount: 200 * Self.AI) }
        XCTAssertEqual(try chain.produce(stakes).outcome.receipts.map(\.code), [0, 0, 0, 0])
        XCTAssertEqual(chain.governanceState().totalStake, 800 * Self.AI)
        return chain
    }

    /// Proposes `content` from alice in the next block and returns the new proposal's id.
    @discardableResult
    func open(_ content: ProposalContent, on chain: TestChain, deposit: Amount? = nil) throws -> UInt64 {
        let id = chain.governanceState().nextProposalId
        let receipt = try assertSucceeds(chain.propose(from: alice, content, deposit: deposit), on: chain)
        guard case .proposed(id, _, _, _, _)? = receipt.events.last else { throw XCTSkip("no proposed event: \(receipt.events)") }
        return id
    }

    func voteAll(_ id: UInt64, _ votes: [(Ed25519.PrivateKey, VoteOption)], on chain: TestChain) throws {
        let (_, outcome, dropped) = try chain.produce(votes.map { chain.vote(from: $0.0, proposal: id, $0.1) })
        XCTAssertTrue(dropped.isEmpty)
        XCTAssertEqual(outcome.receipts.map(\.code), votes.map { _ in 0 })
    }

    /// Produces empty blocks until `proposal` has left its voting period (and its timelock, if `executed`).
    func finish(_ id: UInt64, on chain: TestChain, executed: Bool = true) throws {
        let proposal = try XCTUnwrap(chain.proposal(id))
        try chain.advance(to: proposal.votingEndHeight)
        if executed, let at = chain.proposal(id)?.executeHeight { try chain.advance(to: at) }
    }

    // MARK: - Parameter changes

    func testAParameterChangePassesAfterItsTimelockAndTakesEffectFromTheNextBlock() throws {
        let chain = try makeChain()
        let change = ProposalContent.parameterChange([.init(name: "min_fee", value: chain.parameters.minFee * 12 / 10)])
        let aliceBefore = chain.balance(address(alice))
        let id = try open(change, on: chain)
        let proposal = try XCTUnwrap(chain.proposal(id))
        XCTAssertEqual(proposal.votingEndHeight, proposal.submitHeight + 2, "3 days of 1-block days")
        XCTAssertEqual(chain.balance(ModuleAccount.governance.address), 100 * Self.AI, "the deposit is held")
        try voteAll(id, [(alice, .yes), (bob, .yes), (carol, .no)], on: chain)
        try chain.advance(to: proposal.votingEndHeight)

        let tallied = try XCTUnwrap(chain.proposal(id))
        XCTAssertEqual(tallied.status, .passed)
        XCTAssertEqual(tallied.executeHeight, proposal.votingEndHeight + 2)
        let tally = try XCTUnwrap(tallied.tally)
        XCTAssertTrue(tally.quorumReached)
        XCTAssertEqual(tally.participationStake, 600 * Self.AI)
        XCTAssertEqual([tally.yesStake, tally.noStake, tally.abstainStake], [400 * Self.AI, 200 * Self.AI, 0])
        XCTAssertEqual(tally.no, VotingPower.of(balance: chain.balance(address(carol)), staked: 200 * Self.AI))
        XCTAssertEqual(chain.balance(address(alice)), aliceBefore - chain.parameters.minFee * 2, "deposit back; two fees paid")
        XCTAssertEqual(chain.currentParameters().minFee, chain.parameters.minFee, "not before the timelock")

        try chain.advance(to: try XCTUnwrap(tallied.executeHeight))
        XCTAssertEqual(chain.proposal(id)?.status, .executed)
        let newFee = chain.parameters.minFee * 12 / 10
        XCTAssertEqual(chain.currentParameters().minFee, newFee)
        // The next block already refuses the old minimum.
        let (_, proposal2) = try chain.propose([chain.transfer(from: erin, to: address(bob), amount: 1, fee: chain.parameters.minFee)])
        XCTAssertEqual(proposal2.dropped.first?.error, .feeTooLow(minimum: newFee, actual: chain.parameters.minFee))
        XCTAssertEqual(chain.governanceState().openProposals, 0)
        XCTAssertEqual(chain.openProposals(), [])
    }

    func testParameterChangesOutsideBoundsOrStepsAreRefused() throws {
        let chain = try makeChain()
        let current = UInt128(chain.parameters.compute.protocolFeeBps)  // 30: may move by 6
        try assertExecutionFails(
            chain.propose(from: alice, .parameterChange([.init(name: "compute.protocol_fee_bps", value: current + 7)])),
            .parameterChangeTooLarge(name: "compute.protocol_fee_bps", current: current, requested: current + 7, maxStep: 6), on: chain)
        try assertExecutionFails(
            chain.propose(from: alice, .parameterChange([.init(name: "governance.pass_threshold_bps", value: 4999)])),
            .parameterOutOfBounds(name: "governance.pass_threshold_bps", minimum: 5000, maximum: 9999, requested: 4999), on: chain)
        // Each share within its step, but the split no longer adds up to 10,000.
        try assertExecutionFails(
            chain.propose(from: alice, .parameterChange([.init(name: "fee_split_bps.burn", value: 4100)])),
            .parametersInvalid(reason: "fee_split_bps must add up to 10000, got 10100"), on: chain)
        try assertInadmissible(
            chain.propose(from: alice, .parameterChange([.init(name: "min_feee", value: 1)])),
            .invalidProposal(reason: "unknown parameter 'min_feee' (docs/PARAMETERS.md lists them)"), on: chain)
        try assertInadmissible(
            chain.propose(from: alice, .parameterChange([.init(name: "min_fee", value: 1), .init(name: "epoch_length", value: 61)])),
            .invalidProposal(reason: "parameter names must be unique and sorted"), on: chain)
        try assertInadmissible(chain.propose(from: alice, .parameterChange([])), .invalidProposal(reason: "a parameter change needs at least one parameter"), on: chain)
        // A coordinated move of two shares is fine.
        try open(.parameterChange([.init(name: "fee_split_bps.burn", value: 4400), .init(name: "fee_split_bps.treasury", value: 1600)]), on: chain)
    }

    func testAStepIsMeasuredFromTheValueAtTheWindowsStart() throws {
        let chain = try makeChain()
        // Both are within 20% of the fee when proposed. The first executes and opens the fee's window at the old value;
        // the second is 33% from the value then in force but within 20% of the window's start, so it executes too.
        let fee = chain.parameters.minFee
        let (_, outcome, _) = try chain.produce([
            chain.propose(from: alice, .parameterChange([.init(name: "min_fee", value: fee * 12 / 10)])),
            chain.propose(from: alice, .parameterChange([.init(name: "min_fee", value: fee * 8 / 10)]), nonce: chain.nonce(address(alice)) + 1),
        ])
        XCTAssertEqual(outcome.receipts.map(\.code), [0, 0])
        let (first, second) = (UInt64(1), UInt64(2))
        let votes = [alice, bob, carol].flatMap { key in
            [first, second].enumerated().map { offset, id in chain.vote(from: key, proposal: id, .yes, nonce: chain.nonce(address(key)) + UInt64(offset)) }
        }
        XCTAssertEqual(try chain.produce(votes).outcome.receipts.map(\.code), votes.map { _ in 0 })
        try finish(second, on: chain)
        XCTAssertEqual(chain.proposal(first)?.status, .executed)
        XCTAssertEqual(chain.proposal(second)?.status, .executed)
        XCTAssertEqual(chain.currentParameters().minFee, fee * 8 / 10)
        let window = try XCTUnwrap(chain.store.record(ParameterChangeWindow.self, at: .parameterWindow("min_fee")))
        XCTAssertEqual(window.valueAtStart, fee)
        XCTAssertEqual(window.startHeight, try XCTUnwrap(chain.proposal(first)?.executeHeight))
    }

    // MARK: - Treasury

    func testATreasurySpendPaysAndCanNeverExceedTheTreasuryAtExecution() throws {
        let chain = try makeChain()
        // Planted: an open spend window whose start balance allows far more than the treasury holds (the bound of
        // governance.max_spend_bps has its own tests in SpendWindowTests), so only the balance check can stop a spend.
        try chain.plant([(.spendWindow("treasury"), SpendWindow(startHeight: chain.head.height, balanceAtStart: 100_000 * Self.AI, spent: 0).canonicalBytes)])
        let treasury = chain.balance(ModuleAccount.treasury.address)
        let spend = try open(.treasurySpend(recipient: address(erin), amount: 300 * Self.AI), on: chain)
        let tooMuch = try open(.treasurySpend(recipient: address(erin), amount: treasury), on: chain)
        for id in [spend, tooMuch] { try voteAll(id, [(alice, .yes), (bob, .yes), (carol, .yes)], on: chain) }
        let erinBefore = chain.balance(address(erin))
        try finish(tooMuch, on: chain)
        XCTAssertEqual(chain.proposal(spend)?.status, .executed)
        XCTAssertEqual(chain.proposal(tooMuch)?.status, .executionFailed)
        XCTAssertEqual(chain.proposal(tooMuch)?.failureCode, TransactionError.treasuryInsufficient(balance: 0, amount: 0).code)
        XCTAssertEqual(chain.balance(address(erin)), erinBefore + 300 * Self.AI, "only the first spend moved anything")
        XCTAssertLessThan(chain.balance(ModuleAccount.treasury.address), treasury)
        assertSupplyInvariant(chain)
    }

    // MARK: - Outcomes

    func testAProposalWithoutQuorumOrMajorityFailsAndBurnsItsDeposit() throws {
        let chain = try makeChain()
        let burned = chain.totals().burned
        let lonely = try open(.text(title: "ship it", documentHash: .digest([1])), on: chain)
        let opposed = try open(.text(title: "do not", documentHash: .digest([2])), on: chain)
        try voteAll(lonely, [(alice, .yes)], on: chain)  // 1 of 4 stakes: 25% < 51%
        try voteAll(opposed, [(alice, .no), (bob, .no), (carol, .yes), (dave, .abstain)], on: chain)
        try finish(opposed, on: chain, executed: false)
        XCTAssertEqual(chain.proposal(lonely)?.status, .rejected)
        XCTAssertEqual(chain.proposal(lonely)?.tally?.quorumReached, false)
        XCTAssertEqual(chain.proposal(opposed)?.status, .rejected)
        XCTAssertEqual(chain.proposal(opposed)?.tally?.quorumReached, true, "abstain counts for quorum")
        // Both deposits burned, plus the burned share of the seven fees paid meanwhile.
        XCTAssertEqual(chain.totals().burned, burned + 200 * Self.AI + 7 * chain.parameters.minFee * 4 / 10)
        XCTAssertEqual(chain.balance(ModuleAccount.governance.address), 0)
        assertSupplyInvariant(chain)
    }

    func testASlashProposalCallsTheStakingModule() throws {
        let chain = try makeChain()
        let id = try open(.slash(provider: address(dave), reason: .slaViolation, bps: 500), on: chain)
        try voteAll(id, [(alice, .yes), (bob, .yes), (carol, .yes)], on: chain)
        try finish(id, on: chain)
        XCTAssertEqual(chain.proposal(id)?.status, .executed)
        XCTAssertEqual(chain.stakeRecord(address(dave))?.amount, 190 * Self.AI)
        XCTAssertEqual(chain.governanceState().totalStake, 790 * Self.AI)
        XCTAssertNil(chain.store.values[.slashHold(address(dave))], "the hold ends with the execution")
        assertSupplyInvariant(chain)
    }

    func testAnUnknownUpgradeHaltsTheChainAtItsHeight() throws {
        let chain = try makeChain()
        let earliest = chain.nextHeight + 13 + 2  // after 14 voting blocks and the 2-block timelock
        try assertExecutionFails(
            chain.propose(from: alice, .upgrade(name: "v2", height: earliest)), .upgradeHeightTooSoon(earliest: earliest + 1), on: chain)
        let height = chain.nextHeight + 20
        let id = try open(.upgrade(name: "v2", height: height), on: chain)
        try voteAll(id, [(alice, .yes), (bob, .yes), (carol, .yes), (dave, .yes)], on: chain)  // upgrades need 75%
        try finish(id, on: chain)
        XCTAssertEqual(chain.proposal(id)?.status, .executed)
        try chain.advance(to: height - 1)
        XCTAssertThrowsError(try chain.produce([])) { XCTAssertEqual($0 as? BlockError, .unknownUpgrade(name: "v2", height: height)) }
        XCTAssertThrowsError(try StateTransition.apply(chain.rawBlock([]), parent: chain.head, state: chain.store)) {
            XCTAssertEqual($0 as? BlockError, .unknownUpgrade(name: "v2", height: height))
        }
    }

    // MARK: - Votes

    func testVotingRules() throws {
        let chain = try makeChain()
        try assertExecutionFails(chain.vote(from: bob, proposal: 99, .yes), .unknownProposal(id: 99), on: chain)
        let id = try open(.text(title: "t", documentHash: .zero), on: chain)
        try assertExecutionFails(
            chain.vote(from: erin, proposal: id, .yes), .notEligibleToVote(minimumStake: 100 * Self.AI, staked: 0), on: chain)
        // A later vote replaces an earlier one; the voter is listed once.
        try voteAll(id, [(bob, .no)], on: chain)
        try voteAll(id, [(bob, .yes), (alice, .yes), (carol, .yes)], on: chain)
        XCTAssertEqual(chain.voters(of: id), [address(bob), address(alice), address(carol)])
        XCTAssertEqual(chain.proposal(id)?.voterCount, 3)
        try finish(id, on: chain, executed: false)
        XCTAssertEqual(chain.proposal(id)?.tally?.no, 0)
        try assertExecutionFails(chain.vote(from: dave, proposal: id, .yes), .votingClosed(id: id), on: chain)
    }

    func testProposalSpamCostsADepositAndIsBounded() throws {
        let chain = try makeChain(governance: #""max_active_proposals": 2"#)
        try assertExecutionFails(
            chain.propose(from: alice, .text(title: "cheap", documentHash: .zero), deposit: 100 * Self.AI - 1),
            .depositBelowMinimum(minimum: 100 * Self.AI, actual: 100 * Self.AI - 1), on: chain)
        try open(.text(title: "one", documentHash: .zero), on: chain)
        try open(.text(title: "two", documentHash: .zero), on: chain)
        try assertExecutionFails(chain.propose(from: alice, .text(title: "three", documentHash: .zero)), .tooManyActiveProposals(max: 2), on: chain)
        // An account with almost nothing cannot propose at all.
        let poor = TestKeys.key("poor")
        try chain.produce([chain.transfer(from: erin, to: address(poor), amount: Self.AI)])
        let power = VotingPower.isqrt(Self.AI - chain.parameters.minFee)
        try assertExecutionFails(
            chain.propose(from: poor, .text(title: "x", documentHash: .zero)),
            .proposerPowerTooLow(required: 20_000_000_000, actual: power), on: chain)
    }

    /// Moving tokens between votes gains nothing: power is read at the tally, where the tokens sit in one place,
    /// and √(a + b) ≤ √a + √b.
    func testMovingTokensBetweenVotersGainsNothing() throws {
        let chain = try makeChain()
        let id = try open(.text(title: "t", documentHash: .zero), on: chain)
        let bobBalance = chain.balance(address(bob))
        let unmoved = VotingPower.of(balance: bobBalance, staked: 200 * Self.AI)
            + VotingPower.of(balance: chain.balance(address(carol)), staked: 200 * Self.AI)
        try voteAll(id, [(bob, .yes)], on: chain)
        // Bob moves everything spendable to carol, who votes the same way.
        let moved = chain.balance(address(bob)) - chain.parameters.minFee
        try chain.produce([chain.transfer(from: bob, to: address(carol), amount: moved)])
        try voteAll(id, [(carol, .yes)], on: chain)
        try finish(id, on: chain, executed: false)
        let yes = try XCTUnwrap(chain.proposal(id)?.tally?.yes)
        XCTAssertEqual(yes, VotingPower.of(balance: chain.balance(address(bob)), staked: 200 * Self.AI)
            + VotingPower.of(balance: chain.balance(address(carol)), staked: 200 * Self.AI))
        XCTAssertLessThan(yes, unmoved)
    }

    /// Quadratic power invites splitting: one holder spread over N addresses gains √N×. The stake gate bounds N by
    /// stake / voter_min_stake; with the gate off (0) the attack is unbounded but for fees.
    func testSybilSplittingGainsSqrtNAndTheStakeGateBoundsIt() throws {
        let balance = 10_000 * Self.AI, staked = 1_600 * Self.AI
        let whole = VotingPower.of(balance: balance, staked: staked)
        for n: UInt128 in [4, 16] {
            let split = n * VotingPower.of(balance: balance / n, staked: staked / n)
            XCTAssertEqual(split, VotingPower.isqrt(n) * whole, "\(n) addresses give √\(n)× the power")
        }
        // With the 100 AI gate, 1,600 AI of stake makes at most 16 voters: the gain is at most √16 = 4×.
        let chain = try makeChain()
        let id = try open(.text(title: "t", documentHash: .zero), on: chain)
        let sybil = TestKeys.key("sybil-1")
        try chain.produce([chain.transfer(from: erin, to: address(sybil), amount: 150 * Self.AI)])
        try chain.produce([chain.stake(from: sybil, amount: 99 * Self.AI + 1)])  // below the 100 AI minimum stake: refused
        try assertExecutionFails(chain.vote(from: sybil, proposal: id, .yes), .notEligibleToVote(minimumStake: 100 * Self.AI, staked: 0), on: chain)
    }

    func testPowerAndTallySumsCannotOverflow() throws {
        XCTAssertEqual(VotingPower.isqrt(.max), UInt128(UInt64.max))
        XCTAssertEqual(VotingPower.of(balance: .max, staked: .max), 3 * UInt128(UInt64.max))
        var rng = SplitMix64(seed: 0x15_0e7)
        for _ in 0..<2000 {
            let value = rng.interestingUInt128()
            let root = VotingPower.isqrt(value)
            XCTAssertLessThanOrEqual(root.multipliedReportingOverflow(by: root).partialValue, value)
            let next = root + 1
            let (square, overflow) = next.multipliedReportingOverflow(by: next)
            XCTAssertTrue(overflow || square > value, "isqrt(\(value)) = \(root)")
        }
        // The voter count is a u32: even 2^32 voters at the largest possible power sum far below 2^128.
        XCTAssertFalse((UInt128(UInt32.max) * 3 * UInt128(UInt64.max)).multipliedReportingOverflow(by: 10_000).overflow)
    }

    func testTheCommittedParametersPageIsTheGeneratorsOutput() throws {
        let page = RepositoryRoot.url
            .appendingPathComponent("docs/PARAMETERS.md")
        XCTAssertEqual(
            try String(contentsOf: page, encoding: .utf8), ParameterTable.markdown(),
            "docs/PARAMETERS.md is stale: regenerate it with `proofmintd parameters --markdown > docs/PARAMETERS.md`")
    }

    func testTheRegistryMatchesTheDefaultsAndBounds() {
        var names = Set<String>()
        for spec in ParameterRegistry.all {
            XCTAssertTrue(names.insert(spec.name).inserted, "\(spec.name) twice")
            let value = spec.value(in: .defaults)
            XCTAssertTrue(value >= spec.minimum && value <= spec.maximum, "\(spec.name) default \(value) outside its bounds")
            // Setting a parameter to its own value changes nothing.
            var copy = Parameters.defaults
            spec.set(&copy, value)
            XCTAssertEqual(copy, .defaults, spec.name)
        }
        XCTAssertEqual(ParameterSpec.maxStep(from: 0, maxChangeBps: 2000), 1)
        XCTAssertEqual(ParameterSpec.maxStep(from: 30, maxChangeBps: 2000), 6)
    }
}


