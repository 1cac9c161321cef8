import Foundation
@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// A small fixed chain whose hashes are pinned: any change to encodings, hashing, the tree, fee arithmetic or
/// execution that alters consensus output makes these tests fail, on purpose.
///
/// The chain: genesis "proofmint-golden" at 2026-01-01T00:00:00Z with validators golden-a and golden-b (keys
/// from `TestKeys`, i.e. fixed seeds), allocations to alice, bob, carol, golden-a and the treasury module, 2-block
/// epochs, a 3-block unbonding period and a 50% malicious slash rate (compute parameters at their defaults), and
/// fourteen blocks at fixed timestamps (see `GoldenChain.transactions`). Epoch n runs from height 2n + 1 to 2n + 2;
/// every epoch's last block settles it, so blocks 2, 4, …, 10 write empty epoch records (no work: nothing minted,
/// the fee pool carried over). Blocks 1–5 are transfers: ordinary ones, an odd fee that rounds, one creating a new
/// account, a failing one (code 100), a self-transfer with expiry and memo, and an empty block. Blocks 6–10 are
/// staking: stakes at tiers 0 and 2 with and without a lock, a zero stake without a stake (105), an unstake leaving
/// less than the minimum (108), one under lock (107), unstakes with their 0.1% burn, double-sign evidence against
/// golden-a (50% of its stake and of its unbonding entry burned, jailed), a jailed stake (104), withdrawals before
/// (110) and at maturity. Blocks 11–14 are Proof of Compute: in epoch 5, bob (100 AI staked at tier 2) and alice
/// (100 AI at tier 0) each submit a receipt signed by the other, at qualities 90 and 37 and prices with an odd base
/// unit, then a job paid twice (130) and a provider without a stake (132); block 12 accepts a receipt of the
/// previous epoch (window 1) and settles epoch 5 with two providers: its emission and the whole reward pool paid pro
/// rata by weight, the floor remainder to the treasury. Block 13 refuses a receipt two epochs old (131), and block
/// 14 ends epoch 6 without work: nothing minted, the pool carried over.
///
/// To regenerate after an intended consensus change, run
///
///     PROOFMINT_REGENERATE_GOLDEN=1 swift test --filter GoldenChainTests/testPrintPinnedValues
///
/// and paste the printed constants below. Then re-check them from an independent angle, as the other tests in
/// this file do (reference tree over the genesis writes, header hash from hand-written bytes), and with the
/// from-scratch Python model at the end of this file, which re-derives every pinned value (genesis root and hash,
/// and each block's hash, state root and receipt root) from the protocol's definitions alone: keys from the same
/// seeds, signatures with the RFC 8032 reference Ed25519, encodings, fee split, tree and Merkle lists by hand.
enum GoldenChain {
    // MARK: Pinned values (generated; see above)

    static let genesisStateRoot = "9df81feaf987a063a5cbc86eaea136af9bbd0e5d7e2977a7a92b6dba52dce768"
    static let genesisHash = "b560c1c6db8a7ebbc6e18b416390c50e1f6988da234dd09b90424480b8a3a3a7"
    static let blockHashes: [String] = [
        "39168f2da58269fc4869a3cdecc83f91f2e3edec249101c7f834ac685815b884",
        "38a7e70dc2d24b35131dea99461dbb1c058ccade6404ddd854a25326cea6cf94",
        "c68a30b205b8163a6fc70f8d97fe3c390904679ae64f02fcf0cd9403f97664fc",
        "896a3d32a6b71278af6dc932517ab8e5f7751fbdf82a7686dbd7a9b3a40468d9",
        "125ecd88293b7f3f0a480be77c3e9caa4ffae9fc9c7677d33fc1e0365b730891",
        "993fde87d3680494e028adfed633f6df21b4009168d70e862c12fcbb9c03897f",
        "35ff028a28cd313921f3b48c09cb17a04db8e44f91926d2aea1c96e6a62a4469",
        "58c79f442f1efeb70e7dfad6ace8447baf492ff3df4d124aba68ea8c952d4c9b",
        "a91591d6910b927937fe52ce58ed988d2a8d816772d9648af01f6c19ad8d86de",
        "d61857645c3215aba54386056f6bcfb106bc31633f304c6b9200d4c4ebcd667e",
        "4f21ac81fecd5b605894b95f0cdaa26ec88e861e9ed33098a5b07cf38d9a7fc3",
        "36b2f5635a020ba4a5424422d6d90902432d93d4494d1bb9ad624c3c28b100ea",
        "68f5fcc1b3d4b1a7c0f4a82fa20aa28dfaad72c0d72bad9945591816b835939b",
        "f571062ce450d042a9058ada16f65f32eb7e73b7f572116c4bb79f2333669262",
    ]
    static let stateRoots: [String] = [
        "ef9bd28ddd2727f8aabe22d8a85d7257a887ef05cba4271cf1682bdb0c03854c",
        "30a39a85f21c696410e63f4613fb053864cb32824aa7ea64788f524d8ce56df8",
        "30a39a85f21c696410e63f4613fb053864cb32824aa7ea64788f524d8ce56df8",  // the empty block 3 ends no epoch: changes nothing
        "e4d7063939e557590807dbe2c5af36e7feb05f1318fa149b3ab2f9d9c1883c50",
        "613ccb07f176e447e2fb826cc82a6b52f3c6c1f1246d894333d008b035864b35",
        "7c08ad3fc7dd97b58410eece32de68c041ab3fb92f65ff307f6c5babbb729aeb",
        "15f3924a980fa562839df01048bf84b03b5381e7368f8d8bfb86ae58d693e0d5",
        "97201984f5d4b1a1de00a564fb375360c2cbb07779c30cf1d245cfde873f2c75",
        "24dcdbea200373431fe63ef2dda43aba3992b9dda71f8af46052ee0ca5b13ba3",
        "8f7547a83495513226650b14f63802bbc33a4dc63f338dd115a1ef396d74fbe2",
        "c21804d8740a84ed6f0189c01b0231eb52a29eb040e406ded5d765aa6dad08f4",
        "03ecf5e1c2531c888740de3815e50f4d64232a9e65551909d8243392fa178cdf",
        "dd31166323cd79da1fe51e441d77a6ccbf0e63cc6a612addeb9f956e37a29d33",
        "0fb4ce6407f2188835ccadf355b11a58568c4ae4af434f57c569f850560748f9",
    ]
    static let receiptRoots: [String] = [
        "f020875fd86b5e1a6929cecea3438763d62706079e49595e982aecf53ff18c80",
        "85327df34f37ffa57fe5d51f2095a6e2cd65e02ca18e2fb07e8cbd45d434ebb3",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "b98990c442340051594022a8f6665a046032e320fb5b279e6eadfdfa11565008",
        "f101dc41c2dfef114d62223c0545e01332c9e3f1db2be34c8d26cd4cb1bba85c",
        "d3aa7713d2ee8be131a2a8d17a15288ea9721e056bb503a0918572a06a77f629",
        "6673d271e2db9f28b15b916f0015086b6519df80dfd2ad226402b81cdda3d51b",
        "21ff74b1c7a5264b25dd45a592898f414648587af5d812d5959559d9281aeb67",
        "ffac1e0d24d1e2032c3423862cb33809fd7a206cb2c19486e0abf1d07874fc29",
        "7cdf27bda3206ea40d1cc07a5e82250fc6313f53613309df4655e06f6d20e21a",
        "1baf87b5987e482f52e2481574f87b7af8d4ea4e204efcf46fb25d8dee57de21",
        "cada8ad42c0fff04201c3cd2fc707451ea97bc8d1a756780e8f2a39db20cffc3",
        "62985bd6db72dbef4203b900963a668114055453a6d411af4653e877c8035460",
        "0000000000000000000000000000000000000000000000000000000000000000",
    ]
    static let receiptCodes: [[UInt16]] = [[0, 0], [100, 0, 0], [], [0, 0], [0, 0], [0, 0, 105, 0], [108, 0, 107, 0], [0, 110], [0, 104], [0, 0, 110], [0, 0, 130, 132], [0], [131], []]

    // MARK: The chain

    static let chainId = "proofmint-golden"
    static let genesisTimeMillis: UInt64 = 1_767_225_600_000

    static func makeChain() throws -> TestChain {
        try TestChain(
            chainId: chainId, genesisTime: "2026-01-01T00:00:00Z", validators: ["golden-a", "golden-b"],
            users: [("alice", 1_000_000 * Tokens.one), ("bob", 1_000 * Tokens.one), ("carol", Tokens.one), ("golden-a", 500 * Tokens.one)],
            modules: [(.treasury, 5_000_000 * Tokens.one)],
            parameters: #"{"min_fee": "1000000000000000", "epoch_length": 2, "staking": {"unbonding_period": 3, "slash_malicious_bps": 5000}}"#)
    }

    static let blockCount = 14
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
                chain.stake(from: bob, amount: 200 * one, lockEpochs: 1, tier: .cpuTEE, attestation: attestation),  // locked until 8
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
            // Epoch 5's first block: bob (tier 2) and alice (tier 0) are staked providers, dave is not.
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
        default:
            return []                                                                                         // 14: epoch 6 ends without work
        }
    }

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
        // parameters: version 1, u128 min fee, u32 × 3, u16 × 4 (burn, pool, treasury, liquidity), u64 epoch length,
        // then staking: u128 min stake, u64 unbonding period, u16 burn, u32 max lock, u8 count + (u32, u16) lock
        // steps, u8 count + u16 tier multipliers, u16 max unbonding entries, u16 × 4 slash rates.
        var parameters: Bytes = [1] + be(UInt128(1_000_000_000_000_000)) + be(UInt32(4096)) + be(UInt32(10_000))
            + be(UInt32(8 << 20)) + be(UInt16(4000)) + be(UInt16(3000)) + be(UInt16(2000)) + be(UInt16(1000)) + be(UInt64(2))
        parameters += be(100 * Tokens.one) + be(UInt64(3)) + be(UInt16(10)) + be(UInt32(520)) + [4]
        for (epochs, bps) in [(0, 10_000), (4, 11_000), (12, 12_500), (52, 15_000)] as [(UInt32, UInt16)] { parameters += be(epochs) + be(bps) }
        parameters += [5] + ([10_000, 12_000, 15_000, 18_000, 20_000] as [UInt16]).flatMap(be)
        parameters += be(UInt16(16)) + be(UInt16(100)) + be(UInt16(500)) + be(UInt16(1000)) + be(UInt16(5000))
        // then compute: u64 blocks per year, u128 initial annual emission, u64 halving years, u128 terminal annual
        // emission, u128 mining cap, u16 protocol fee, u16 × 2 quality multipliers at 0 and 100, u64 proof window,
        // u128 minimum unit price, u16 reputation per proof.
        parameters += be(UInt64(31_536_000)) + be(100_000_000 * Tokens.one) + be(UInt64(4)) + be(6_250_000 * Tokens.one)
            + be(300_000_000 * Tokens.one) + be(UInt16(30)) + be(UInt16(8000)) + be(UInt16(15_000)) + be(UInt64(1))
            + be(Tokens.one / 1_000_000) + be(UInt16(1))
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
        var header: Bytes = [1]
        header += be(UInt32(GoldenChain.chainId.utf8.count)) + Array(GoldenChain.chainId.utf8)
        header += be(UInt64(0))                          // height
        header += Bytes(repeating: 0, count: 32)         // parent
        header += be(GoldenChain.genesisTimeMillis)      // timestamp
        header += Bytes(repeating: 0, count: 64)         // transaction and receipt roots
        header += root                                   // state root
        header += be(UInt32(0))                          // transaction count
        header += Bytes(repeating: 0, count: 32)         // producer
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

        // Epoch 5 settled exactly: what its providers got plus the treasury's remainder is the emission plus the pool.
        let settled = try XCTUnwrap(replay.epochRecord(5))
        let settlement = try XCTUnwrap(settled.settlement)
        XCTAssertEqual(settled.providers, [TestKeys.address("bob"), TestKeys.address("alice")])
        let rewards = try settled.providers.map { try XCTUnwrap(replay.providerWork($0, epoch: 5)?.reward) }
        XCTAssertEqual(rewards.reduce(0, +), settlement.paidToProviders)
        XCTAssertEqual(rewards.reduce(0, +) + settlement.toTreasury, settlement.minted + settlement.fromPool)
        XCTAssertGreaterThan(settlement.minted, 0)
        XCTAssertGreaterThan(settlement.fromPool, 0)
        XCTAssertEqual(settlement.endHeight, 12)
        // The figures the Python model prints for epoch 5 (epoch 5 < 10²⁶ mod 15,768,000, so one base unit over the floor).
        XCTAssertEqual(settlement.minted, 6_341_958_396_752_917_301)
        XCTAssertEqual(settlement.fromPool, 322_200_000_000_000_002)
        XCTAssertEqual(rewards, [5_704_961_537_293_564_342, 959_196_859_459_352_960])
        XCTAssertEqual(settlement.toTreasury, 1)
        // The providers as the brief has them: bob at tier 2, alice at tier 0, 100 AI each, a reputation point a proof.
        let stakes = try [TestKeys.address("bob"), TestKeys.address("alice")].map { try XCTUnwrap(replay.stakeRecord($0)) }
        XCTAssertEqual(stakes.map(\.amount), [100 * Tokens.one, 100 * Tokens.one])
        XCTAssertEqual(stakes.map(\.tier), [.cpuTEE, .open])
        XCTAssertEqual(stakes.map(\.reputation), [1, 2])
        // Epoch 6 had no work: nothing minted, nothing taken from the pool, which carries over.
        let empty = try XCTUnwrap(replay.epochRecord(6)?.settlement)
        XCTAssertEqual(empty.minted, 0)
        XCTAssertEqual(empty.fromPool, 0)
        XCTAssertEqual(empty.endHeight, 14)
        XCTAssertGreaterThan(replay.balance(ModuleAccount.rewardPool.address), 0)
        XCTAssertEqual(replay.totals().minted, settlement.minted)
        XCTAssertEqual(replay.epochState(), EpochState(number: 7, startHeight: 15))
    }
}

/*
 Independent re-derivation of the golden values: Python 3, standard library only. Save the two parts as ed.py and
 golden.py in one directory and run `python3 golden.py`; it prints the genesis root and hash, then each block's
 hash, state root, receipt root and receipt codes, which must equal the constants above (and, after block 12, how
 epoch 5 was settled). It implements the transfer, fee, staking (stake, unstake, withdraw, evidence, slash) and
 Proof of Compute rules (submit-proof with its checks, weight, protocol fee through the fee split, job markers, epoch
 and provider-work records; the end-of-block epoch settlement with the emission schedule clamped by the mining cap
 and the maximum supply, pro-rata rewards, the floor remainder to the treasury, empty epochs minting nothing) from
 their definitions, checks the supply invariant (issued, which includes what was minted, minus burned) after every
 block, and verifies the evidence and receipt signatures itself.

 ---- ed.py ----
    # RFC 8032 §6 reference Ed25519 (pure Python, slow, fine for a handful of signatures).
    import hashlib
    p = 2**255 - 19
    q = 2**252 + 27742317777372353535851937790883648493
    def _inv(x): return pow(x, p - 2, p)
    d = -121665 * _inv(121666) % p
    _sqrt_m1 = pow(2, (p - 1) // 4, p)
    def _add(P, Q):
        A, B = (P[1] - P[0]) * (Q[1] - Q[0]) % p, (P[1] + P[0]) * (Q[1] + Q[0]) % p
        C, D = 2 * P[3] * Q[3] * d % p, 2 * P[2] * Q[2] % p
        E, F, G, H = B - A, D - C, D + C, B + A
        return (E * F, G * H, F * G, E * H)
    def _mul(s, P):
        Q = (0, 1, 1, 0)
        while s > 0:
            if s & 1: Q = _add(Q, P)
            P = _add(P, P); s >>= 1
        return Q
    def _recover_x(y, sign):
        x2 = (y * y - 1) * _inv(d * y * y + 1)
        if x2 == 0: return 0
        x = pow(x2, (p + 3) // 8, p)
        if (x * x - x2) % p != 0: x = x * _sqrt_m1 % p
        if (x & 1) != sign: x = p - x
        return x
    _gy = 4 * _inv(5) % p; _gx = _recover_x(_gy, 0)
    G = (_gx, _gy, 1, _gx * _gy % p)
    def compress(P):
        zi = _inv(P[2]); x = P[0] * zi % p; y = P[1] * zi % p
        return (y | ((x & 1) << 255)).to_bytes(32, "little")
    def decompress(b):
        y = int.from_bytes(b, "little"); sign = y >> 255; y &= (1 << 255) - 1
        x = _recover_x(y, sign); return (x, y, 1, x * y % p)
    def _expand(seed):
        h = hashlib.sha512(seed).digest(); a = int.from_bytes(h[:32], "little")
        a &= (1 << 254) - 8; a |= 1 << 254
        return a, h[32:]
    def public_key(seed): return compress(_mul(_expand(seed)[0], G))
    def sign(seed, msg):
        a, prefix = _expand(seed); A = compress(_mul(a, G))
        r = int.from_bytes(hashlib.sha512(prefix + msg).digest(), "little") % q
        R = compress(_mul(r, G))
        h = int.from_bytes(hashlib.sha512(R + A + msg).digest(), "little") % q
        return R + ((r + h * a) % q).to_bytes(32, "little")
    def verify(pk, msg, sig):
        # cofactorless: [S]B + [L-k]A must encode to exactly R (S canonical; pk a valid key of order L)
        S = int.from_bytes(sig[32:], "little")
        if S >= q: return False
        k = int.from_bytes(hashlib.sha512(sig[:32] + pk + msg).digest(), "little") % q
        return compress(_add(_mul(S, G), _mul((q - k) % q, decompress(pk)))) == sig[:32]
    if __name__ == "__main__":
        s = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        assert public_key(s).hex() == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        assert sign(s, b"").hex() == "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        assert verify(public_key(s), b"", sign(s, b"")) and not verify(public_key(s), b"x", sign(s, b""))
        print("rfc8032 ok")


 ---- golden.py ----
    import copy, hashlib, struct
    import ed  # the RFC 8032 reference Ed25519 above, saved as ed.py
    H=lambda b: hashlib.blake2b(b,digest_size=32).digest()
    u8=lambda v: struct.pack('>B',v); u16=lambda v: struct.pack('>H',v); u32=lambda v: struct.pack('>I',v); u64=lambda v: struct.pack('>Q',v)
    u128=lambda v: v.to_bytes(16,'big'); opt=lambda v: b'\x00' if v is None else b'\x01'+v
    ONE=10**18; MILLI=ONE//1000; MINFEE=10**15; MAXSUPPLY=10**27
    # parameters: golden min fee, 2-block epochs, staking defaults except a 3-block unbonding period and a 50% malicious rate
    EPOCH=2; MINSTAKE=100*ONE; UNBOND=3; UNSTAKE_BURN=10; MAXLOCK=520; MAXENTRIES=16; MALICIOUS=5000
    STEPS=[(0,10000),(4,11000),(12,12500),(52,15000)]; TIERS=[10000,12000,15000,18000,20000]; SLASH=[100,500,1000,MALICIOUS]
    # compute defaults: a year of 1-second blocks, 100M AI a year halving every 4 years down to 6.25M, a 300M AI mining cap,
    # a 0.3% protocol fee, quality 0.8x–1.5x, a 1-epoch proof window, 10^-6 AI per unit at least, 1 reputation point a proof
    BPY=31536000; INITIAL=100000000*ONE; HALVING=4; TERMINAL=6250000*ONE; CAP=300000000*ONE
    PROTOCOL_FEE=30; QMIN=8000; QMAX=15000; WINDOW=1; MIN_UNIT_PRICE=ONE//1000000; REP_PER_PROOF=1; MAXREP=1000
    seed={n:H(b'proofmint/test-key/'+n.encode()) for n in ['golden-a','golden-b','alice','bob','carol','dave']}
    pk={n:ed.public_key(s) for n,s in seed.items()}
    addr={k:H(b'proofmint/address/v1'+v)[:20] for k,v in pk.items()}
    mod=lambda n: H(b'proofmint/module/v1/'+n.encode())[:20]
    TRE,POOL,LIQ=mod('treasury'),mod('reward_pool'),mod('liquidity')
    CHAIN='proofmint-golden'; T0=1767225600000
    # state
    acct={addr['alice']:[0,1000000*ONE],addr['bob']:[0,1000*ONE],addr['carol']:[0,ONE],addr['golden-a']:[0,500*ONE],TRE:[0,5000000*ONE]}
    stakes={}   # address -> dict(amount, lock, until, tier, att, rep, jailed)
    queues={}   # address -> [[amount, matureAt], ...]
    markers=set()
    totals=[sum(v[1] for v in acct.values()),0,0,0,0,0]   # issued, burned, fees paid, staked, unbonding, minted
    epoch=[0,1]  # running epoch: number, start height
    recs={}      # epoch -> dict(weight, units, proofs, payments, fees, providers, settlement)
    work={}      # (address, epoch) -> dict(weight, units, proofs, earned, reward, forfeited)
    jobs={}      # job id -> epoch paid in
    params=(u8(1)+u128(MINFEE)+u32(4096)+u32(10000)+u32(8<<20)+u16(4000)+u16(3000)+u16(2000)+u16(1000)+u64(EPOCH)
            +u128(MINSTAKE)+u64(UNBOND)+u16(UNSTAKE_BURN)+u32(MAXLOCK)+u8(len(STEPS))+b''.join(u32(e)+u16(b) for e,b in STEPS)
            +u8(len(TIERS))+b''.join(u16(t) for t in TIERS)+u16(MAXENTRIES)+b''.join(u16(r) for r in SLASH)
            +u64(BPY)+u128(INITIAL)+u64(HALVING)+u128(TERMINAL)+u128(CAP)+u16(PROTOCOL_FEE)+u16(QMIN)+u16(QMAX)+u64(WINDOW)
            +u128(MIN_UNIT_PRICE)+u16(REP_PER_PROOF))
    VALIDATORS=['golden-a','golden-b']
    vals=u8(1)+u32(2)+b''.join(u32(len(n))+n.encode()+pk[n] for n in VALIDATORS)
    def enc_stake(s): return u8(1)+u128(s['amount'])+u32(s['lock'])+u64(s['until'])+u8(s['tier'])+opt(s['att'])+u16(s['rep'])+u8(s['jailed'])
    def enc_rec(r):
        st=r['settlement']
        return (u8(1)+u128(r['weight'])+u128(r['units'])+u64(r['proofs'])+u128(r['payments'])+u128(r['fees'])
                +u32(len(r['providers']))+b''.join(r['providers'])+opt(None if st is None else u64(st[0])+b''.join(u128(x) for x in st[1:])))
    def enc_work(w): return u8(1)+u128(w['weight'])+u128(w['units'])+u64(w['proofs'])+u128(w['earned'])+opt(None if w['reward'] is None else u128(w['reward']))+u8(w['forfeited'])
    def state():
        s={}
        for a,(n,b) in acct.items():
            if n or b: s[b'\x01'+a]=u8(1)+u64(n)+u128(b)
        s[b'\x02']=b'\x01'+b''.join(u128(t) for t in totals)
        s[b'\x03']=params; s[b'\x04']=vals
        for a,st in stakes.items():
            if st['amount'] or st['rep'] or st['jailed']: s[b'\x05'+a]=enc_stake(st)
        for a,q in queues.items():
            if q: s[b'\x06'+a]=u8(1)+u16(len(q))+b''.join(u128(x)+u64(m) for x,m in q)
        for m in markers: s[m]=b'\x01'
        s[b'\x08']=u8(1)+u64(epoch[0])+u64(epoch[1])
        for e,r in recs.items(): s[b'\x09'+u64(e)]=enc_rec(r)
        for (a,e),w in work.items(): s[b'\x0a'+a+u64(e)]=enc_work(w)
        for j,e in jobs.items(): s[b'\x0c'+j]=u64(e)
        return {H(k):H(v) for k,v in s.items()}
    def bit(k,i): return (k[i//8]>>(7-i%8))&1
    def tree(es,d=0):
        if not es: return bytes(32)
        if len(es)==1: return H(b'\x00'+es[0][0]+es[0][1])
        return H(b'\x01'+tree([e for e in es if bit(e[0],d)==0],d+1)+tree([e for e in es if bit(e[0],d)==1],d+1))
    root=lambda: tree(sorted(state().items()))
    def mth(d):
        n=len(d)
        if n==0: return bytes(32)
        if n==1: return H(b'\x00'+d[0])
        k=1
        while k*2<n: k*=2
        return H(b'\x01'+mth(d[:k])+mth(d[k:]))
    def header(h,parent,ts,txr,rr,sr,cnt,prod,chain=CHAIN):
        return u8(1)+u32(len(chain))+chain.encode()+u64(h)+parent+u64(ts)+txr+rr+sr+u32(cnt)+prod
    g_root=root(); g_hdr=header(0,bytes(32),T0,bytes(32),bytes(32),g_root,0,bytes(32)); g_hash=H(g_hdr)
    print('genesisStateRoot',g_root.hex()); print('genesisHash',g_hash.hex())
    def nonce(a): return acct.get(a,[0,0])[0]
    def credit(a,x):
        acct.setdefault(a,[0,0]); acct[a][1]+=x
    portion=lambda x,bps: x*bps//10000
    def split_fee(fee,payer):
        # every fee, a transaction's or a compute payment's protocol fee: 40% burned, 30% pool, 10% liquidity, the rest treasury
        burn=portion(fee,4000); pool=portion(fee,3000); liq=portion(fee,1000); tre=fee-burn-pool-liq
        credit(POOL,pool); credit(TRE,tre); credit(LIQ,liq); totals[1]+=burn; totals[2]+=fee
        return u8(2)+payer+u128(fee)+u128(burn)+u128(pool)+u128(tre)+u128(liq)
    # payloads: (tag, body bytes, executor); executors return events or raise Fail(code)
    class Fail(Exception): pass
    def transfer(to,amount,memo=b''):
        def run(s,h):
            if acct[s][1]<amount: raise Fail(100)
            acct[s][1]-=amount; credit(to,amount); return [u8(1)+s+to+u128(amount)]
        return (1,to+u128(amount)+u32(len(memo))+memo,run)
    def stake(amount,lock=0,tier=0,att=None):
        def run(s,h):
            st=stakes.get(s)
            if st and st['jailed']: raise Fail(104)
            if (st is None or st['amount']==0) and amount==0: raise Fail(105)
            total=(st['amount'] if st else 0)+amount
            if total<MINSTAKE: raise Fail(102)
            until=min(h+lock*EPOCH,2**64-1)
            if st and st['until']>h and until<st['until']: raise Fail(103)
            if acct[s][1]<amount: raise Fail(100)
            acct[s][1]-=amount
            stakes[s]=dict(amount=total,lock=lock,until=until,tier=tier,att=att,rep=st['rep'] if st else 0,jailed=0)
            totals[3]+=amount
            return [u8(3)+s+u128(amount)+u128(total)+u8(tier)+u64(until)]
        return (2,u128(amount)+u32(lock)+u8(tier)+opt(att),run)
    def unstake(amount):
        def run(s,h):
            st=stakes.get(s)
            if not st or st['amount']==0: raise Fail(105)
            if amount>st['amount']: raise Fail(106)
            if h<st['until']: raise Fail(107)
            rest=st['amount']-amount
            if rest and rest<MINSTAKE: raise Fail(108)
            q=queues.setdefault(s,[])
            if len(q)>=MAXENTRIES: raise Fail(109)
            burned=portion(amount,UNSTAKE_BURN); entry=amount-burned; mature=min(h+UNBOND,2**64-1)
            st['amount']=rest; q.append([entry,mature])
            totals[3]-=amount; totals[4]+=entry; totals[1]+=burned
            return [u8(4)+s+u128(entry)+u128(burned)+u64(mature)]
        return (3,u128(amount),run)
    def withdraw():
        def run(s,h):
            q=queues.get(s,[]); ready=[e for e in q if e[1]<=h]
            if not ready: raise Fail(110)
            x=sum(e[0] for e in ready); queues[s]=[e for e in q if e[1]>h]
            credit(s,x); totals[4]-=x
            return [u8(5)+s+u128(x)]
        return (4,b'',run)
    def slash(a,bps,reason):
        bps=min(bps,10000)
        st=stakes.setdefault(a,dict(amount=0,lock=0,until=0,tier=0,att=None,rep=0,jailed=0))
        q=queues.get(a,[])
        fs=portion(st['amount'],bps); fu=0
        for e in q:
            c=portion(e[0],bps); e[0]-=c; fu+=c
        queues[a]=[e for e in q if e[0]]
        st['amount']-=fs; st['rep']-=min(st['rep'],bps//10)
        jails=reason in (3,4) and not st['jailed']
        if reason in (3,4): st['jailed']=1
        totals[3]-=fs; totals[4]-=fu; totals[1]+=fs+fu
        return [u8(6)+a+u8(reason)+u16(bps)+u128(fs)+u128(fu)]+([u8(7)+a] if jails else [])
    def signed_header(h,signer,variant):
        # as TestChain.signedHeader: roots derived from the variant, the signer's key as producer
        hd=header(h,H(bytes([0x70,variant])),T0+h*1000,bytes(32),bytes(32),H(bytes([0x73,variant])),0,pk[signer])
        return hd,ed.sign(seed[signer],b'proofmint/block/v1\x00'+hd)
    def evidence(h,signer):
        (h1,s1),(h2,s2)=signed_header(h,signer,1),signed_header(h,signer,2)
        def run(s,height):
            prod=h1[-32:]   # both headers: same chain, height h, different hashes, same producer (checked in this order)
            assert h1[5:5+len(CHAIN)]==h2[5:5+len(CHAIN)]==CHAIN.encode() and H(h1)!=H(h2) and h2[-32:]==prod
            v=[n for n in VALIDATORS if pk[n]==prod]
            if not v: raise Fail(124)
            if not (ed.verify(prod,b'proofmint/block/v1\x00'+h1,s1) and ed.verify(prod,b'proofmint/block/v1\x00'+h2,s2)): raise Fail(125)
            m=b'\x07'+H(prod+u64(h))
            if m in markers: raise Fail(126)
            markers.add(m)
            return slash(addr[v[0]],MALICIOUS,4)
        return (5,h1+s1+h2+s2,run)
    def submit_proof(consumer,provider,ep,units,quality,price,job,workload=b'llama-3-8b'):
        # the consumer signs the receipt (domain "proofmint/receipt/v1" ‖ 0x00); the provider submits it
        rc=(u8(1)+u32(len(CHAIN))+CHAIN.encode()+job+pk[consumer]+addr[provider]+u64(ep)+u32(len(workload))+workload
            +u64(units)+u8(quality)+u128(price))
        sig=ed.sign(seed[consumer],b'proofmint/receipt/v1\x00'+rc)
        def run(s,h):
            c=addr[consumer]
            # admission (a receipt failing these never reaches a block): chain, provider = sender, no self-dealing,
            # quality ≤ 100, units > 0, a workload, the minimum unit price, the consumer's signature
            assert s==addr[provider] and c!=s and quality<=100 and units>0 and workload and price>=MIN_UNIT_PRICE*units
            assert ed.verify(pk[consumer],b'proofmint/receipt/v1\x00'+rc,sig)
            if job in jobs: raise Fail(130)
            n=epoch[0]
            if not (ep<=n and n-ep<=WINDOW): raise Fail(131)
            st=stakes.get(s)
            if st and st['jailed']: raise Fail(104)
            if not st or st['amount']<MINSTAKE: raise Fail(132)
            if acct.get(c,[0,0])[1]<price: raise Fail(133)
            qbps=QMIN+(QMAX-QMIN)*quality//100; tbps=TIERS[st['tier']]; w=units*qbps*tbps; fee=portion(price,PROTOCOL_FEE)
            # the work counts in the running epoch (not the receipt's), providers listed in the order first seen
            r=recs.setdefault(n,dict(weight=0,units=0,proofs=0,payments=0,fees=0,providers=[],settlement=None))
            if (s,n) not in work:
                r['providers'].append(s); work[(s,n)]=dict(weight=0,units=0,proofs=0,earned=0,reward=None,forfeited=0)
            wk=work[(s,n)]
            r['weight']+=w; r['units']+=units; r['proofs']+=1; r['payments']+=price; r['fees']+=fee
            wk['weight']+=w; wk['units']+=units; wk['proofs']+=1; wk['earned']+=price-fee
            acct[c][1]-=price; credit(s,price-fee)
            fee_event=split_fee(fee,c)
            jobs[job]=n
            st['rep']=min(MAXREP,st['rep']+REP_PER_PROOF)
            return [u8(8)+job+c+s+u64(n)+u64(units)+u16(qbps)+u16(tbps)+u128(w)+u128(price)+u128(fee),fee_event]
        return (6,rc+sig,run)
    E=BPY//EPOCH   # epochs per emission year
    def emission(n):
        # the epoch's scheduled amount (a year's amount cut into its E epochs exactly), clamped by the mining cap and the supply cap
        annual=max(INITIAL>>((n//E)//HALVING),TERMINAL)   # year n//E + 1, halved every HALVING years
        scheduled=annual//E+(1 if n%E<annual%E else 0)
        return min(scheduled,max(CAP-totals[5],0),max(MAXSUPPLY-totals[0],0))
    def end_block(h):
        # at an epoch's last block: settle it (pay emission + the whole pool pro rata by weight, the floor remainder to
        # the treasury; with no work nothing is minted and the pool stays), then start the next epoch
        n,start=epoch
        if h<start+EPOCH-1: return None
        r=recs.setdefault(n,dict(weight=0,units=0,proofs=0,payments=0,fees=0,providers=[],settlement=None))
        if r['weight']==0: r['settlement']=(h,0,0,0,0,0)
        else:
            minted=emission(n); pool=acct[POOL][1]; dist=minted+pool; paid=0
            for a in r['providers']:
                wk=work[(a,n)]; share=dist*wk['weight']//r['weight']
                wk['reward']=share; wk['forfeited']=int(bool(stakes.get(a) and stakes[a]['jailed']))
                if not wk['forfeited']: credit(a,share); paid+=share
            acct[POOL][1]-=pool; credit(TRE,dist-paid); totals[0]+=minted; totals[5]+=minted
            r['settlement']=(h,minted,pool,paid,dist-paid,0)   # end height, minted, from pool, paid, to treasury, vested
        epoch[:]=[n+1,h+1]
        return r['settlement']
    def tx(frm,payload,fee=MINFEE,n=None,expiry=None):
        n=nonce(addr[frm]) if n is None else n
        return dict(frm=frm,payload=payload,fee=fee,nonce=n,expiry=expiry)
    def enc(t):
        e=u8(0) if t['expiry'] is None else u8(1)+u64(t['expiry'])
        tag,body,_=t['payload']
        return u8(1)+u32(len(CHAIN))+CHAIN.encode()+pk[t['frm']]+u64(t['nonce'])+u128(t['fee'])+e+u8(tag)+body
    A,B,C,D=addr['alice'],addr['bob'],addr['carol'],addr['dave']
    ATT=H(b'golden-attestation'); JOB=lambda i: H(b'golden-job-%d'%i)
    blocks={1:lambda:[tx('alice',transfer(B,100*ONE)),tx('bob',transfer(C,ONE//2),fee=2*MILLI+7)],
     2:lambda:[tx('carol',transfer(A,5*ONE)),tx('alice',transfer(D,ONE)),tx('alice',transfer(B,3),n=2)],
     3:lambda:[],
     4:lambda:[tx('alice',transfer(A,ONE,b'invoice-42'),expiry=10),tx('bob',transfer(A,12345),fee=ONE)],
     5:lambda:[tx('dave',transfer(B,ONE//2)),tx('alice',transfer(LIQ,7*ONE),fee=3*MILLI+1)],
     6:lambda:[tx('bob',stake(200*ONE,1,2,ATT)),tx('alice',stake(150*ONE+5)),tx('carol',stake(0)),tx('golden-a',stake(300*ONE),fee=2*MILLI)],
     7:lambda:[tx('alice',unstake(50*ONE+6)),tx('alice',unstake(50*ONE+5),n=nonce(A)+1),tx('bob',unstake(ONE)),tx('golden-a',unstake(100*ONE))],
     8:lambda:[tx('carol',evidence(3,'golden-a')),tx('alice',withdraw())],
     9:lambda:[tx('bob',unstake(100*ONE)),tx('golden-a',stake(100*ONE))],
     10:lambda:[tx('alice',withdraw()),tx('golden-a',withdraw()),tx('bob',withdraw())],
     11:lambda:[tx('bob',submit_proof('alice','bob',5,1000,90,10*ONE,JOB(1))),tx('alice',submit_proof('bob','alice',5,333,37,3*ONE+7,JOB(2))),
                tx('bob',submit_proof('alice','bob',5,1000,90,10*ONE,JOB(1)),n=nonce(B)+1),tx('dave',submit_proof('alice','dave',5,50,100,ONE,JOB(4)))],
     12:lambda:[tx('alice',submit_proof('bob','alice',4,10,0,ONE,JOB(3)))],
     13:lambda:[tx('bob',submit_proof('alice','bob',4,500,50,5*ONE,JOB(5)))],
     14:lambda:[]}
    parent=g_hash
    for h in range(1,15):
        txs=blocks[h](); ids=[]; receipts=[]; codes=[]
        for t in txs:
            b=enc(t); sig=ed.sign(seed[t['frm']],b'proofmint/tx/v1\x00'+b); ids.append(H(b+sig)); s=addr[t['frm']]; fee=t['fee']
            assert acct[s][0]==t['nonce'] and acct[s][1]>=fee
            acct[s][1]-=fee; acct[s][0]+=1
            ev=[split_fee(fee,s)]
            saved=copy.deepcopy((acct,stakes,queues,markers,totals,recs,work,jobs))
            try: ev+=t['payload'][2](s,h); code=0
            except Fail as f:
                code=f.args[0]; acct,stakes,queues,markers,totals,recs,work,jobs=saved
            codes.append(code)
            receipts.append(u8(1)+H(b)+u16(code)+u128(fee)+u32(len(ev))+b''.join(ev))
        settled=end_block(h)
        # supply invariant: issued (genesis + minted) − burned = balances + stakes + unbonding entries
        assert totals[0]-totals[1]==sum(v[1] for v in acct.values())+sum(x['amount'] for x in stakes.values())+sum(e[0] for q in queues.values() for e in q)
        prod=pk['golden-a'] if h%2==1 else pk['golden-b']
        sr=root(); rr=mth([H(r) for r in receipts]); txr=mth(ids)
        hdr=header(h,parent,T0+5000*h,txr,rr,sr,len(txs),prod); parent=H(hdr)
        print(h,'hash',parent.hex(),'state',sr.hex(),'receipts',rr.hex(),'codes',codes)
        if settled and settled[1]+settled[2]:
            print('  epoch',epoch[0]-1,'settled: minted',settled[1],'from pool',settled[2],'paid',settled[3],'to treasury',settled[4],
                  'rewards',[work[(a,epoch[0]-1)]['reward'] for a in recs[epoch[0]-1]['providers']])
            assert settled[3]+settled[4]==settled[1]+settled[2]
*/
