@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Random compute markets over many epochs, with sampling, verdicts, missed validations and challenges: the supply
/// invariant after every block, every finished settlement exact to the base unit, and the same blocks giving the same
/// state root on a second store.
final class ProofOfComputePropertyTests: StakingTestCase {
    static let AI = Tokens.one
    static let providers = ["p0", "p1", "p2", "p3"], consumers = ["c0", "c1", "c2"], validators = ["v0", "v1"]

    /// 4-block epochs, a 40-block year (10 epochs of 1 AI) and a 6 AI cap, so the cap is reached mid-run; short windows
    /// (closing 6 blocks after a receipt) and half of all receipts sampled.
    static func makeChain() throws -> TestChain {
        try TestChain(
            users: providers.map { ($0, 1_000 * AI) } + consumers.map { ($0, 2_000 * AI) } + validators.map { ($0, 1_000 * AI) },
            modules: [(.team, 1_000_000 * AI)],
            parameters: #"""
            {"epoch_length": 4, "compute": {"blocks_per_year": 40, "initial_annual_emission": "10AI", "terminal_annual_emission": "1AI",
             "mining_cap": "6AI", "sample_bps": 5000, "sample_value": "1000AI", "sample_delay_blocks": 1, "validation_window_blocks": 2,
             "max_reassignments": 1, "challenge_window_blocks": 4, "resolution_window_blocks": 2, "settlement_batch": 2}}
            """#,
            teamVesting: #"{"beneficiary": "\#(TestKeys.address("c0"))", "cliff_blocks": 20, "duration_blocks": 60}"#)
    }

    func testSupplyInvariantAndExactSettlementsOverRandomMarkets() throws {
        let chain = try Self.makeChain()
        let replica = try Self.makeChain()
        let genesisIssued = chain.totals().issued
        var rng = SplitMix64(seed: 0xc0_3907e)
        let tiers: [PrivacyTier] = [.open, .atRest, .open, .atRest]
        var setup = Self.providers.enumerated().map { index, name in
            chain.stake(
                from: TestKeys.key(name), amount: (100 + 50 * Amount(index)) * Self.AI, tier: tiers[index],
                attestation: tiers[index] == .open ? nil : Hash32.digest(Array(name.utf8)))
        }
        setup += Self.validators.map { chain.stake(from: TestKeys.key($0), amount: 300 * Self.AI) }
        try replicate(chain.produce(setup), into: replica)
        try replicate(chain.produce(Self.validators.map { chain.validatorTransaction(from: TestKeys.key($0)) }), into: replica)
        XCTAssertEqual(chain.computeValidators().members.count, 2)
        var codes = [UInt16: Int]()
        var accepted = [Hash32]()
        var usedJobs = [SignedComputeReceipt]()
        var payouts = [UInt64: Payout]()
        var settled = 0

        for blockIndex in 0..<80 {
            var candidates = [SignedTransaction]()
            var nonces = [String: UInt64]()
            func nextNonce(_ name: String) -> UInt64 {
                let nonce = nonces[name] ?? chain.nonce(TestKeys.address(name))
                nonces[name] = nonce + 1
                return nonce
            }
            for _ in 0..<rng.int(0...4) {
                var provider = rng.element(Self.providers)
                let consumer = rng.element(Self.consumers)
                let epoch = chain.epochState().number
                let receipt: SignedComputeReceipt
                switch rng.below(10) {
                case 0 where !usedJobs.isEmpty:  // replayed by its provider: job_already_paid (or out of window once pruned)
                    receipt = rng.element(usedJobs)
                    provider = Self.providers.first { TestKeys.address($0) == receipt.receipt.provider } ?? provider
                case 1: receipt = chain.receipt(consumer: TestKeys.key(consumer), provider: TestKeys.address(provider), price: 5_000 * Self.AI)
                default:
                    receipt = chain.receipt(
                        consumer: TestKeys.key(consumer), provider: TestKeys.address(provider), units: rng.below(10_000) + 1,
                        quality: UInt8(rng.below(101)), price: Self.AI / 10 + Amount(rng.below(10_000_000_000_000_000_000)) * 2,
                        epoch: epoch >= 1 && rng.bool() ? epoch - 1 : epoch)
                }
                usedJobs.append(receipt)
                accepted.append(receipt.receipt.jobId)
                candidates.append(chain.submitProof(from: TestKeys.key(provider), receipt, nonce: nextNonce(provider)))
            }
            // Validators answer most assignments (a random verdict), miss some; consumers challenge now and then.
            for job in accepted.suffix(12) {
                guard let record = chain.receiptRecord(job) else { continue }
                if record.validation == .assigned, let validator = record.validator, rng.chance(3, in: 4),
                   let name = Self.validators.first(where: { TestKeys.address($0) == validator }) {
                    let verdict: Verdict = rng.chance(1, in: 25) ? .malicious : .pass
                    candidates.append(chain.transaction(
                        from: TestKeys.key(name),
                        .validate(VerdictRequest(jobId: job, verdict: verdict, quality: UInt8(rng.below(101)), slashBps: 0)),
                        nonce: nextNonce(name)))
                }
                if record.challenge == nil, record.isStanding, rng.chance(1, in: 10),
                   let name = Self.consumers.first(where: { TestKeys.address($0) == record.consumer }) {
                    candidates.append(chain.challenge(from: TestKeys.key(name), job: job, nonce: nextNonce(name)))
                }
                if record.challenge?.outcome == .open, rng.chance(1, in: 2) {
                    let name = rng.element(Self.validators)
                    candidates.append(chain.resolve(from: TestKeys.key(name), job: job, uphold: rng.bool(), nonce: nextNonce(name)))
                }
            }
            let produced = try chain.produce(candidates)
            try replicate(produced, into: replica)
            let context = "block \(blockIndex + 3)"
            XCTAssertTrue(produced.dropped.isEmpty, "\(context): \(produced.dropped.map(\.error))")
            for receipt in produced.outcome.receipts { codes[receipt.code, default: 0] += 1 }

            let totals = chain.totals()
            assertSupplyInvariant(chain, context)
            XCTAssertEqual(totals.issued, genesisIssued + totals.minted, context)
            XCTAssertLessThanOrEqual(totals.minted, 6 * Self.AI, context)
            // Each provider paid in this block, checked against its stake now (payment is the block's last stake write);
            // an epoch's sums are checked when its settlement finishes.
            for (key, value) in produced.outcome.stateWrites where key.prefix == .providerWork {
                guard let value, let work = try? ProviderWork(canonical: value), work.reward != nil, let epoch = key.trailingNumber,
                      let settlement = chain.epochRecord(epoch)?.settlement
                else { continue }
                let provider = try Address(bytes: Array(key.bytes[1..<21]))
                payouts[epoch, default: Payout()].add(work, provider: provider, settlement: settlement, chain: chain, context: context)
            }
            for (key, value) in produced.outcome.stateWrites where key.prefix == .epochRecord {
                guard let value, let record = try? EpochRecord(canonical: value), record.settlement?.finishedAt == chain.head.height,
                      let epoch = key.trailingNumber
                else { continue }
                try assertSettlementIsExact(record, payout: payouts.removeValue(forKey: epoch) ?? Payout(), context: context)
                settled += 1
            }
        }
        XCTAssertGreaterThan(settled, 3, "settlements were checked")
        XCTAssertEqual(try chain.store.stateRoot(), try replica.store.stateRoot(), "the same blocks give the same root")
        XCTAssertEqual(try chain.store.stateRoot(), ReferenceTree.root(values: chain.store.values))
        XCTAssertGreaterThan(chain.totals().minted, 0)
        for code: UInt16 in [0, 130] {
            XCTAssertGreaterThan(codes[code, default: 0], 0, "no receipt with code \(code) (\(TransactionError.name(forCode: code)))")
        }
    }

    /// Applies the block `chain` just produced to `replica`.
    private func replicate(_ produced: (block: Block, outcome: BlockOutcome, dropped: [(transaction: SignedTransaction, error: TransactionError)]), into replica: TestChain) throws {
        let outcome = try replica.apply(produced.block)
        XCTAssertEqual(outcome.header.stateRoot, produced.outcome.header.stateRoot)
    }

    /// What an epoch's settlement paid so far, each payment checked as it happened: `min(⌊D·w/W⌋, ⌊value × cap /
    /// 10000⌋, stake)`, or 0 and forfeited.
    struct Payout {
        var paid: Amount = 0, forfeited: Amount = 0, capped: Amount = 0

        mutating func add(_ work: ProviderWork, provider: Address, settlement: EpochSettlement, chain: TestChain, context: String) {
            let cap = chain.currentParameters().compute.verification.rewardCapBps
            let share = WideArithmetic.multiplyDivide(settlement.distributable, work.weight, max(settlement.weight, 1))
            let due = min(share, FeeSplit.portion(work.value, cap), chain.stakeRecord(provider)?.amount ?? 0)
            capped += share - due
            if work.forfeited {
                XCTAssertEqual(work.reward, 0, context)
                forfeited += due
            } else {
                XCTAssertEqual(work.reward, due, context)
                paid += due
            }
        }
    }

    /// The payments add up to the settlement, `paid = minted + fromPool`, and the epoch minted no more than its emission.
    func assertSettlementIsExact(_ record: EpochRecord, payout: Payout, context: String) throws {
        let settlement = try XCTUnwrap(record.settlement, context)
        XCTAssertEqual(settlement.paid, payout.paid, context)
        XCTAssertEqual(settlement.forfeited, payout.forfeited, context)
        XCTAssertEqual(settlement.capped, payout.capped, context)
        XCTAssertEqual(settlement.paid, settlement.minted + settlement.fromPool, context)
        XCTAssertLessThanOrEqual(settlement.minted, settlement.emission, context)
        XCTAssertLessThanOrEqual(settlement.fromPool, settlement.poolReserved, context)
        if record.totalWeight == 0 { XCTAssertEqual(settlement.distributable, 0, context) }
    }
}
