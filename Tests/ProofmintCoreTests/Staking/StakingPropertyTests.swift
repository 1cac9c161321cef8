@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Property: over hundreds of blocks of random transfers, stakes, unstakes, withdrawals and evidence — valid and
/// invalid — with direct slashes between blocks and entries maturing all the time, the supply adds up to the base
/// unit after every block:
///
///     issued − burned = Σ account balances + Σ stake amounts + Σ unbonding entries
///     totals.staked = Σ stake amounts,  totals.unbonding = Σ unbonding entries
///
/// (the sums are taken over the records in the store), and `apply` reproduces exactly what `propose` computed.
final class StakingPropertyTests: StakingTestCase {
    static let AI = Tokens.one
    static let names = ["alice", "bob", "carol", "dave", "erin", "validator-a", "validator-b"]
    static let parameters = """
        {"epoch_length": 3, "staking": {"unbonding_period": 10, "max_unbonding_entries": 3, "max_lock_epochs": 6,
         "slash_malicious_bps": 3000}}
        """

    /// One block's random candidates: transfers, stakes, unstakes, withdrawals and evidence, valid and invalid
    /// (bad nonces, zero fees, corrupt signatures, unfunded senders, forged or mismatched evidence).
    static func candidates(for chain: TestChain, rng: inout SplitMix64, kinds: inout [String: Int]) -> [SignedTransaction] {
        let keys = names.map(TestKeys.key)
        let validators = [TestKeys.key("validator-a"), TestKeys.key("validator-b")]
        let outsider = TestKeys.key("mallory")
        let recipients = keys.map { Address(publicKey: $0.publicKey) } + [ModuleAccount.treasury.address]
        let staking = chain.parameters.staking
        var pendingNonce = [Address: UInt64]()
        var candidates = [SignedTransaction]()
        for _ in 0..<rng.int(0...10) {
            let sender = rng.chance(1, in: 30) ? outsider : rng.element(keys)
            let from = Address(publicKey: sender.publicKey)
            var nonce = pendingNonce[from] ?? chain.nonce(from)
            var fee = chain.parameters.minFee + Amount(rng.below(1_000))
            switch rng.below(40) {
            case 0: nonce += 1
            case 1: fee = 0
            default: break
            }
            let balance = chain.balance(from)
            let stake = chain.stakeRecord(from)?.amount ?? 0
            let payload: Payload
            switch rng.below(12) {
            case 0, 1:
                let amount = rng.chance(1, in: 6) ? balance + 1 : Amount(rng.below(UInt64(clamping: balance / 2 + 1))) + 1
                payload = .transfer(Transfer(recipient: rng.element(recipients), amount: amount))
            case 2, 3, 4:
                let amount: Amount
                switch rng.below(6) {
                case 0: amount = 0
                case 1: amount = staking.minStake - Amount(rng.below(1_000)) - 1
                case 2: amount = staking.minStake + Amount(rng.below(1_000))
                case 3: amount = balance + Amount(rng.below(2))
                default: amount = Amount(rng.below(UInt64(clamping: balance / 3 + 1)))
                }
                let tier = rng.element(PrivacyTier.allCases)
                var attestation: Hash32? = tier.requiresAttestation ? rng.hash32() : nil
                if rng.chance(1, in: 25) { attestation = attestation == nil ? rng.hash32() : nil }
                let lock = UInt32(rng.chance(1, in: 25) ? 7 : rng.below(7))
                // Tiers 2–4 present the test attestor's signature over the random hash (protocol version 3).
                let claim: TierClaim = tier.rawValue >= 2 && attestation != nil
                    ? .signed(chain.attest(provider: from, tier: tier, measurement: attestation ?? .zero))
                    : TierClaim(hash: attestation)
                payload = .stake(StakeRequest(amount: amount, lockEpochs: lock, tier: tier, claim: claim))
            case 5, 6, 7:
                let amount: Amount
                switch rng.below(7) {
                case 0: amount = max(stake, 1)
                case 1: amount = stake + 1
                case 2: amount = stake > staking.minStake ? stake - staking.minStake + 1 : 1
                case 3: amount = rng.chance(1, in: 5) ? 0 : 1
                default: amount = stake > staking.minStake ? Amount(rng.below(UInt64(clamping: stake - staking.minStake))) + 1 : max(stake, 1)
                }
                payload = .unstake(UnstakeRequest(amount: amount))
            case 8, 9:
                payload = .withdraw
            default:
                let validator = rng.element(validators)
                let height = rng.below(40)
                var evidence = chain.doubleSign(by: validator, height: height)
                switch rng.below(8) {
                case 0: evidence.second.signature[rng.int(0..<64)] ^= 0x08
                case 1: evidence.second = evidence.first
                case 2: evidence.second = chain.signedHeader(height: height + 1, signer: validator, variant: 2)
                case 3: evidence = chain.doubleSign(by: outsider, height: height)
                default: break
                }
                payload = .evidence(evidence)
            }
            var tx = chain.transaction(from: sender, payload, fee: fee, nonce: nonce)
            if rng.chance(1, in: 40) {
                var signature = tx.signature
                signature[rng.int(0..<64)] ^= 0x01
                tx = SignedTransaction(transaction: tx.transaction, signature: signature)
            }
            kinds[payload.kind.name, default: 0] += 1
            candidates.append(tx)
            pendingNonce[from] = nonce + 1
        }

        return candidates
    }

    static func makeChain() throws -> TestChain {
        try TestChain(
            users: [("alice", 50_000 * AI), ("bob", 5_000 * AI), ("carol", 800 * AI), ("dave", 150 * AI), ("erin", 1_000 * AI),
                    ("validator-a", 2_000 * AI), ("validator-b", 300 * AI)],
            parameters: parameters)
    }

    func testSupplyInvariantOverRandomStakingBlocks() throws {
        let chain = try Self.makeChain()
        let keys = Self.names.map(TestKeys.key)
        let validators = [TestKeys.key("validator-a"), TestKeys.key("validator-b")]
        let issued = chain.totals().issued
        let staking = chain.parameters.staking
        var rng = SplitMix64(seed: 0x57a_c0de)
        var codes = [UInt16: Int](), drops = [UInt16: Int](), kinds = [String: Int]()
        var feesFromReceipts: Amount = 0
        var slashes = 0, transactions = 0, candidatesTotal = 0
        var jailedAmount = [Address: Amount]()  // the active stake of each jailed provider: it may only fall

        for blockIndex in 0..<400 {
            let candidates = Self.candidates(for: chain, rng: &rng, kinds: &kinds)
            candidatesTotal += candidates.count
            let (block, proposal) = try chain.propose(candidates, timestamp: chain.nextTimestamp + rng.below(3_000))
            let outcome = try chain.apply(block)
            let context = "block \(blockIndex + 1)"
            XCTAssertEqual(outcome.receipts, proposal.outcome.receipts, context)
            XCTAssertEqual(outcome.stateWrites.map(\.key), proposal.outcome.stateWrites.map(\.key), context)
            XCTAssertEqual(outcome.stateWrites.map(\.value), proposal.outcome.stateWrites.map(\.value), context)
            for (_, error) in proposal.dropped {
                XCTAssertTrue(error.isAdmissionError, "\(context): dropped for \(error)")
                drops[error.code, default: 0] += 1
            }
            for receipt in outcome.receipts {
                codes[receipt.code, default: 0] += 1
                feesFromReceipts += receipt.feeCharged
                XCTAssertFalse(TransactionError.name(forCode: receipt.code).hasPrefix("unknown"), "\(context): code \(receipt.code)")
                XCTAssertGreaterThanOrEqual(receipt.code == 0 ? 100 : receipt.code, 100, "\(context): admission code in a receipt")
            }
            transactions += block.transactions.count

            // Direct slashes between blocks: what governance will do, at any rate (capped at 100%).
            if rng.chance(1, in: 6) {
                // Reasons that jail only for the validators (evidence jails them anyway), so the others stay active.
                let reason = rng.element(SlashReason.allCases)
                let provider = Address(publicKey: (reason.jails ? rng.element(validators) : rng.element(keys)).publicKey)
                let bps = UInt16(rng.int(0...12_000))
                let before = chain.stakeRecord(provider)?.amount ?? 0, pending = chain.unbonding(provider).total
                let events = try chain.slash(provider, bps: bps, reason: reason)
                guard case let .slashed(_, _, _, fromStake, fromUnbonding)? = events.first else { return XCTFail("\(events)") }
                XCTAssertLessThanOrEqual(fromStake, before, context)
                XCTAssertLessThanOrEqual(fromUnbonding, pending, context)
                slashes += 1
            }

            let totals = chain.totals()
            XCTAssertEqual(totals.issued, issued, context)
            XCTAssertEqual(totals.feesPaid, feesFromReceipts, context)
            assertSupplyInvariant(chain, context)
            XCTAssertEqual(try chain.store.stateRoot(), ReferenceTree.root(values: chain.store.values), context)
            for (key, bytes) in chain.store.values {
                switch key.prefix {
                case .stake?:
                    let stake = try Stake(canonical: bytes)
                    XCTAssertFalse(stake.isEmpty, "\(context): an empty stake is stored")
                    let provider = try Address(bytes: Array(key.bytes.dropFirst()))
                    if stake.jailed {
                        if let previous = jailedAmount[provider] { XCTAssertLessThanOrEqual(stake.amount, previous, "\(context): a jailed stake grew") }
                        jailedAmount[provider] = stake.amount
                    }
                case .unbonding?:
                    let queue = try UnbondingQueue(canonical: bytes)
                    XCTAssertFalse(queue.entries.isEmpty, "\(context): an empty queue is stored")
                    XCTAssertLessThanOrEqual(queue.entries.count, Int(staking.maxUnbondingEntries), context)
                default: break
                }
            }
        }

        // The mix really exercised the rules it aims at.
        XCTAssertGreaterThan(candidatesTotal, 1_800)
        XCTAssertGreaterThan(transactions, 1_500)
        XCTAssertGreaterThan(slashes, 30)
        for code: UInt16 in [0, 100, 102, 103, 104, 105, 106, 107, 108, 109, 110, 121, 122, 124, 125, 126] {
            XCTAssertGreaterThan(codes[code, default: 0], 0, "no receipt with code \(code) (\(TransactionError.name(forCode: code)))")
        }
        for code: UInt16 in [2, 4, 5, 6, 7, 11, 13] {
            XCTAssertGreaterThan(drops[code, default: 0], 0, "nothing dropped with code \(code) (\(TransactionError.name(forCode: code)))")
        }
        print("staking property: \(candidatesTotal) candidates, \(transactions) included, \(slashes) direct slashes; kinds \(kinds.sorted { $0.key < $1.key }); codes \(codes.sorted { $0.key < $1.key }); dropped \(drops.sorted { $0.key < $1.key })")
    }

    /// Determinism: the same random staking workload (without the out-of-block slashes) produced on two stores gives
    /// byte-identical blocks and outcomes, and a third store replaying the blocks decoded from their bytes ends with
    /// the same records, tree nodes and root.
    func testRandomStakingBlocksReplayIdentically() throws {
        let a = try Self.makeChain(), b = try Self.makeChain()
        var rng = SplitMix64(seed: 0xde7e_57a6)
        var kinds = [String: Int]()
        for height in 1...120 {
            let candidates = Self.candidates(for: a, rng: &rng, kinds: &kinds)
            let timestamp = a.nextTimestamp + rng.below(2_000)
            let (blockA, outcomeA, _) = try a.produce(candidates, timestamp: timestamp)
            let (blockB, outcomeB, _) = try b.produce(candidates, timestamp: timestamp)
            XCTAssertEqual(blockA.canonicalBytes, blockB.canonicalBytes, "block \(height)")
            DeterminismTests.assertSame(outcomeA, outcomeB, "block \(height)")
        }
        XCTAssertGreaterThan(a.totals().staked, 0)
        XCTAssertGreaterThan(a.sumOfUnbonding() + a.totals().burned, 0)
        let replay = try TestChain(genesis: a.genesis, validatorKeys: [])
        for (block, original) in zip(a.blocks, a.outcomes) {
            let outcome = try replay.apply(try Block(canonical: block.canonicalBytes))
            DeterminismTests.assertSame(outcome, original, "replay of block \(block.height)")
        }
        XCTAssertEqual(replay.store.values, a.store.values)
        XCTAssertEqual(replay.store.nodes, a.store.nodes)
        XCTAssertEqual(replay.head.stateRoot, ReferenceTree.root(values: a.store.values))
        assertSupplyInvariant(replay)
    }
}
