import Foundation
@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// A small fixed chain whose hashes are pinned: any change to encodings, hashing, the tree, fee arithmetic or
/// execution that alters consensus output makes these tests fail, on purpose.
///
/// The chain: genesis "proofmint-golden" at 2026-01-01T00:00:00Z with validators golden-a and golden-b (keys
/// from `TestKeys`, i.e. fixed seeds), allocations to alice, bob, carol, golden-a and the treasury module, 2-block
/// epochs, a 3-block unbonding period and a 50% malicious slash rate (compute parameters at their defaults),
/// governance with one day = one block (`block_time_ms` 86,400,000), a 1-block timelock and 2 voting days for
/// parameter changes and treasury spends (the rest at its defaults: 100 AI deposits, a proposer power of
/// 2·isqrt(100 AI), voters with 100 AI of unjailed stake, quorums 51% / 60% / 75% / 60% / 51%, 3 voting days for
/// text), and eighteen blocks at fixed timestamps (see `GoldenChain.transactions`). Epoch n runs from height 2n + 1
/// to 2n + 2; every epoch's last block settles it, so blocks 2, 4, …, 10 write empty epoch records (no work: nothing
/// minted, the fee pool carried over). Blocks 1–5 are transfers: ordinary ones, an odd fee that rounds, one creating
/// a new account, a failing one (code 100), a self-transfer with expiry and memo, and an empty block. Blocks 6–10
/// are staking: stakes at tiers 0 and 2 with and without a lock, a zero stake without a stake (105), an unstake
/// leaving less than the minimum (108), one under lock (107), unstakes with their 0.1% burn, double-sign evidence
/// against golden-a (50% of its stake and of its unbonding entry burned, jailed), a jailed stake (104), withdrawals
/// before (110) and at maturity. Every stake write keeps governance's total stake (0x0D, Σ amount over unjailed
/// stakes) in step, so from block 9 on it is 200 AI: alice's and bob's 100 AI, golden-a's jailed 100 AI counting
/// nothing. Blocks 11–14 are Proof of Compute: in epoch 5, bob (100 AI staked at tier 1, at-rest: the golden genesis registers no attestor) and
/// alice (100 AI at tier 0) each submit a receipt signed by the other, at qualities 90 and 37 and prices with an odd
/// base unit, then a job paid twice (130) and a provider without a stake (132); block 12 accepts a receipt of the
/// previous epoch (window 1) and settles epoch 5 with two providers: its emission and the whole reward pool paid pro
/// rata by weight, the floor remainder to the treasury. Block 13 refuses a receipt two epochs old (131), and block
/// 14 ends epoch 6 without work: nothing minted, the pool carried over.
///
/// Blocks 15–18 are governance. Block 15: alice proposes `compute.protocol_fee_bps` 30 → 36 (proposal 1, the largest
/// step: 20%) and bob a 2,500 AI treasury spend to dave (2), both voting in blocks 15–16; carol (1 AI, no stake) lacks
/// the proposer power (141), a 99 AI deposit is too small (140), and bob votes yes on 1. Block 16: alice proposes a
/// text (3, a 150 AI deposit, voting in 16–18) and votes yes on 1, abstain on 2 and yes on 3; bob abstains on 1 (which
/// replaces his yes, keeping his place among the voters) and votes yes on 2; golden-a (jailed) and carol (not staked)
/// may not vote (149), and there is no proposal 9 (147). At 16's end (after epoch 7's empty settlement) 1 and 2 are
/// tallied: both had alice and bob, participation 200 AI of a total unjailed stake of 200 AI (golden-a is jailed),
/// above the 51% and 60% quorums; on each, one voter's yes (100 AI of stake; quadratic power isqrt(balance) +
/// 2·isqrt(stake)) is the only decided vote (abstain counts for quorum only), so both majorities, quadratic and
/// linear, are 100% yes: both pass, their deposits go back, and they
/// execute at the end of block 17, where bob's late vote on 1 is refused (148) and a receipt (alice for bob, 10 AI and
/// 9 base units) still pays 0.30%. Block 18's identical receipt pays the new 0.36%, proving the change in force from
/// the block after its execution; then epoch 8 settles (emission and the carried-over pool to bob) and proposal 3 is
/// tallied: alice alone is 100 AI of 200 AI of stake, 50% < 51%, so it is rejected and its 150 AI burned.
///
/// To regenerate after an intended consensus change, run
///
///     PROOFMINT_REGENERATE_GOLDEN=1 swift test --filter GoldenChainTests/testPrintPinnedValues
///
/// and paste the printed constants below. Then re-check them from an independent angle, as the other tests in
/// this file do (reference tree over the genesis writes, header hash from hand-written bytes), and with the
/// from-scratch Python model `scripts/golden_chain_model.py` (`make test-models` runs it with `--check` against the
/// constants below), which re-derives every pinned value (genesis root and hash, and each block's hash, state root,
/// receipt root and receipt codes) from the protocol's definitions alone: keys from the same seeds, signatures with
/// the RFC 8032 reference Ed25519, encodings, fee split, staking, compute, governance, tree and Merkle lists by hand.
enum GoldenChain {
    // MARK: Pinned values (generated; see above)

    static let genesisStateRoot = "dfec2a35c19341de0b028d57b6dedcc7b97095ab8bb431476a9ad24f3ead03d0"
    static let genesisHash = "6c918c415acb1ae484c2474f24c3d1334f76fe4e51041298d46e436a96175b38"
    static let blockHashes: [String] = [
        "339dfaf4dedfa869d988e2b8b92eb11bac0eacea342857ed6a0b41094ef034a7",
        "f59642367a7cd98be7404f57a26c5849741518eb9201f77f8c3da4c9235e7eba",
        "361640a5d9ed613f832013f019eeeb0fa65a9999178f33acb6c89d9f8a3310a6",
        "692039ae2f6e06c5eeb9eea0012ede1543f63b60bd7473baab11ee1ba34d240a",
        "6ab994865578be1f761c68ccc271a36a6ab708307f151a1f1e5c99b7f1e55a69",
        "13118ddf78ae930f4b50688de29822e1bf9b5ed513f9f145ee7cf529c54a7b2c",
        "0a965ce14c62e7bdeebdacb333c2c30def1c839978c1f2cdfc052fb3cf6174d0",
        "b5ce6422a0cab25482e4dd21007f3563c2ff46237215a9b9afc607d9dab3e48d",
        "3e1f4d7cbcf563acbde2d936ba78411c493e7ee5484f9efa78cd8d485e9729d6",
        "3773d3d3f30c81350fa4b820bfe85fd5aa187ce35a13b89efe64e97ffed57e4b",
        "63884e319c9fe65431765d47f675ebb92cfe8559a4dded95f4d8ec76da026c36",
        "952baa4a2c38df732e3fbba1856d161af0b37a466ec4d33eccf9be8a23b3ff91",
        "23abd7d1566af35b021fe22cb61590413f33bb5ff0ecd9d558633076e8adeb94",
        "1345911ecc4fdcdd61d5e06849f51ad4f34c16e7fbd53253423ea44740e01ba6",
        "7b695c58076d9e26ba508f2f51c0ada6b250992a3177e6869d4044509b147fb9",
        "d25b32e4362c0bbd720931ec123f0366dafebb6aedde7b438fae4354feb57edd",
        "42d04449f236719b178706700e6caedda0b85455e9cf52a3ddc61c19e03e5a78",
        "5e2aac48df3ca440128e52ad24cb098588af180f05e8fd583a43da094fbc8a98",
    ]
    static let stateRoots: [String] = [
        "9eaf9d84e51831b26cbc369bdb7b66738c6b3f8fc910bcdf3c0752f9b478998a",
        "cd1f9c1e9503320711d468278fabdcb54c6e0d9ad8457104599f0a81f2a5725b",
        "6544183da026f7075a7d822850e334323de7fa87e973415e2b26a35981442624",
        "6ae588fea3cf45292f09a845d308889465e8938c25b1614a3fbd19389f867dc1",
        "f2dc53e78cbc1c4e3797093b5efac74bd4f7be76ecc107687c67d07d170385c3",
        "6e46561b31fef6694096a09d69aa8204be4ba34d1f0a1e3a3af327365b312c9a",
        "0b1ccf57b8d89543efc9ef82f03032b82624352e7de971b9263b5ed6c6b96578",
        "6483dbc8eb6d55ea62f350ce91381c6f8d5b79e207af8b69de1c6e1ea4a1bfb1",
        "1bde028c78d5004e665df380c56a0b2b1688b379e95c1a514bb97fd956f61fa1",
        "232788b88a10c6163c887cb2c32a23d769a1458dc8693d1960e23c460a9db2ae",
        "6a26c50b21cfc39b22aa9952ec9dfe20bd5efbe057adf28113aff4192542d900",
        "ab4be211e0690bb7e703f6f210403faa6d58b8ff53da187da3f23eb43028840f",
        "21ba82085c78bb2715cceb71e542282748212305cb2cc893e19f4a8a3ef03cba",
        "e3e32290136b75599d7264d897bec19821150f136e54dc403c75735c8ac7d5ce",
        "eadc8a2c53966a2cc6624cf1bdc5f775024dbfcfc06d0826385a56e655733004",
        "b3ea6ad65b7d88422dc1952bf8f6a317ef9de9cdfa1ca2d968fe8e82483d4590",
        "c7adaf9b5c16cb0aa2240fb5c3e888ae6673b6bfd65adcfaedfa5a00a4e273bc",
        "444ac3625e371c016ba81de1cb35c5d6fee008557bc932777e401a57f83a5234",
    ]
    static let receiptRoots: [String] = [
        "f020875fd86b5e1a6929cecea3438763d62706079e49595e982aecf53ff18c80",
        "85327df34f37ffa57fe5d51f2095a6e2cd65e02ca18e2fb07e8cbd45d434ebb3",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "b98990c442340051594022a8f6665a046032e320fb5b279e6eadfdfa11565008",
        "f101dc41c2dfef114d62223c0545e01332c9e3f1db2be34c8d26cd4cb1bba85c",
        "f581958c87bdc2ced83582e3b61ec14c8eef974739054af20cc563556871c34b",
        "6673d271e2db9f28b15b916f0015086b6519df80dfd2ad226402b81cdda3d51b",
        "09e31199e0b442c1bc0a2f299cd7ea3c677f904b398d1ae2dee29a41e6e00b11",
        "ffac1e0d24d1e2032c3423862cb33809fd7a206cb2c19486e0abf1d07874fc29",
        "7cdf27bda3206ea40d1cc07a5e82250fc6313f53613309df4655e06f6d20e21a",
        "0f0d26a682ffa642a3191c98b199d5702cc8254fdeae71b6c2fee68c5e8b3625",
        "cada8ad42c0fff04201c3cd2fc707451ea97bc8d1a756780e8f2a39db20cffc3",
        "62985bd6db72dbef4203b900963a668114055453a6d411af4653e877c8035460",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "545ab540f6d08192926da40bc281f35f4ed8037945432fb240e951f0d0ee05b6",
        "cfd2553fded493f0947dd8b30c428a1a9df86fd4493a2f826a6ce187c5de57f9",
        "6f0ff7711f92c088ac9aa251f6955cae79d31da884b70a827f020d5fa61ad5d3",
        "0204299c740ceb2e5f402f1210f9f4addd487c97cf00b8f0f3ab4b084b0bd377",
    ]
    static let receiptCodes: [[UInt16]] = [[0, 0], [100, 0, 0], [], [0, 0], [0, 0], [0, 0, 105, 0], [108, 0, 107, 0], [0, 110], [0, 104], [0, 0, 110], [0, 0, 130, 132], [0], [131], [], [0, 0, 141, 140, 0], [0, 0, 0, 0, 0, 0, 149, 149, 147], [148, 0], [0]]

    // MARK: The chain

    static let chainId = "proofmint-golden"
    static let genesisTimeMillis: UInt64 = 1_767_225_600_000

    static func makeChain() throws -> TestChain {
        try TestChain(
            chainId: chainId, genesisTime: "2026-01-01T00:00:00Z", validators: ["golden-a", "golden-b"],
            users: [("alice", 1_000_000 * Tokens.one), ("bob", 1_000 * Tokens.one), ("carol", Tokens.one), ("golden-a", 500 * Tokens.one)],
            modules: [(.treasury, 5_000_000 * Tokens.one)],
            parameters: #"""
                {"min_fee": "1000000000000000", "epoch_length": 2, "staking": {"unbonding_period": 3, "slash_malicious_bps": 5000},
                 "compute": {"sample_delay_blocks": 1, "validation_window_blocks": 1, "max_reassignments": 0, "challenge_window_blocks": 1,
                             "resolution_window_blocks": 1},
                 "governance": {"block_time_ms": 86400000, "timelock_blocks": 1, "voting_days": {"parameter_change": 2, "treasury_spend": 2}}}
                """#,
            attestors: [])
    }

    static let blockCount = 18
    static let attestation = Hash32.digest(Array("golden-attestation".utf8))
    static let workload = "llama-3-8b"
    /// Explicit job ids (not `TestChain.receipt`'s counter), so the Python model derives them from the name alone.
    static func job(_ n: Int) -> Hash32 { Hash32.digest(Array("golden-job-\(n)".utf8)) }

    /// The transactions of blocks 1…14, built against the chain as it stands before each block.
    static func transactions(forBlock height: Int, chain: TestChain) -> [SignedTransaction] {
        let alice = TestKeys.key("alice"), bob = TestKeys.key("bob"), carol = TestKeys.key("carol"), dave = TestKeys.key("dave")
        let validator = TestKeys.key("golden-a")
        let milli = Tokens.one / 1000, one = Tokens.one
        let aliceNonce = chain.nonce(TestKeys.address("alice"))
        switch height {
        case 1:
            return [
                chain.transfer(from: alice, to: TestKeys.address("bob"), amount: 100 * Tokens.one),
                chain.transfer(from: bob, to: TestKeys.address("carol"), amount: Tokens.one / 2, fee: 2 * milli + 7),
            ]
        case 2:
            return [
                chain.transfer(from: carol, to: TestKeys.address("alice"), amount: 5 * Tokens.one),  // code 100
                chain.transfer(from: alice, to: TestKeys.address("dave"), amount: Tokens.one),
                chain.transfer(from: alice, to: TestKeys.address("bob"), amount: 3, nonce: 2),
            ]
        case 3:
            return []
        case 4:
            return [
                chain.transfer(from: alice, to: TestKeys.address("alice"), amount: Tokens.one, expiry: 10, memo: Array("invoice-42".utf8)),
                chain.transfer(from: bob, to: TestKeys.address("alice"), amount: 12_345, fee: Tokens.one),
            ]
        case 5:
            return [
                chain.transfer(from: dave, to: TestKeys.address("bob"), amount: Tokens.one / 2),
                chain.transfer(from: alice, to: ModuleAccount.liquidity.address, amount: 7 * Tokens.one, fee: 3 * milli + 1),
            ]
        case 6:
            return [
                chain.stake(from: bob, amount: 200 * one, lockEpochs: 1, tier: .atRest, attestation: attestation),  // locked until 8
                chain.stake(from: alice, amount: 150 * one + 5),
                chain.stake(from: carol, amount: 0),                                                          // 105 no_stake
                chain.stake(from: validator, amount: 300 * one, fee: 2 * milli),
            ]
        case 7:
            return [
                chain.unstake(from: alice, amount: 50 * one + 6),                                             // 108 remainder below minimum
                chain.unstake(from: alice, amount: 50 * one + 5, nonce: aliceNonce + 1),                       // matures at 10
                chain.unstake(from: bob, amount: one),                                                        // 107 stake locked
                chain.unstake(from: validator, amount: 100 * one),                                            // matures at 10
            ]
        case 8:
            return [
                chain.evidence(from: carol, chain.doubleSign(by: validator, height: 3)),                     // 50% slash, jailed
                chain.withdraw(from: alice),                                                                  // 110 nothing matured
            ]
        case 9:
            return [
                chain.unstake(from: bob, amount: 100 * one),                                                  // matures at 12
                chain.stake(from: validator, amount: 100 * one),                                              // 104 jailed
            ]
        case 10:
            return [
                chain.withdraw(from: alice),
                chain.withdraw(from: validator),
                chain.withdraw(from: bob),                                                                    // 110 nothing matured
            ]
        case 11:
            // Epoch 5's first block: bob (tier 1) and alice (tier 0) are staked providers, dave is not.
            let job1 = chain.receipt(
                consumer: alice, provider: TestKeys.address("bob"), units: 1000, quality: 90, price: 10 * one, epoch: 5,
                workload: workload, jobId: job(1))
            let job2 = chain.receipt(
                consumer: bob, provider: TestKeys.address("alice"), units: 333, quality: 37, price: 3 * one + 7, epoch: 5,
                workload: workload, jobId: job(2))
            let job4 = chain.receipt(
                consumer: alice, provider: TestKeys.address("dave"), units: 50, quality: 100, price: one, epoch: 5,
                workload: workload, jobId: job(4))
            return [
                chain.submitProof(from: bob, job1),
                chain.submitProof(from: alice, job2),
                chain.submitProof(from: bob, job1, nonce: chain.nonce(TestKeys.address("bob")) + 1),          // 130 job already paid
                chain.submitProof(from: dave, job4),                                                          // 132 not staked
            ]
        case 12:
            // Epoch 5's last block: a receipt of epoch 4 (within the 1-epoch window); then epoch 5 settles.
            let job3 = chain.receipt(
                consumer: bob, provider: TestKeys.address("alice"), units: 10, quality: 0, price: one, epoch: 4,
                workload: workload, jobId: job(3))
            return [chain.submitProof(from: alice, job3)]
        case 13:
            let job5 = chain.receipt(
                consumer: alice, provider: TestKeys.address("bob"), units: 500, quality: 50, price: 5 * one, epoch: 4,
                workload: workload, jobId: job(5))
            return [chain.submitProof(from: bob, job5)]                                                       // 131 out of window
        case 14:
            return []                                                                                         // epoch 6 ends without work
        case 15:
            // Governance, 1 day = 1 block: a parameter change and a treasury spend vote in blocks 15–16.
            let bobNonce = chain.nonce(TestKeys.address("bob"))
            return [
                chain.propose(from: alice, feeChange),                                                        // id 1
                chain.propose(from: bob, .treasurySpend(recipient: TestKeys.address("dave"), amount: spend)),    // id 2
                chain.propose(from: carol, signal),                                                           // 141 power too low
                chain.propose(from: alice, signal, deposit: 99 * one, nonce: aliceNonce + 1),                   // 140 deposit too small
                chain.vote(from: bob, proposal: 1, .yes, nonce: bobNonce + 1),                                  // replaced in block 16
            ]
        case 16:
            // A text proposal voting in blocks 16–18 (3 days, the default); the two votes of block 15 end here.
            let bobNonce = chain.nonce(TestKeys.address("bob"))
            return [
                chain.propose(from: alice, signal, deposit: 150 * one),                                        // id 3
                chain.vote(from: alice, proposal: 1, .yes, nonce: aliceNonce + 1),
                chain.vote(from: alice, proposal: 2, .abstain, nonce: aliceNonce + 2),
                chain.vote(from: alice, proposal: 3, .yes, nonce: aliceNonce + 3),
                chain.vote(from: bob, proposal: 1, .abstain),                                                 // replaces bob's yes
                chain.vote(from: bob, proposal: 2, .yes, nonce: bobNonce + 1),
                chain.vote(from: validator, proposal: 1, .yes),                                               // 149 jailed
                chain.vote(from: carol, proposal: 2, .yes),                                                   // 149 not staked
                chain.vote(from: dave, proposal: 9, .yes),                                                    // 147 unknown proposal
            ]
        case 17:
            // Proposals 1 and 2 passed at 16's end and execute at this block's end: this receipt still pays 0.3%.
            let job6 = chain.receipt(
                consumer: alice, provider: TestKeys.address("bob"), units: 400, quality: 80, price: 10 * one + 9, epoch: 8,
                workload: workload, jobId: job(6))
            return [
                chain.vote(from: bob, proposal: 1, .yes),                                                     // 148 voting closed
                chain.submitProof(from: bob, job6, nonce: chain.nonce(TestKeys.address("bob")) + 1),
            ]
        default:
            // 18: the same receipt pays the new 0.36%; epoch 8 settles, then the text proposal's tally misses quorum.
            let job7 = chain.receipt(
                consumer: alice, provider: TestKeys.address("bob"), units: 400, quality: 80, price: 10 * one + 9, epoch: 8,
                workload: workload, jobId: job(7))
            return [chain.submitProof(from: bob, job7)]
        }
    }

    /// Proposal 1: the protocol fee from 30 to 36 basis points (the largest step, 20%).
    static let feeChange = ProposalContent.parameterChange([.init(name: "compute.protocol_fee_bps", value: 36)])
    /// Proposal 2: bob asks the treasury to pay dave this much.
    static let spend = 2_500 * Tokens.one
    /// Proposal 3 (and the refused ones): a text proposal.
    static let signal = ProposalContent.text(title: "golden-signal", documentHash: Hash32.digest(Array("golden-document".utf8)))

    static func timestamp(forBlock height: Int) -> UInt64 { genesisTimeMillis + UInt64(height) * 5_000 }

    /// Builds the whole golden chain.
    static func build() throws -> TestChain {
        let chain = try makeChain()
        for height in 1...blockCount {
            let (_, _, dropped) = try chain.produce(transactions(forBlock: height, chain: chain), timestamp: timestamp(forBlock: height))
            precondition(dropped.isEmpty, "golden block \(height) dropped \(dropped.map(\.error))")
        }
        return chain
    }
}

final class GoldenChainTests: XCTestCase {
    /// Prints the pinned constants; runs only with PROOFMINT_REGENERATE_GOLDEN=1.
    func testPrintPinnedValues() throws {
        guard ProcessInfo.processInfo.environment["PROOFMINT_REGENERATE_GOLDEN"] == "1" else {
            throw XCTSkip("set PROOFMINT_REGENERATE_GOLDEN=1 to print the golden values")
        }
        let chain = try GoldenChain.build()
        func list(_ values: [String]) -> String { "[\n" + values.map { "        \"\($0)\",\n" }.joined() + "    ]" }
        print("""
            // ---- golden values ----
                static let genesisStateRoot = "\(chain.genesisBlock.header.stateRoot.hex)"
                static let genesisHash = "\(chain.genesisBlock.hash.hex)"
                static let blockHashes: [String] = \(list(chain.blocks.map(\.hash.hex)))
                static let stateRoots: [String] = \(list(chain.blocks.map(\.header.stateRoot.hex)))
                static let receiptRoots: [String] = \(list(chain.blocks.map(\.header.receiptRoot.hex)))
                static let receiptCodes: [[UInt16]] = \(chain.outcomes.map { $0.receipts.map(\.code) })
            // ---- end ----
            """)
    }

    func testGenesisMatchesPinnedValues() throws {
        let chain = try GoldenChain.makeChain()
        XCTAssertEqual(chain.genesisBlock.header.stateRoot.hex, GoldenChain.genesisStateRoot)
        XCTAssertEqual(chain.genesisBlock.hash.hex, GoldenChain.genesisHash)
    }

    func testBlocksMatchPinnedValues() throws {
        let chain = try GoldenChain.build()
        XCTAssertEqual(chain.blocks.count, GoldenChain.blockCount)
        XCTAssertEqual(chain.blocks.map(\.hash.hex), GoldenChain.blockHashes)
        XCTAssertEqual(chain.blocks.map(\.header.stateRoot.hex), GoldenChain.stateRoots)
        XCTAssertEqual(chain.blocks.map(\.header.receiptRoot.hex), GoldenChain.receiptRoots)
        XCTAssertEqual(chain.outcomes.map { $0.receipts.map(\.code) }, GoldenChain.receiptCodes)
        XCTAssertEqual(chain.blocks.map(\.header.timestamp), (1...GoldenChain.blockCount).map(GoldenChain.timestamp(forBlock:)))
    }

    /// Independent angle 1: the pinned genesis root is the reference tree's root over the genesis writes, whose
    /// records are re-encoded here by hand from the documented layouts.
    func testGenesisRootFromReferenceTreeAndHandEncodedRecords() throws {
        let genesis = try GoldenChain.makeChain().genesis
        func be<T: FixedWidthInteger>(_ value: T) -> Bytes { withUnsafeBytes(of: value.bigEndian, Array.init) }
        var values = [StateKey: Bytes]()
        let balances: [(Address, Amount)] = [
            (TestKeys.address("alice"), 1_000_000 * Tokens.one), (TestKeys.address("bob"), 1_000 * Tokens.one),
            (TestKeys.address("carol"), Tokens.one), (TestKeys.address("golden-a"), 500 * Tokens.one),
            (ModuleAccount.treasury.address, 5_000_000 * Tokens.one),
        ]
        for (address, amount) in balances {
            // account: version 1, u64 nonce, u128 balance; key 0x01 ‖ address.
            values[StateKey(bytes: [0x01] + address.bytes)] = [1] + be(UInt64(0)) + be(amount)
        }
        let issued = balances.reduce(0) { $0 + $1.1 }
        // totals: version 1, u128 issued, burned, fees paid, staked, unbonding, minted.
        values[StateKey(bytes: [0x02])] = [1] + be(issued) + ([0, 0, 0, 0, 0] as [UInt128]).flatMap(be)
        // parameters: version 2, u128 min fee, u32 × 3, u16 × 4 (burn, pool, treasury, liquidity), u64 epoch length,
        // then staking: u128 min stake, u64 unbonding period, u16 burn, u32 max lock, u8 count + (u32, u16) lock
        // steps, u8 count + u16 tier multipliers, u16 max unbonding entries, u16 × 4 slash rates, u64 jail period,
        // u128 unjail fee.
        var parameters: Bytes = [2] + be(UInt128(1_000_000_000_000_000)) + be(UInt32(4096)) + be(UInt32(10_000))
            + be(UInt32(8 << 20)) + be(UInt16(4000)) + be(UInt16(3000)) + be(UInt16(2000)) + be(UInt16(1000)) + be(UInt64(2))
        parameters += be(100 * Tokens.one) + be(UInt64(3)) + be(UInt16(10)) + be(UInt32(520)) + [4]
        for (epochs, bps) in [(0, 10_000), (4, 11_000), (12, 12_500), (52, 15_000)] as [(UInt32, UInt16)] { parameters += be(epochs) + be(bps) }
        parameters += [5] + ([10_000, 12_000, 15_000, 18_000, 20_000] as [UInt16]).flatMap(be)
        parameters += be(UInt16(16)) + be(UInt16(100)) + be(UInt16(500)) + be(UInt16(1000)) + be(UInt16(5000))
        parameters += be(UInt64(8640)) + be(10 * Tokens.one)
        // then compute: u64 blocks per year, u128 initial annual emission, u64 halving years, u128 terminal annual
        // emission, u128 mining cap, u16 protocol fee, u16 × 2 quality multipliers at 0 and 100, u64 proof window,
        // u128 minimum unit price, u16 reputation per proof.
        parameters += be(UInt64(31_536_000)) + be(100_000_000 * Tokens.one) + be(UInt64(4)) + be(6_250_000 * Tokens.one)
            + be(300_000_000 * Tokens.one) + be(UInt16(30)) + be(UInt16(8000)) + be(UInt16(15_000)) + be(UInt64(1))
            + be(Tokens.one / 1_000_000) + be(UInt16(1))
        // then governance: u128 min deposit, u128 min proposer power, u128 voter min stake, u64 block time in ms, u8 count +
        // (u16 quorum, u32 voting days) per proposal kind (parameter change, treasury spend, upgrade, slash, text), u16 pass
        // threshold, u64 timelock, u16 max change, u32 max active proposals, u64 change window; the golden chain's day is
        // one block.
        parameters += be(100 * Tokens.one) + be(UInt128(20_000_000_000)) + be(100 * Tokens.one) + be(UInt64(86_400_000)) + [5]
        for (quorum, days) in [(5100, 2), (6000, 2), (7500, 14), (6000, 7), (5100, 3)] as [(UInt16, UInt32)] { parameters += be(quorum) + be(days) }
        parameters += be(UInt16(5000)) + be(UInt64(1)) + be(UInt16(2000)) + be(UInt32(100)) + be(UInt64(7_776_000))
            + be(UInt16(1000))   // max spend per window (protocol version 2)
        values[StateKey(bytes: [0x03])] = parameters
        // validators: version 1, u32 count, then u32-prefixed name and 32-byte key each.
        var validators: Bytes = [1] + be(UInt32(2))
        for name in ["golden-a", "golden-b"] {
            validators += be(UInt32(name.utf8.count)) + Array(name.utf8) + TestKeys.key(name).publicKey.bytes
        }
        values[StateKey(bytes: [0x04])] = validators
        // epoch state: version 1, u64 number 0, u64 start height 1.
        values[StateKey(bytes: [0x08])] = [1] + be(UInt64(0)) + be(UInt64(1))

        let writes = genesis.stateWrites()
        XCTAssertEqual(writes.count, values.count)
        for (key, value) in writes { XCTAssertEqual(value, values[key], "\(key)") }
        XCTAssertEqual(ReferenceTree.root(values: values).hex, GoldenChain.genesisStateRoot)
    }

    /// Independent angle 2: the genesis block hash is BLAKE2b-256 of the header bytes written out by hand.
    func testGenesisHashFromHandEncodedHeader() throws {
        func be<T: FixedWidthInteger>(_ value: T) -> Bytes { withUnsafeBytes(of: value.bigEndian, Array.init) }
        let root = try XCTUnwrap(Bytes(hex: GoldenChain.genesisStateRoot))
        var header: Bytes = [2]                          // header version 2 (protocol version 3)
        header += be(UInt32(GoldenChain.chainId.utf8.count)) + Array(GoldenChain.chainId.utf8)
        header += be(UInt64(0))                          // height
        header += Bytes(repeating: 0, count: 32)         // parent
        header += be(GoldenChain.genesisTimeMillis)      // timestamp
        header += Bytes(repeating: 0, count: 64)         // transaction and receipt roots
        header += root                                   // state root
        header += be(UInt32(0))                          // transaction count
        header += Bytes(repeating: 0, count: 32)         // producer
        header += Bytes(repeating: 0, count: 80)         // beacon: none at genesis
        XCTAssertEqual(Blake2b.hash256(header).hex, GoldenChain.genesisHash)
    }

    /// Independent angle 3: every golden block's state root is the reference tree's root over the stored values,
    /// and replaying the golden blocks on a fresh store reproduces them.
    func testGoldenBlocksAgainstReferenceAndReplay() throws {
        let chain = try GoldenChain.build()
        XCTAssertEqual(chain.head.stateRoot, ReferenceTree.root(values: chain.store.values))
        let replay = try TestChain(genesis: chain.genesis, validatorKeys: chain.validatorKeys)
        for block in chain.blocks { try replay.apply(block) }
        XCTAssertEqual(replay.head, chain.head)
        XCTAssertEqual(replay.store.values, chain.store.values)
        XCTAssertEqual(replay.totals().supply, replay.sumOfBalances() + replay.sumOfStakes() + replay.sumOfUnbonding())
        XCTAssertEqual(replay.totals().staked, replay.sumOfStakes())
        XCTAssertEqual(replay.totals().unbonding, replay.sumOfUnbonding())
        XCTAssertGreaterThan(replay.totals().staked, 0)
        XCTAssertGreaterThan(replay.totals().unbonding, 0)

        // Epoch 5's windows close 2 blocks after its last receipt (block 12): it settles at block 14, capped at half the
        // value its receipts paid, the pool first and the rest minted.
        let settled = try XCTUnwrap(replay.epochRecord(5))
        let settlement = try XCTUnwrap(settled.settlement)
        XCTAssertEqual(settled.providerCount, 2)
        XCTAssertEqual(settlement.startedAt, 14)
        XCTAssertEqual(settlement.finishedAt, 14)
        XCTAssertEqual(settlement.paid, settlement.minted + settlement.fromPool)
        XCTAssertGreaterThan(settlement.paid, 0)
        XCTAssertLessThanOrEqual(settlement.paid + settlement.capped + settlement.forfeited, settlement.distributable)
        // The providers as the brief has them: bob at tier 2, alice at tier 0, 100 AI each, a reputation point a proof.
        let stakes = try [TestKeys.address("bob"), TestKeys.address("alice")].map { try XCTUnwrap(replay.stakeRecord($0)) }
        XCTAssertEqual(stakes.map(\.amount), [100 * Tokens.one, 100 * Tokens.one])
        XCTAssertEqual(stakes.map(\.tier), [.atRest, .open])
        XCTAssertEqual(stakes.map(\.reputation), [3, 2], "bob's receipts of blocks 17 and 18 count too")
        // Epochs 6 and 7 had no work: nothing minted, nothing taken from the pool.
        for epoch: UInt64 in [6, 7] {
            let empty = try XCTUnwrap(replay.epochRecord(epoch)?.settlement)
            XCTAssertEqual(empty.minted, 0)
            XCTAssertEqual(empty.fromPool, 0)
        }
        XCTAssertEqual(replay.epochState(), EpochState(number: 9, startHeight: 19))

        // Governance: the parameter change and the spend passed at 16's end (quorum: alice and bob's 100 AI each, the
        // whole unjailed stake, golden-a being jailed) and executed at 17's; the text proposal had alice alone, 50% < 51%.
        let stake = 100 * Tokens.one, totalStake = 2 * stake
        let proposals = try (1...3).map { try XCTUnwrap(replay.proposal(UInt64($0))) }
        XCTAssertEqual(proposals.map(\.status), [.executed, .executed, .rejected])
        XCTAssertEqual(proposals.map(\.votingEndHeight), [16, 16, 18])
        XCTAssertEqual(proposals.map(\.executeHeight), [17, 17, nil])
        XCTAssertEqual(replay.voters(of: 1), [TestKeys.address("bob"), TestKeys.address("alice")], "bob's first vote keeps his place")
        let tallies = try proposals.map { try XCTUnwrap($0.tally) }
        XCTAssertEqual(tallies.map(\.totalStake), [totalStake, totalStake, totalStake])
        XCTAssertEqual(tallies.map(\.participationStake), [totalStake, totalStake, stake])
        XCTAssertEqual(tallies.map { [$0.yesStake, $0.noStake, $0.abstainStake] }, [[stake, 0, stake], [stake, 0, stake], [stake, 0, 0]])
        XCTAssertEqual(tallies.map(\.quorumReached), [true, true, false])
        XCTAssertEqual(tallies.map(\.passed), [true, true, false])
        // The figures the Python model prints: bob's replaced yes counts as his abstain; abstentions count for quorum only
        // (her power is higher at proposal 2's tally, her deposit of proposal 1 having come back just before).
        XCTAssertEqual([tallies[0].yes, tallies[0].no, tallies[0].abstain], [1_019_768_510_881, 0, 48_468_646_047])
        XCTAssertEqual([tallies[1].yes, tallies[1].no, tallies[1].abstain], [48_468_646_047, 0, 1_019_818_521_208])
        XCTAssertEqual([tallies[2].yes, tallies[2].no, tallies[2].abstain], [1_019_808_519_342, 0, 0])
        XCTAssertEqual(replay.governanceState(), GovernanceState(nextProposalId: 4, openProposals: 0, totalStake: totalStake))
        XCTAssertEqual(replay.balance(ModuleAccount.governance.address), 0, "deposits returned or burned")
        // The new protocol fee is in force, and the identical receipts of blocks 17 and 18 paid 0.30% and then 0.36%.
        XCTAssertEqual(replay.currentParameters().compute.protocolFeeBps, 36)
        XCTAssertEqual(chain.genesis.parameters.compute.protocolFeeBps, 30)
        let protocolFees = chain.outcomes[16...17].map { outcome in
            outcome.receipts.flatMap(\.events).compactMap { event -> Amount? in
                if case let .proofAccepted(_, _, _, _, _, _, _, _, _, fee, _) = event { return fee } else { return nil }
            }
        }
        XCTAssertEqual(protocolFees, [[30_000_000_000_000_000], [36_000_000_000_000_000]])
        // The spend reached dave (his 0.497 AI plus 2,500 AI); the text proposal's 150 AI deposit was burned.
        XCTAssertEqual(replay.balance(TestKeys.address("dave")), 2_500 * Tokens.one + 497 * Tokens.one / 1000)
        XCTAssertEqual(proposals[2].deposit, 150 * Tokens.one)
        let before18 = try TestChain(genesis: chain.genesis, validatorKeys: chain.validatorKeys)
        for block in chain.blocks.prefix(17) { try before18.apply(block) }
        XCTAssertEqual(before18.proposal(3)?.status, .voting)
        XCTAssertEqual(before18.balance(ModuleAccount.governance.address), 150 * Tokens.one)
        XCTAssertEqual(
            replay.totals().burned - before18.totals().burned, 150 * Tokens.one + (Tokens.one / 1000 + 36_000_000_000_000_000) * 4 / 10,
            "block 18 burned the deposit and 40% of its two fees")
        XCTAssertEqual(replay.balance(ModuleAccount.treasury.address), 4_997_500_231_600_000_000_000_005)
        XCTAssertEqual(replay.totals().burned, 300_663_200_000_000_000_002)
    }
}

// The independent Python model of this chain: scripts/golden_chain_model.py (`make test-models` runs it).
