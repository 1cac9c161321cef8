@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Random governance over many blocks: proposals of every kind, votes, stake changes and transfers, with the
/// bookkeeping checked after every block.
final class GovernancePropertyTests: StakingTestCase {
    static let AI = Tokens.one
    static let names = ["g0", "g1", "g2", "g3", "g4", "g5"]

    func testGovernanceBookkeepingOverRandomBlocks() throws {
        let chain = try TestChain(
            users: Self.names.map { ($0, 5_000 * Self.AI) }, modules: [(.treasury, 2_000 * Self.AI)],
            parameters: #"{"governance": {"block_time_ms": 86400000, "timelock_blocks": 1, "max_active_proposals": 6}}"#)
        let keys = Self.names.map(TestKeys.key)
        XCTAssertEqual(try chain.produce(keys.map { chain.stake(from: $0, amount: 300 * Self.AI) }).outcome.receipts.map(\.code), keys.map { _ in 0 })
        var rng = SplitMix64(seed: 0x90_7e)
        var codes = [UInt16: Int]()
        var statuses = [GovernanceProposal.Status: Int]()

        for blockIndex in 0..<150 {
            var candidates = [SignedTransaction]()
            var nonces = [Int: UInt64]()
            func nonce(_ index: Int) -> UInt64 {
                let value = nonces[index] ?? chain.nonce(Address(publicKey: keys[index].publicKey))
                nonces[index] = value + 1
                return value
            }
            let next = chain.governanceState().nextProposalId
            for _ in 0..<rng.int(0...4) {
                let index = rng.int(0..<keys.count)
                let key = keys[index]
                switch rng.below(8) {
                case 0:
                    let content: ProposalContent
                    switch rng.below(4) {
                    case 0: content = .parameterChange([.init(name: "min_fee", value: chain.currentParameters().minFee + UInt128(rng.below(3)) * 10_000_000_000_000)])
                    case 1: content = .treasurySpend(recipient: TestKeys.address(rng.element(Self.names)), amount: UInt128(rng.below(1_500)) * Self.AI + 1)
                    case 2: content = .slash(provider: TestKeys.address(rng.element(Self.names)), reason: .slaViolation, bps: UInt16(rng.below(300) + 1))
                    default: content = .text(title: "t\(blockIndex)", documentHash: .zero)
                    }
                    candidates.append(chain.propose(from: key, content, nonce: nonce(index)))
                case 1:
                    candidates.append(chain.stake(from: key, amount: UInt128(rng.below(50)) * Self.AI, nonce: nonce(index)))
                case 2:
                    candidates.append(chain.transfer(from: key, to: TestKeys.address(rng.element(Self.names)), amount: UInt128(rng.below(400)) * Self.AI + 1, nonce: nonce(index)))
                default:
                    // Mostly an open proposal and mostly yes, so that some pass; sometimes a closed or unknown one.
                    let active = chain.openProposals()
                    let id = !active.isEmpty && rng.chance(3, in: 4) ? rng.element(active) : 1 + rng.below(next)
                    let option = rng.chance(2, in: 3) ? VoteOption.yes : rng.element(VoteOption.allCases)
                    candidates.append(chain.vote(from: key, proposal: id, option, nonce: nonce(index)))
                }
            }
            let (_, outcome, dropped) = try chain.produce(candidates)
            let context = "block \(blockIndex + 2)"
            XCTAssertTrue(dropped.isEmpty, "\(context): \(dropped.map(\.error))")
            for receipt in outcome.receipts { codes[receipt.code, default: 0] += 1 }

            assertSupplyInvariant(chain, context)
            let governance = chain.governanceState()
            var totalStake: Amount = 0
            for (key, bytes) in chain.store.values where key.prefix == .stake {
                let stake = try Stake(canonical: bytes)
                if !stake.jailed { totalStake += stake.amount }
            }
            XCTAssertEqual(governance.totalStake, totalStake, "\(context): the quorum denominator drifted from the stakes")
            var held: Amount = 0, active = [UInt64]()
            for id in 1..<governance.nextProposalId {
                let proposal = try XCTUnwrap(chain.proposal(id), context)
                if proposal.status == .voting { held += proposal.deposit }
                if proposal.status == .voting || proposal.status == .passed { active.append(id) }
                if proposal.status != .voting { XCTAssertNotNil(proposal.tally, "\(context): \(id) closed without a tally") }
                let voters = chain.voters(of: id)
                XCTAssertEqual(voters.count, Set(voters).count, context)
            }
            XCTAssertEqual(Int(governance.openProposals), active.count, context)
            // Slash holds: one per open slash proposal naming the account, none left behind.
            var holds = [Address: UInt32]()
            for id in active { if case let .slash(provider, _, _) = chain.proposal(id)?.content { holds[provider, default: 0] += 1 } }
            for (key, bytes) in chain.store.values where key.prefix == .slashHold {
                let address = try Address(bytes: Array(key.bytes.dropFirst()))
                XCTAssertEqual(try SlashHold(canonical: bytes).count, holds.removeValue(forKey: address), "\(context): hold of \(address)")
            }
            XCTAssertTrue(holds.isEmpty, "\(context): holds missing for \(holds.keys)")
            XCTAssertEqual(chain.balance(ModuleAccount.governance.address), held, "\(context): deposits held = deposits of open votes")
        }
        for id in 1..<chain.governanceState().nextProposalId { statuses[chain.proposal(id)!.status, default: 0] += 1 }
        for status in [GovernanceProposal.Status.executed, .rejected] {
            XCTAssertGreaterThan(statuses[status, default: 0], 0, "no proposal ended \(status.name)")
        }
        for code: UInt16 in [0, 147, 148] { XCTAssertGreaterThan(codes[code, default: 0], 0, "no receipt with code \(code)") }
    }
}
