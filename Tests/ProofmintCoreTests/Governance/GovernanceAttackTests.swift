import Foundation
@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Issue 11's attacks on governance, each shown to fail under protocol version 2: splitting stake, filling the voter
/// list, withdrawing ahead of a slash, and the per-block cost of waiting proposals.
final class GovernanceAttackTests: StakingTestCase {
    static let AI = Tokens.one
    let alice = TestKeys.key("alice"), bob = TestKeys.key("bob"), carol = TestKeys.key("carol"), dave = TestKeys.key("dave")

    /// 1 block per day: a slash votes 7 blocks, a text 10; a 2-block timelock and unbonding period.
    func makeChain() throws -> TestChain {
        let chain = try TestChain(
            users: [("alice", 100_000 * Self.AI), ("bob", 10_000 * Self.AI), ("carol", 10_000 * Self.AI), ("dave", 10_000 * Self.AI)],
            parameters: #"{"staking": {"unbonding_period": 2}, "governance": {"block_time_ms": 86400000, "timelock_blocks": 2, "voting_days": {"text": 10}}}"#)
        let stakes = [alice, bob, carol, dave].map { chain.stake(from: $0, amount: 200 * Self.AI) }
        XCTAssertEqual(try chain.produce(stakes).outcome.receipts.map(\.code), [0, 0, 0, 0])
        return chain
    }

    // MARK: - Splitting stake (tallies on planted state)

    /// One voting account of a planted tally.
    struct Holder {
        var balance: Amount
        var stake: Amount
        var option: VoteOption?
    }

    /// The tally of proposal 1 (a text: quorum 51%, threshold 50%) over `holders` as the only stakers, on a state
    /// holding exactly their records.
    func tally(_ holders: [Holder]) throws -> Tally {
        let store = MemoryStateStore()
        var writes = [(key: StateKey, value: Bytes?)]()
        var voters: UInt32 = 0, total: Amount = 0
        for (index, holder) in holders.enumerated() {
            let address = Address(module: "holder-\(index)")
            writes.append((.account(address), Account(nonce: 0, balance: holder.balance).canonicalBytes))
            let stake = Stake(amount: holder.stake, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: false)
            writes.append((.stake(address), stake.canonicalBytes))
            total += holder.stake
            guard let option = holder.option else { continue }
            writes.append((.voter(proposal: 1, index: voters), address.bytes))
            writes.append((.vote(proposal: 1, voter: address), VoteRecord(option: option).canonicalBytes))
            voters += 1
        }
        store.apply(writes: writes, treeNodes: [])
        let proposal = GovernanceProposal(
            id: 1, proposer: Address(module: "proposer"), content: .text(title: "t", documentHash: .zero), deposit: 0,
            submitHeight: 1, votingEndHeight: 2, status: .voting, voterCount: voters, tally: nil, executeHeight: nil, failureCode: 0)
        return try GovernanceEndBlock.tally(proposal, parameters: .defaults, totalStake: total, state: store)
    }

    /// `holder` spread over `parts` accounts of at least `voter_min_stake` each, voting the same way.
    func split(_ holder: Holder, into parts: Int) -> [Holder] {
        let n = UInt128(parts)
        return (0..<parts).map { i in
            let extraStake = UInt128(i) < holder.stake % n ? 1 : 0, extraBalance = UInt128(i) < holder.balance % n ? 1 : 0
            return Holder(balance: holder.balance / n + UInt128(extraBalance), stake: holder.stake / n + UInt128(extraStake), option: holder.option)
        }
    }

    static func linearMajority(_ tally: Tally) -> Bool {
        let decided = tally.yesStake + tally.noStake
        return decided > 0 && tally.yesStake * 10_000 > decided * 5_000
    }

    /// Random stakes split into random numbers of accounts: quorum, the linear sums and the linear majority never
    /// move, and no coalition with less than half of the voting stake passes anything, however it splits.
    func testSplittingStakeNeverChangesQuorumOrTheLinearMajority() throws {
        var rng = SplitMix64(seed: 0x11_5b11)
        let minimum = Parameters.defaults.governance.voterMinStake
        var passedCases = 0, minorityCases = 0
        for round in 0..<60 {
            let count = rng.int(2...6)
            let holders = (0..<count).map { _ in
                Holder(
                    balance: Amount(rng.below(100_000)) * Self.AI, stake: Amount(100 + rng.below(20_000)) * Self.AI,
                    option: rng.chance(5, in: 6) ? rng.element(VoteOption.allCases) : nil)
            }
            let whole = try tally(holders)
            let pieces = holders.flatMap { holder in split(holder, into: rng.int(1...Int(min(40, holder.stake / minimum)))) }
            XCTAssertTrue(pieces.allSatisfy { $0.stake >= minimum }, "round \(round)")
            let parted = try tally(pieces)
            let context = "round \(round): \(holders.map { ($0.stake / Self.AI, $0.option?.name ?? "-") }) split into \(pieces.count)"
            XCTAssertEqual(parted.quorumReached, whole.quorumReached, context)
            XCTAssertEqual([parted.yesStake, parted.noStake, parted.abstainStake, parted.participationStake, parted.totalStake],
                           [whole.yesStake, whole.noStake, whole.abstainStake, whole.participationStake, whole.totalStake], context)
            XCTAssertEqual(Self.linearMajority(parted), Self.linearMajority(whole), context)
            if parted.passed {
                passedCases += 1
                XCTAssertTrue(Self.linearMajority(whole), "\(context): passed split without the stake majority")
            }

            // A coalition below half of the voting stake votes yes split as finely as the gate allows (at most 200
            // accounts here, to keep the run short); everyone else votes no.
            var coalition = [Holder](), rest = [Holder]()
            let totalStake = holders.reduce(Amount(0)) { $0 + $1.stake }
            var coalitionStake: Amount = 0
            for holder in rng.shuffled(holders) {
                if (coalitionStake + holder.stake) * 2 < totalStake {
                    coalitionStake += holder.stake
                    coalition += split(Holder(balance: holder.balance, stake: holder.stake, option: .yes), into: Int(min(200, holder.stake / minimum)))
                } else {
                    rest.append(Holder(balance: holder.balance, stake: holder.stake, option: .no))
                }
            }
            guard !coalition.isEmpty else { continue }
            minorityCases += 1
            let attack = try tally(coalition + rest)
            XCTAssertFalse(attack.passed, "round \(round): a coalition of \(coalitionStake / Self.AI) of \(totalStake / Self.AI) AI passed")
        }
        XCTAssertGreaterThan(passedCases, 5, "the generator should make some proposals pass")
        XCTAssertGreaterThan(minorityCases, 20, "the generator should make minority coalitions")
    }

    /// The audit's attack, at full scale: 1,000,000 AI as 10,000 accounts of 100 AI against nine stakers of
    /// 1,000,000 AI each. Under protocol 1 the attacker had 91.7% of the quorum weight (Σ isqrt(stake)) and passed
    /// anything alone; under protocol 2 it has 10% of the quorum (linear stake) and loses the linear majority.
    func testTheAuditsSybilAttackFails() throws {
        let attacker = [Holder](repeating: Holder(balance: 0, stake: 100 * Self.AI, option: .yes), count: 10_000)
        let honestStake = 1_000_000 * Self.AI

        // Protocol 1's quorum weight, for the record: 10,000·isqrt(100 AI) against 9·isqrt(1,000,000 AI).
        let oldAttacker = 10_000 * VotingPower.isqrt(100 * Self.AI), oldHonest = 9 * VotingPower.isqrt(honestStake)
        XCTAssertEqual(oldAttacker, 100_000_000_000_000)
        XCTAssertEqual(oldHonest, 9_000_000_000_000)
        XCTAssertEqual(oldAttacker * 1000 / (oldAttacker + oldHonest), 917, "91.7% of the old quorum weight")

        // Honest stakers abstain from voting: the attacker alone misses the 51% quorum with 10% of the stake.
        let silent = [Holder](repeating: Holder(balance: 0, stake: honestStake, option: nil), count: 9)
        let alone = try tally(attacker + silent)
        XCTAssertEqual(alone.participationStake, 1_000_000 * Self.AI)
        XCTAssertEqual(alone.totalStake, 10_000_000 * Self.AI)
        XCTAssertFalse(alone.quorumReached)
        XCTAssertFalse(alone.passed)

        // Honest stakers vote no: the quadratic majority is the attacker's (2·10¹⁴ against 1.8·10¹³) but the linear
        // one is 10% yes, so it fails.
        let opposed = [Holder](repeating: Holder(balance: 0, stake: honestStake, option: .no), count: 9)
        let fought = try tally(attacker + opposed)
        XCTAssertEqual(fought.yes, 200_000_000_000_000)
        XCTAssertEqual(fought.no, 18_000_000_000_000)
        XCTAssertEqual([fought.yesStake, fought.noStake], [1_000_000 * Self.AI, 9_000_000 * Self.AI])
        XCTAssertTrue(fought.quorumReached)
        XCTAssertFalse(fought.passed)

        // The same stake in one account: identical quorum and linear sums.
        let single = try tally([Holder(balance: 0, stake: 1_000_000 * Self.AI, option: .yes)] + opposed)
        XCTAssertEqual([single.yesStake, single.noStake, single.participationStake], [fought.yesStake, fought.noStake, fought.participationStake])
        XCTAssertEqual(single.quorumReached, fought.quorumReached)
        XCTAssertFalse(single.passed)
    }

    // MARK: - No voter cap

    /// Protocol 1 refused the 10,001st voter (`proposal_full`); the voters are now index records without a cap. The
    /// first 10,000 are planted (each with a 100 AI stake and a yes), then alice votes no in a real block as the
    /// 10,001st, and the tally reads all of them.
    func testMoreThanTenThousandVotersCanVote() throws {
        let chain = try makeChain()
        let id = chain.governanceState().nextProposalId
        _ = try assertSucceeds(chain.propose(from: alice, .text(title: "crowded", documentHash: .zero)), on: chain)
        let planted = 10_000
        var records = [(StateKey, Bytes?)]()
        records.reserveCapacity(3 * planted + 2)
        for index in 0..<planted {
            let voter = Address(module: "voter-\(index)")
            let stake = Stake(amount: 100 * Self.AI, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: false)
            records.append((.stake(voter), stake.canonicalBytes))
            records.append((.voter(proposal: id, index: UInt32(index)), voter.bytes))
            records.append((.vote(proposal: id, voter: voter), VoteRecord(option: .yes).canonicalBytes))
        }
        var proposal = try XCTUnwrap(chain.proposal(id))
        proposal.voterCount = UInt32(planted)
        records.append((.proposal(id), proposal.canonicalBytes))
        var governance = chain.governanceState()
        governance.totalStake += Amount(planted) * 100 * Self.AI
        records.append((.governance, governance.canonicalBytes))
        var totals = chain.totals()  // as if the planted stakes had been issued and staked
        totals.issued += Amount(planted) * 100 * Self.AI
        totals.staked += Amount(planted) * 100 * Self.AI
        records.append((.totals, totals.canonicalBytes))
        try chain.plant(records)

        _ = try assertSucceeds(chain.vote(from: alice, proposal: id, .no), on: chain)
        XCTAssertEqual(chain.proposal(id)?.voterCount, UInt32(planted + 1))
        XCTAssertEqual(chain.store.values[.voter(proposal: id, index: UInt32(planted))], address(alice).bytes)
        try chain.advance(to: proposal.votingEndHeight)
        let tally = try XCTUnwrap(chain.proposal(id)?.tally)
        XCTAssertEqual(tally.yesStake, Amount(planted) * 100 * Self.AI)
        XCTAssertEqual(tally.noStake, 200 * Self.AI, "the 10,001st vote counted")
        XCTAssertEqual(chain.proposal(id)?.status, .passed)
    }

    // MARK: - Slashes reach their target

    /// A provider named by an open slash proposal may unstake, but not withdraw until the proposal is decided; the
    /// slash then takes its share of the unbonding entry, and the hold ends.
    func testAProviderUnderASlashVoteCannotWithdrawAndIsSlashedOnItsUnbonding() throws {
        let chain = try makeChain()
        let id = try XCTUnwrap(chain.governanceState().nextProposalId)
        _ = try assertSucceeds(chain.propose(from: alice, .slash(provider: address(dave), reason: .slaViolation, bps: 5_000)), on: chain)
        XCTAssertEqual(chain.store.values[.slashHold(address(dave))], SlashHold(count: 1).canonicalBytes)
        // The provider runs: unstaking is allowed (the entry stays slashable) ...
        _ = try assertSucceeds(chain.unstake(from: dave, amount: 200 * Self.AI), on: chain)
        let entry = try XCTUnwrap(chain.unbonding(address(dave)).entries.first)
        try chain.advance(to: entry.matureAt)
        // ... but the matured entry cannot leave while the vote is open.
        try assertExecutionFails(chain.withdraw(from: dave), .stakeHeldForSlash(proposals: 1), on: chain)
        try chain.produce([alice, bob, carol].map { chain.vote(from: $0, proposal: id, .yes) })
        let votingEnd = try XCTUnwrap(chain.proposal(id)?.votingEndHeight)
        try chain.advance(to: votingEnd)
        XCTAssertEqual(chain.proposal(id)?.status, .passed)
        try assertExecutionFails(chain.withdraw(from: dave), .stakeHeldForSlash(proposals: 1), on: chain)
        try chain.advance(to: try XCTUnwrap(chain.proposal(id)?.executeHeight))
        XCTAssertEqual(chain.proposal(id)?.status, .executed)
        XCTAssertNil(chain.store.values[.slashHold(address(dave))], "the hold ends with the execution")
        let left = try XCTUnwrap(chain.unbonding(address(dave)).entries.first)
        XCTAssertEqual(left.amount, entry.amount - entry.amount / 2, "half of the unbonding entry was slashed")
        let before = chain.balance(address(dave))
        _ = try assertSucceeds(chain.withdraw(from: dave), on: chain)
        XCTAssertEqual(chain.balance(address(dave)), before + left.amount - chain.parameters.minFee)
        assertSupplyInvariant(chain)
    }

    /// A rejected slash proposal releases its hold too.
    func testARejectedSlashProposalReleasesTheHold() throws {
        let chain = try makeChain()
        let id = chain.governanceState().nextProposalId
        _ = try assertSucceeds(chain.propose(from: alice, .slash(provider: address(dave), reason: .slaViolation, bps: 100)), on: chain)
        _ = try assertSucceeds(chain.unstake(from: dave, amount: 200 * Self.AI), on: chain)
        try chain.advance(to: try XCTUnwrap(chain.proposal(id)?.votingEndHeight))
        XCTAssertEqual(chain.proposal(id)?.status, .rejected, "no votes: no quorum")
        XCTAssertNil(chain.store.values[.slashHold(address(dave))])
        _ = try assertSucceeds(chain.withdraw(from: dave), on: chain)
    }

    // MARK: - End-of-block cost

    /// With 100 open proposals and none due, a block's end writes nothing of governance's: waiting proposals cost
    /// nothing per block.
    func testWaitingProposalsCostNothingAtTheEndOfABlock() throws {
        let chain = try makeChain()
        let start = chain.nonce(address(alice))
        let proposals = (0..<100).map { chain.propose(from: alice, .text(title: "p\($0)", documentHash: .zero), nonce: start + UInt64($0)) }
        XCTAssertEqual(try chain.produce(proposals).outcome.receipts.map(\.code), proposals.map { _ in 0 })
        XCTAssertEqual(chain.governanceState().openProposals, 100)
        let governancePrefixes: Set<StateKey.Prefix> = [.governance, .proposal, .vote, .voter, .due, .slashHold]
        let (_, outcome, _) = try chain.produce([])
        XCTAssertEqual(outcome.stateWrites.filter { $0.key.prefix.map(governancePrefixes.contains) ?? false }.count, 0)
        // A vote writes its own records only; the end of its block adds nothing.
        let (_, voted, _) = try chain.produce([chain.vote(from: bob, proposal: 1, .yes)])
        XCTAssertEqual(
            voted.stateWrites.compactMap { $0.key.prefix }.filter(governancePrefixes.contains).sorted { $0.rawValue < $1.rawValue },
            [.proposal, .vote, .voter])
        XCTAssertEqual(chain.proposal(2)?.status, .voting)
    }
}
