@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Random compute markets over many epochs: the supply invariant after every block, and every settlement exact.
final class ProofOfComputePropertyTests: StakingTestCase {
    static let AI = Tokens.one
    static let providers = ["p0", "p1", "p2", "p3"], consumers = ["c0", "c1", "c2"]

    /// 4-block epochs, a 40-block year (10 epochs, 10M AI each) and a 45M AI cap, so the cap is reached mid-run.
    static func makeChain() throws -> TestChain {
        try TestChain(
            users: providers.map { ($0, 1_000 * AI) } + consumers.map { ($0, 200 * AI) },
            modules: [(.team, 1_000_000 * AI)],
            parameters: #"{"epoch_length": 4, "compute": {"blocks_per_year": 40, "mining_cap": "45000000AI"}}"#,
            teamVesting: #"{"beneficiary": "\#(TestKeys.address("c0"))", "cliff_blocks": 20, "duration_blocks": 60}"#)
    }

    func testSupplyInvariantAndExactSettlementsOverRandomEpochs() throws {
        let chain = try Self.makeChain()
        let genesisIssued = chain.totals().issued
        var rng = SplitMix64(seed: 0xc0_3907e)
        let tiers: [PrivacyTier] = [.open, .atRest, .cpuTEE, .gpuTEE]
        let staking = Self.providers.enumerated().map { index, name in
            chain.stake(
                from: TestKeys.key(name), amount: (100 + 50 * Amount(index)) * Self.AI, tier: tiers[index],
                attestation: index == 0 ? nil : Hash32.digest(Array(name.utf8)))
        }
        XCTAssertEqual(try chain.produce(staking).outcome.receipts.map(\.code), [0, 0, 0, 0])
        var codes = [UInt16: Int]()
        var usedJobs = [SignedComputeReceipt]()

        for blockIndex in 0..<72 {
            var candidates = [SignedTransaction]()
            var nonces = [String: UInt64]()
            func nextNonce(_ name: String) -> UInt64 {
                let nonce = nonces[name] ?? chain.nonce(TestKeys.address(name))
                nonces[name] = nonce + 1
                return nonce
            }
            for _ in 0..<rng.int(0...5) {
                var provider = rng.element(Self.providers)
                let consumer = rng.element(Self.consumers)
                let epoch = chain.epochState().number
                let receipt: SignedComputeReceipt
                switch rng.below(10) {
                case 0 where !usedJobs.isEmpty:  // replayed by its provider: job_already_paid
                    receipt = rng.element(usedJobs)
                    provider = Self.providers.first { TestKeys.address($0) == receipt.receipt.provider } ?? provider
                case 1: receipt = chain.receipt(consumer: TestKeys.key(consumer), provider: TestKeys.address(provider), price: 500 * Self.AI)
                case 2 where epoch >= 2: receipt = chain.receipt(consumer: TestKeys.key(consumer), provider: TestKeys.address(provider), epoch: epoch - 2)
                default:
                    receipt = chain.receipt(
                        consumer: TestKeys.key(consumer), provider: TestKeys.address(provider), units: rng.below(10_000) + 1,
                        quality: UInt8(rng.below(101)), price: Self.AI / 10 + Amount(rng.below(1_000_000_000_000_000_000)),
                        epoch: epoch >= 1 && rng.bool() ? epoch - 1 : epoch)
                }
                usedJobs.append(receipt)
                let sender = TestKeys.key(provider)
                candidates.append(chain.submitProof(from: sender, receipt, nonce: nextNonce(provider)))
            }
            if rng.chance(1, in: 3) {
                let from = rng.element(Self.consumers)
                candidates.append(chain.transfer(
                    from: TestKeys.key(from), to: TestKeys.address(rng.element(Self.consumers)), amount: Amount(rng.below(5)) * Self.AI + 1,
                    nonce: nextNonce(from)))
            }
            let epochBefore = chain.epochState()
            let (_, outcome, dropped) = try chain.produce(candidates)
            let context = "block \(blockIndex + 2)"
            XCTAssertTrue(dropped.isEmpty, "\(context): \(dropped.map(\.error))")
            for receipt in outcome.receipts { codes[receipt.code, default: 0] += 1 }

            let totals = chain.totals()
            assertSupplyInvariant(chain, context)
            XCTAssertEqual(totals.issued, genesisIssued + totals.minted, context)
            XCTAssertLessThanOrEqual(totals.minted, 45_000_000 * Self.AI, context)
            if chain.epochState().number != epochBefore.number {
                try assertSettlementIsExact(chain, epoch: epochBefore.number, context: context)
            }
        }
        XCTAssertEqual(chain.totals().minted, 45_000_000 * Self.AI, "the cap was reached")
        XCTAssertEqual(try chain.store.stateRoot(), ReferenceTree.root(values: chain.store.values))
        for code: UInt16 in [0, 130, 131, 133] {
            XCTAssertGreaterThan(codes[code, default: 0], 0, "no receipt with code \(code) (\(TransactionError.name(forCode: code)))")
        }
    }

    /// `minted + fromPool = Σ rewards + dust`, each reward is the floored pro-rata share of its weight, and the
    /// minted amount is the schedule's, clamped by the cap.
    func assertSettlementIsExact(_ chain: TestChain, epoch: UInt64, context: String) throws {
        let record = try XCTUnwrap(chain.epochRecord(epoch), context)
        let settlement = try XCTUnwrap(record.settlement, context)
        let distributable = settlement.minted + settlement.fromPool
        var rewards: Amount = 0
        for provider in record.providers {
            let work = try XCTUnwrap(chain.providerWork(provider, epoch: epoch), context)
            let reward = try XCTUnwrap(work.reward, context)
            // ⌊D·w/W⌋ = ⌊D/W⌋·w + ⌊(D mod W)·w/W⌋, exact in 128 bits while W < 2^64 (true here).
            let total = record.totalWeight
            XCTAssertEqual(reward, distributable / total * work.weight + distributable % total * work.weight / total, context)
            rewards += reward
        }
        XCTAssertEqual(settlement.paidToProviders, rewards, context)
        XCTAssertEqual(settlement.paidToProviders + settlement.toTreasury, distributable, context)
        XCTAssertLessThan(settlement.toTreasury, Amount(max(record.providers.count, 1)), "\(context): dust is below one unit per provider")
        if record.totalWeight == 0 { XCTAssertEqual(settlement.minted, 0, context) }
        XCTAssertEqual(record.providers.count, Set(record.providers).count, context)
    }
}
