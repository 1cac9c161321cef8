import Foundation
@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// A small fixed chain whose hashes are pinned: any change to encodings, hashing, the tree, fee arithmetic or
/// execution that alters consensus output makes these tests fail, on purpose.
///
/// The chain: genesis "proofmint-golden" at 2026-01-01T00:00:00Z with validators golden-a and golden-b (keys
/// from `TestKeys`, i.e. fixed seeds), allocations to alice, bob, carol, golden-a and the treasury module, 2-block
/// epochs, a 3-block unbonding period and a 50% malicious slash rate; compute at its defaults except (protocol
/// version 3) every receipt sampled (`sample_bps` 10,000, so whether a receipt is sampled never depends on the
/// randomness mix, and each draw below has exactly one eligible validator), 1-block sampling delay, verdict,
/// challenge and resolution windows, no reassignment, a 0.01 AI validation reward and one settlement step a block
/// (`settlement_batch` 1); governance with one day = one block (`block_time_ms` 86,400,000), a 1-block timelock and
/// 2 voting days for parameter changes and treasury spends (the rest at its defaults: 100 AI deposits, a proposer
/// power of 2·isqrt(100 AI), voters with 100 AI of unjailed stake, quorums 51% / 60% / 75% / 60% / 51%, 3 voting days
/// for text), and thirty-eight blocks at fixed timestamps (see `GoldenChain.transactions`). Epoch n runs from height
/// 2n + 1 to 2n + 2. Receipts are built in order by `TestChain.receipt`, whose counter names the n-th receipt's input
/// and output hashes `H("input/n")`, `H("output/n")` (its model hash is `H("model/llama-3-8b")`).
///
/// Blocks 1–5 are transfers: ordinary ones, an odd fee that rounds, one creating a new account, a failing one (code
/// 100), a self-transfer with expiry and memo, and an empty block. Blocks 6–10 are staking: stakes at tiers 0 and 1
/// with and without a lock, a zero stake without a stake (105), an unstake leaving less than the minimum (108), one
/// under lock (107), unstakes with their 0.1% burn, double-sign evidence against golden-a (50% of its stake and of
/// its unbonding entry burned, jailed), a jailed stake (104), withdrawals before (110) and at maturity. Every stake
/// write keeps governance's total stake (0x0D, Σ amount over unjailed stakes) in step. Empty epochs 0–4 close with an
/// empty record each and settle at once (no work: nothing minted, the pool carried over).
///
/// Blocks 11–14 are Proof of Compute: in epoch 5, bob (100 AI staked at tier 1, at-rest: the golden genesis registers
/// no attestor, so no higher tier can be claimed) and alice (100 AI at tier 0) each
/// submit a receipt (1, 2) signed by the other, at qualities 90 and 37 (counted at most 50 until validated) and
/// prices with an odd base unit, weighed by value; then a job paid twice (130) and a provider without a stake (132);
/// block 12 accepts a receipt (3) of the previous epoch (window 1), block 13 refuses one two epochs old (131). There
/// is no compute validator yet, so every receipt is sampled at the end of the next block and stands `unverified`.
/// Epoch 5's windows close at 14, 2 blocks after its last receipt: the end of 14 starts its settlement (its emission
/// and the whole reward pool reserved) and pays bob, capped at half his 10 AI of value; 15 pays alice her share (under
/// her cap) and stops; from epoch 7 on (blocks 16–20) its 3 receipt records and 2 provider works are pruned, one a
/// block. Every block starts by folding its producer's VRF beacon into the randomness mix (0x29).
///
/// Blocks 15–18 are governance. Block 15: alice proposes `compute.protocol_fee_bps` 30 → 36 (proposal 1, the largest
/// step: 20%) and bob a 2,500 AI treasury spend to dave (2), both voting in blocks 15–16; carol (1 AI, no stake) lacks
/// the proposer power (141), a 99 AI deposit is too small (140), and bob votes yes on 1. Block 16: alice proposes a
/// text (3, a 150 AI deposit, voting in 16–18) and votes yes on 1, abstain on 2 and yes on 3; bob abstains on 1 (which
/// replaces his yes, keeping his place among the voters) and votes yes on 2; golden-a (jailed) and carol (not staked)
/// may not vote (149), and there is no proposal 9 (147). At 16's end 1 and 2 are tallied: both had alice and bob,
/// participation 200 AI of a total unjailed stake of 200 AI (golden-a is jailed), above the 51% and 60% quorums; on
/// each, one voter's yes (100 AI of stake; quadratic power isqrt(balance) + 2·isqrt(stake)) is the only decided vote
/// (abstain counts for quorum only), so both majorities, quadratic and linear, are 100% yes: both pass, their deposits
/// go back, and they execute at the end of block 17, where bob's late vote on 1 is refused (148) and a receipt (6,
/// alice for bob, 10 AI and 9 base units) still pays 0.30%. Block 18's identical receipt (7) pays the new 0.36%,
/// proving the change in force from the block after its execution; then proposal 3 is tallied: alice alone is 100 AI
/// of 200 AI of stake, 50% < 51%, so it is rejected and its 150 AI burned.
///
/// Blocks 19–36 are protocol version 3's verification. Block 19 (epoch 9): dave stakes 200 AI and joins the compute
/// validators with a `validator` transaction (a second join: 163; golden-a's jailed stake counts nothing: 165); alice
/// tops her stake up to 200 AI; bob (for alice, 10 AI at quality 90) and alice (for bob, 2 AI at 60) submit receipts
/// 8 and 9. At 19's end receipt 7 is sampled and assigned to dave, the one eligible member; he sends no verdict, so
/// at 20's end he is slashed 1% (`missed_validation`, 200 → 198 AI) and, with no reassignment allowed, 7 stands
/// unverified. Block 20: golden-a challenges receipt 8 (its last block in the window); at the end 8 and 9 are assigned
/// to dave. Block 21 (epoch 10): golden-a is too late to challenge 9 (167); alice is not 8's validator (162); dave
/// passes 8 at quality 80 (re-weighed at 13,600 bps, and paid the 0.01 AI validation reward from the `validation`
/// account), finds 9 an `sla_violation` at 5% (alice slashed 200 → 190 AI, 9's weight and value removed), and votes
/// to reject the challenge of 8, which his stake decides at once (the 10 AI bond goes to bob); bob submits receipt 10
/// (5 AI at 100). Block 22: alice submits receipt 11 (dave paid her 3 AI), golden-a challenges it and dave upholds:
/// 11 is removed, alice is slashed 50% (190 → 95 AI) and jailed, golden-a gets its bond back and half of the 95 AI
/// slashed (the rest stays burned); golden-a also challenges receipt 10, and nobody votes. Block 23 (epoch 11): alice's
/// `withdraw` is refused: she has unsettled work and, slashed to 95 AI, less than the minimum stake at risk (173; a
/// provider that keeps the minimum may withdraw); dave passes receipt 10 at 100; at the end 11, removed by
/// the upheld challenge, is not sampled (a receipt is checked and punished once); and the challenge of 10 reaches its deadline with no vote:
/// it lapses (no quorum of the 198 AI counted) and the bond goes back to golden-a. Settlement runs one step a block,
/// and stops for the block once an epoch is paid (so each empty epoch takes a block): epochs 6 and 7 at 21 and 22;
/// epoch 8 (bob alone, under his cap, with the pool the fees refilled) at 23, pruned 24–26; epoch 9 at 27 (bob capped
/// at 5 AI, all minted: the pool went to epoch 8) and 28 (alice: forfeited, jailed, her share 0), pruned 29–32; epoch
/// 10 at 33 (bob capped at 2.5 AI) and 34 (alice forfeited), pruned 35–38, leaving no receipt record, index entry or
/// compute hold behind.
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

    static let genesisStateRoot = "d0939dfe86e6ba08358a68d0404da5a3d60caf2f9dc629df14b3f4b1293db0ef"
    static let genesisHash = "9e89ab2822ba0dca95927dc00ceea241e8cb4219a4aadeb7af5f1be146c5578e"
    static let blockHashes: [String] = [
        "c8adc6f4de73318b97b159d8863ff4a76e22912577c51c544a49ecfa9280f20a",
        "62eba7659752834e5cd7c66d8ceebd4879c215f2d9e81cc7a09f4ca996401996",
        "879a828d74a86e74beba3a5412d7f93703f3fee667d93cd9ffad902dff09af5d",
        "84c74f0a86fa6d1acc611845d48ec25d1ebea8be062ec85051a21a0be74c464e",
        "a63830d26ab29b8c30b20841b2e51e835c89755023dced31edc2da3889fd714f",
        "3ee8a14e523cb1ed3b79c2f4571bd70a3c2c9121424bfa30ccf6601fca3992ee",
        "109b3a6742e6c3ff0b7dc357fac75b88d6a7c97d5a3a3d9ff783cedd134c5428",
        "1a6d767dd0cbc7b0f8621c112640e0a04f461e06fa5dce38917f14a7878bff14",
        "0204eeda02a7ac91fd9dfafa74f2b8c06dcb9f68d5bdd0c430e09a57b804349c",
        "ccab3b83b5c4e008c775ef58270e571dae7082c529f724947c811e0ca1beaab4",
        "6e7373de8003433f5e880fa9d8a4eb7a1aa5e63b64fb67b76d28aad1b075df22",
        "11f70f875745ae72a1e396a11ec47180511d32fc76f6a54f46e0683778953338",
        "b80c6bb673e17bf865678bc17c88f0f2860a80f664d964887ac7e60a14dca72e",
        "d6a61d545330287bb53e6d038e35f2e4b73c67c3545d26cc10d871dd77ae33ca",
        "5bffbcf6337e75d43858d98d085d9f98950fe4a9c454a7cefa99607fceff4457",
        "b2728452935dc23605aef9666355f9f7cf9685eed04cab1149985d9f3ec591a1",
        "e74ad51b5efc8b54a12eeb427299388cb330591f6ef05a5e4f55a9d991fe9972",
        "bd66ab2f406e92bf3cf6d310028a213963c4e39109b868084ffb2bfa0abeef2f",
        "92881f70c42d44be9bba35675ea957030e88325fe21ece7c201428ea47954424",
        "a38e63c6bddb1f5c34b4f178d942edef2cf93a92ed8e58c0430322c41b477b7c",
        "00d156c7daa16a938eb08a9300cf7a3ab9313f12a9705bf5d4a3c305668057a5",
        "5f28960f32257fa6cc149a6a606b9826b615379f0fca20e255762c4a87de8e04",
        "bdb2831eec299e3895f0aa68022c21d2a7704decd2d24d413a2057d256cf154a",
        "8fe322824c51f21f638e02c283810da5297cda475aadbb579bf3d89d1fd5c7e6",
        "2b843f0ebf54d9c257570f64f30c8633f7295138f9aaebca112516a3296bd3a1",
        "5cb8edeb399358ab702091ac94292ef256a0dddc9f92febc62b29651bdd9f2ba",
        "1ed634ec908d53e8c2b5057e59e6fe98954744f51a6ca57f4a0ef77419d9840c",
        "d3d78673801cc581b670f9de676f37f173f387ed411d52386dd42ac717c9914a",
        "20916486e3df53608e369c4a18ae7900ea02982f60a03fd7e3ef2226a87d99e6",
        "8ed6b483d317166d982792517744add71a7f85cc9d5f86409b99d3b5d07412d2",
        "9753ecfadbe6a1a5186448e56a23c55e6c66330048dfe6d102c9357f1821437e",
        "fe54a928308ac2a26ba67d6cb604c432e2628ef204d70bf68fe5568a6849fab2",
        "3cb76c5c8da45a2352ab5a0ac3f6b5d7875be20f8d0b4f5f1c88d7d4b24c0072",
        "9827ac58fde580a5898357d07aaa11842bbfeef6d4cabe58f0e4bcee9b918c3a",
        "c68e3c3a121deec5814a1a6e2bae28230a20a72375a05339e4f93c1bd67baada",
        "bb0e323d74abbcdecc0b5ae957f0cda14b76ba95401432308fabe315ae200b16",
        "8977d2fdd756b05d9b306b3ed5fe3016b2254a204ff02b6daef56fcd9aa4794d",
        "d131fc64c9c70033790fa6179dc59a02cc5996282e596abf66aabfe90c975a9e",
    ]
    static let stateRoots: [String] = [
        "2c437baa692fcfb0aa7c0667595064936171f8a8b0d02b756d88b61ad17481be",
        "5b13eef0d66a59d9f501325ba1d1bb3b4ce4d56a32f73362eadb93c725a89ae6",
        "3effba5850acc6b85452d160c5ea01b421027f34934094841557770a2f9187e5",
        "62bd24081fa353fc57019bd545a30ff02a3fb89e10ecfe6c8cecc40b70ec8bcf",
        "886d6b6765ef7e030b76a7a824abfd53261e4e8545c602502c44c56c2b7713a7",
        "61fce8946884544e31cd3ad2f254529f45ffbc128896cea3e8759f84953d52e4",
        "6e589ef09a8aaa66374a1b6f609355ba72bfae1d67e370fc050a3ffc8ad4d179",
        "4daa14aa4ac56e815656dcaae910a5e68260eb63c437e14fec9d9372d111f791",
        "c4ab6125f09164bab8c470f6afcf2abadf1f8b54eae095b468a7d72c781b208a",
        "38725db716855db0c4c191747ea286b7bfbad6e30fcd0d7912e58d24e9588626",
        "193ec581d52c7f5d0fb8366828aa5af6a4fc52dc51262088f085f1eac4bbf68d",
        "9b5144f1c2dbcfe9dde45cb715c55187b66d616f29ede319897796ed78c15a1d",
        "4bde22c549069d518ce31019a86db41d95b3ec10a6a856d4d34e8c763c06be4f",
        "8e26cfee3a1b9233ed395bd897c5e8c4c1a1015912b114699ae73f65c47db7b4",
        "d19301baf674e02047bbbf3ffc8b0b4601ddb95d8d3178f8890bf9073d9c84da",
        "9b8567677f30c3b0e1cea149e266632e1a3f9b44ffa80af1bcb6be567f73a31c",
        "6d6bd47028e1a35d7c430c1c3eeaa3663af85a7ddd8088e1303da1a8c47948d5",
        "f679cf1c13c200983fadcb7fafdb4a5d3d298422185af99c4f740a3490e22f59",
        "52ff3b53f857b96a025408156f5f0c9146829c2c8a1328b27cdaf59c6259f0f4",
        "37872eb2e17ba5ddfd65ea04a39e0ff673b027fc2f575a7df93d7f653b184cfa",
        "314b3da5600e7a162276b975d456488e028a30602c97d80ddd5f748766ac93f2",
        "870273e5c36a1ed7331875289478f3a9280ce975ebe10aa29778a99c9fe6a946",
        "876fcb3981a8b8808d734252bcfd5000aaeb82d5f8df70e9305f185f6801575a",
        "bf73c7ea4f7f2d608f3866b59750295fc29efa03aa1ec95a3dc9f04c833a22ff",
        "77659ed0202c3e43df5556ab2e79e2ba2e9d4116cafe042c0131830039562e36",
        "dc86f29a1d17dd6712768ff64d4719b1ae5ac974312212f11b2e5ab6eab92fed",
        "8044cbda899fef2bcbd9951543da4ae3781bb71e14e66e6de7acbc2c19689692",
        "b0440c1da4f1a37418beaebd0749b12eaec4c9e88bc9c365fca7b909655f56d2",
        "66e661bfefed83cd18da19322be7eda208170faa5d02210ac909930747c10a86",
        "185501085248932795eedbc96c66564e2062272f51a7b7472395f75528853a82",
        "87c49b0af4a9b11e51a08ba32171fd7b33a81232997c405a344398fd938543db",
        "15b194ddd7f9d962b286311ada77890bf37e7f5426bccfa2f807fb7197ecf07f",
        "1ffccd600bdcd106e068200b9e82c47e68793f5633d0dde498471bff585a6460",
        "aefce7a3796255bb4fd38f7b6afc18b8ee25e7bf11ac6163518a8bd2a40c168f",
        "8a33b97b8d73b7d88df67f55fcbfe38482daaa45db59dcb27e0dbf240e10ffe7",
        "4a3a066c8725bc1372a99a49d08550f4e39a5f07b7c2b28bfe946e0ae6837a8a",
        "0d3470858f94e4b2666b889a3f50908e28c01fe485615215b2d1a87d6c7b6a8b",
        "876ea7c235cf11007e709d2dd80d638819e5fea52634e4f7fbad7f10cdb3af98",
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
        "726338d37d0ace8d041b9c90bf60c7ad26e9f20f643c04755cfa8763c56afce1",
        "3dbd1d719373e4fc654e98e1ec9f13828439560ee65bd3f7acdd4e6fcdb815cc",
        "a054bd329afde66c9a4babbb518b41c3c407a437e3804fc9fe69fea98869fe64",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "545ab540f6d08192926da40bc281f35f4ed8037945432fb240e951f0d0ee05b6",
        "cfd2553fded493f0947dd8b30c428a1a9df86fd4493a2f826a6ce187c5de57f9",
        "12c98e253633d7f14161a5b2be33b52047a99f035e00354f9ef5d05949f70227",
        "5289d12bdc8cd22fe643d308aaa85061b7f7e779af7650fe554361a26d87b70d",
        "7a78653f84b92cc25d17b8e4d663dcc253672647b5eed801f73eb0aecf4ba18e",
        "e03e9cef55c5a976c988685f482e1b2a8a4b59b2f47718bb5b7c34de519ce099",
        "698a96c0c96562ea8b212c0f77afc1d57282df754476978f60f0ef1c901a9ae6",
        "32c1716d38c60ae30ca22edac731496d3940c195e3b4000e3b0d4200d87adfaa",
        "a3e83e811c3950db12cc48288ffbf03a00d43e2ab8c425f69f4fec7936337c8a",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000",
    ]
    static let receiptCodes: [[UInt16]] = [[0, 0], [100, 0, 0], [], [0, 0], [0, 0], [0, 0, 105, 0], [108, 0, 107, 0], [0, 110], [0, 104], [0, 0, 110], [0, 0, 130, 132], [0], [131], [], [0, 0, 141, 140, 0], [0, 0, 0, 0, 0, 0, 149, 149, 147], [148, 0], [0], [0, 0, 0, 163, 165, 0, 0], [0], [167, 162, 0, 0, 0, 0], [0, 0, 0, 0], [173, 0], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []]

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
                 "compute": {"sample_bps": 10000, "sample_delay_blocks": 1, "validation_window_blocks": 1, "max_reassignments": 0,
                             "challenge_window_blocks": 1, "resolution_window_blocks": 1, "validation_reward": "10000000000000000",
                             "settlement_batch": 1},
                 "governance": {"block_time_ms": 86400000, "timelock_blocks": 1, "voting_days": {"parameter_change": 2, "treasury_spend": 2}}}
                """#,
            attestors: [])
    }

    static let blockCount = 38
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
        case 18:
            // 18: the same receipt pays the new 0.36%; then the text proposal's tally misses quorum.
            let job7 = chain.receipt(
                consumer: alice, provider: TestKeys.address("bob"), units: 400, quality: 80, price: 10 * one + 9, epoch: 8,
                workload: workload, jobId: job(7))
            return [chain.submitProof(from: bob, job7)]
        case 19:
            // Protocol version 3. Epoch 9: dave stakes 200 AI and joins the compute validators (a second join: 163;
            // golden-a, jailed, counts no stake: 165); alice tops her stake up to 200 AI; receipts 8 and 9.
            let daveNonce = chain.nonce(TestKeys.address("dave"))
            let job8 = chain.receipt(
                consumer: alice, provider: TestKeys.address("bob"), units: 1000, quality: 90, price: 10 * one, epoch: 9,
                workload: workload, jobId: job(8))
            let job9 = chain.receipt(
                consumer: bob, provider: TestKeys.address("alice"), units: 200, quality: 60, price: 2 * one, epoch: 9,
                workload: workload, jobId: job(9))
            return [
                chain.stake(from: dave, amount: 200 * one),
                chain.stake(from: alice, amount: 100 * one),
                chain.validatorTransaction(from: dave, nonce: daveNonce + 1),
                chain.validatorTransaction(from: dave, nonce: daveNonce + 2),                                  // 163 already a validator
                chain.validatorTransaction(from: validator),                                                  // 165 jailed: no stake counted
                chain.submitProof(from: bob, job8),
                chain.submitProof(from: alice, job9, nonce: aliceNonce + 1),
            ]
        case 20:
            return [chain.challenge(from: validator, job: job(8))]                                            // rejected in block 21
        case 21:
            // Epoch 10: receipts 8 and 9 were assigned to dave at 20's end.
            let daveNonce = chain.nonce(TestKeys.address("dave"))
            let job10 = chain.receipt(
                consumer: alice, provider: TestKeys.address("bob"), units: 500, quality: 100, price: 5 * one, epoch: 10,
                workload: workload, jobId: job(10))
            return [
                chain.challenge(from: validator, job: job(9)),                                                // 167 window closed
                chain.verdict(from: alice, job: job(8), .pass, quality: 100),                                 // 162 not the assigned validator
                chain.verdict(from: dave, job: job(8), .pass, quality: 80),
                chain.verdict(from: dave, job: job(9), .slaViolation, quality: 60, slashBps: 500, nonce: daveNonce + 1),
                chain.resolve(from: dave, job: job(8), uphold: false, nonce: daveNonce + 2),                   // rejected: the bond to bob
                chain.submitProof(from: bob, job10),
            ]
        case 22:
            // Receipt 11 (dave paid alice) is challenged and upheld at once: alice slashed 50% and jailed. Receipt 10 is
            // challenged too, and nobody votes: it lapses at 23's end.
            let challengerNonce = chain.nonce(TestKeys.address("golden-a"))
            let job11 = chain.receipt(
                consumer: dave, provider: TestKeys.address("alice"), units: 300, quality: 95, price: 3 * one, epoch: 10,
                workload: workload, jobId: job(11))
            return [
                chain.submitProof(from: alice, job11),
                chain.challenge(from: validator, job: job(11)),
                chain.resolve(from: dave, job: job(11), uphold: true),
                chain.challenge(from: validator, job: job(10), nonce: challengerNonce + 1),
            ]
        case 23:
            return [
                chain.withdraw(from: alice),                                              // 173 unsettled work, below min_stake
                chain.verdict(from: dave, job: job(10), .pass, quality: 100),
            ]
        default:
            return []                                                                                         // 24–38: settlement and pruning
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
        // parameters: version 3, u128 min fee, u32 × 3, u16 × 4 (burn, pool, treasury, liquidity), u64 epoch length,
        // then staking: u128 min stake, u64 unbonding period, u16 burn, u32 max lock, u8 count + (u32, u16) lock
        // steps, u8 count + u16 tier multipliers, u16 max unbonding entries, u16 × 4 slash rates, u64 jail period,
        // u128 unjail fee.
        var parameters: Bytes = [3] + be(UInt128(1_000_000_000_000_000)) + be(UInt32(4096)) + be(UInt32(10_000))
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
        // then (protocol version 3) the verification parameters: u16 sample bps (every receipt), u128 sample value, u64
        // sample delay, u64 validation window, u8 reassignments, u16 validation fee, u128 validation reward, u16 × 2
        // missed and false-pass slashes, u128 validator minimum stake, u32 max validators, u8 unverified quality cap,
        // u64 challenge window, u128 bond, u64 resolution window, u16 × 3 quorum, challenger reward, reward cap, u32 batch.
        parameters += be(UInt16(10_000)) + be(100 * Tokens.one) + be(UInt64(1)) + be(UInt64(1)) + [0] + be(UInt16(50))
            + be(Tokens.one / 100) + be(UInt16(100)) + be(UInt16(1000)) + be(100 * Tokens.one) + be(UInt32(100)) + [50]
            + be(UInt64(1)) + be(10 * Tokens.one) + be(UInt64(1)) + be(UInt16(3340)) + be(UInt16(5000)) + be(UInt16(5000)) + be(UInt32(1))
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

        // Settlement, one step a block (the figures the Python model prints). Epoch 5's windows close at 14, 2 blocks after
        // its last receipt: it starts and pays bob at 14 (capped at half his 10 AI), alice at 15 (under her cap), from the
        // reserved pool first and the rest minted; its 5 records are pruned in blocks 16–20 once epoch 7 runs.
        let alice = TestKeys.address("alice"), bob = TestKeys.address("bob"), dave = TestKeys.address("dave")
        let settled = try XCTUnwrap(replay.epochRecord(5))
        let settlement = try XCTUnwrap(settled.settlement)
        XCTAssertEqual([settled.providerCount, UInt32(settled.proofs)], [2, 3])
        XCTAssertEqual([settlement.startedAt, settlement.finishedAt], [14, 15])
        XCTAssertEqual(settlement.emission, 6_341_958_396_752_917_301)
        XCTAssertEqual(settlement.fromPool, 322_500_000_000_000_002)
        XCTAssertEqual(settlement.minted, 6_168_446_225_115_956_129)
        XCTAssertEqual(settlement.capped, 173_512_171_636_961_171)
        XCTAssertEqual(settlement.paid, 5_000_000_000_000_000_000 + 1_490_946_225_115_956_131, "bob's cap, alice's share")
        XCTAssertEqual(settlement.paid, settlement.minted + settlement.fromPool)
        XCTAssertEqual(settlement.forfeited, 0)
        // Epoch 8 (bob alone, under his cap of 10 AI) takes the pool the fees refilled; epoch 9 caps bob at 5 AI (receipt 8,
        // passed at quality 80) and gives alice nothing (receipt 9 failed, she is jailed); epoch 10 caps bob at 2.5 AI
        // (receipt 10, passed at 100) and alice's upheld receipt 11 counts nothing.
        let later = try [8, 9, 10].map { try XCTUnwrap(replay.epochRecord(UInt64($0))?.settlement) }
        XCTAssertEqual(later.map(\.startedAt), [23, 27, 33])
        XCTAssertEqual(later.map(\.finishedAt), [23, 28, 34])
        XCTAssertEqual(later.map(\.fromPool), [52_500_000_000_000_000, 0, 0])
        XCTAssertEqual(later.map(\.paid), [6_394_458_396_752_917_301, 5 * Tokens.one, 5 * Tokens.one / 2])
        XCTAssertEqual(later.map(\.capped), [0, 1_341_958_396_752_917_301, 3_841_958_396_752_917_301])
        XCTAssertEqual(later.map(\.forfeited), [0, 0, 0], "alice's forfeited rewards were 0: her receipts no longer stood")
        // Pruned: no receipt record, provider work or index entry of epochs 5–10 is left, and the cursor waits for epoch 11.
        for job in 1...11 { XCTAssertNil(replay.receiptRecord(GoldenChain.job(job)), "receipt \(job)") }
        for epoch: UInt64 in [5, 8, 9, 10] {
            XCTAssertNil(replay.providerWork(bob, epoch: epoch))
            XCTAssertNil(replay.providerWork(alice, epoch: epoch))
        }
        XCTAssertFalse(replay.store.values.keys.contains { [0x24, 0x25, 0x26, 0x27, 0x28, 0x2D].contains($0.bytes.first) })
        XCTAssertEqual(try replay.store.record(SettlementCursor.self, at: .settlement), SettlementCursor(epoch: 11, phase: .waiting, index: 0))
        // Epochs 6 and 7 had no work: nothing minted, nothing taken from the pool.
        for epoch: UInt64 in [6, 7] {
            let empty = try XCTUnwrap(replay.epochRecord(epoch)?.settlement)
            XCTAssertEqual(empty.minted, 0)
            XCTAssertEqual(empty.fromPool, 0)
        }
        XCTAssertEqual(replay.epochState(), EpochState(number: 19, startHeight: 39))

        // Protocol version 3's verification, block by block (receipt records read from the chain before pruning).
        func state(after height: Int) throws -> TestChain {
            let prefix = try TestChain(genesis: chain.genesis, validatorKeys: chain.validatorKeys)
            for block in chain.blocks.prefix(height) { try prefix.apply(block) }
            return prefix
        }
        let at20 = try state(after: 20), at21 = try state(after: 21), at23 = try state(after: 23)
        XCTAssertEqual(at20.computeValidators().members, [dave])
        // Receipt 7 (block 18) was assigned to dave at 19's end and missed at 20's: slashed 1%, unverified.
        XCTAssertEqual(at20.receiptRecord(GoldenChain.job(7))?.validation, .unverified)
        XCTAssertEqual(at20.receiptRecord(GoldenChain.job(7))?.missed, 1)
        XCTAssertEqual(at20.stakeRecord(dave)?.amount, 198 * Tokens.one)
        XCTAssertEqual([8, 9].map { at20.receiptRecord(GoldenChain.job($0))?.validation }, [.assigned, .assigned])
        XCTAssertEqual(at20.receiptRecord(GoldenChain.job(8))?.validator, dave)
        // Block 21: 8 passed at quality 80 (8000 + 7000 × 80 / 100 = 13,600 bps, tier 1: 10 AI × 13,600 × 12,000), 9 failed
        // (sla_violation, 5%: alice 200 → 190 AI), the challenge of 8 rejected (its 10 AI bond to bob).
        let passed = try XCTUnwrap(at21.receiptRecord(GoldenChain.job(8)))
        XCTAssertEqual([passed.validation, at21.receiptRecord(GoldenChain.job(9))?.validation], [.passed, .failed])
        XCTAssertEqual(passed.qualityBps, 13_600)
        XCTAssertEqual(passed.weight, 10 * Tokens.one * 13_600 * 12_000)
        XCTAssertEqual(passed.challenge?.outcome, .rejected)
        XCTAssertEqual(at21.receiptRecord(GoldenChain.job(9))?.weight, 0)
        XCTAssertEqual(at21.stakeRecord(alice)?.amount, 190 * Tokens.one)
        // Block 22: the challenge of 11 upheld at once (dave's 198 AI is all the counted stake): alice slashed 50% and
        // jailed, golden-a paid back its bond and half of the 95 AI slash. Block 23: 11 is not sampled (an upheld challenge
        // removed it: it is not checked again), 10 passed at 100.
        XCTAssertEqual(at23.receiptRecord(GoldenChain.job(11))?.challenge?.outcome, .upheld)
        XCTAssertEqual(at23.receiptRecord(GoldenChain.job(11))?.validation, .notSampled)
        XCTAssertEqual(at23.receiptRecord(GoldenChain.job(10))?.validation, .passed)
        XCTAssertEqual(at23.receiptRecord(GoldenChain.job(10))?.challenge?.outcome, .lapsed, "decided at its deadline without votes")
        XCTAssertEqual(at23.stakeRecord(alice)?.amount, 95 * Tokens.one)
        XCTAssertEqual(at23.stakeRecord(alice)?.jailed, true)
        let rewards = chain.outcomes[21].receipts.flatMap(\.events).compactMap { event -> Amount? in
            if case let .challengeDecided(_, _, reward) = event { return reward } else { return nil }
        }
        XCTAssertEqual(rewards, [95 * Tokens.one / 2])
        XCTAssertEqual(replay.balance(ModuleAccount.challenges.address), 0, "every bond released")
        XCTAssertEqual(replay.balance(ModuleAccount.validation.address), 240_000_000_000_000_000, "0.5% of every price, less 3 rewards of 0.01 AI")
        XCTAssertEqual(replay.balance(TestKeys.address("golden-a")), 287_439_000_000_000_000_000)
        // The stakes at the end: bob at tier 1 with a reputation point for each of his five accepted receipts; alice
        // jailed at 95 AI, her points taken by the slashes (bps / 10 each); dave at 198 AI after his missed verdict.
        let stakes = try [bob, alice, dave].map { try XCTUnwrap(replay.stakeRecord($0)) }
        XCTAssertEqual(stakes.map(\.amount), [100 * Tokens.one, 95 * Tokens.one, 198 * Tokens.one])
        XCTAssertEqual(stakes.map(\.tier), [.atRest, .open, .open])
        XCTAssertEqual(stakes.map(\.jailed), [false, true, false])
        XCTAssertEqual(stakes.map(\.reputation), [5, 0, 0])

        // Governance: the parameter change and the spend passed at 16's end (quorum: alice and bob's 100 AI each, the
        // whole unjailed stake, golden-a being jailed) and executed at 17's; the text proposal had alice alone, 50% < 51%.
        let stake = 100 * Tokens.one, totalStake = 2 * stake   // at the tallies: alice's and bob's
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
        XCTAssertEqual([tallies[0].yes, tallies[0].no, tallies[0].abstain], [1_019_768_667_715, 0, 48_458_865_051])
        XCTAssertEqual([tallies[1].yes, tallies[1].no, tallies[1].abstain], [48_458_865_051, 0, 1_019_818_678_034])
        XCTAssertEqual([tallies[2].yes, tallies[2].no, tallies[2].abstain], [1_019_808_676_170, 0, 0])
        // The total unjailed stake at the end: bob's 100 AI and dave's 198 AI (alice is jailed).
        XCTAssertEqual(replay.governanceState(), GovernanceState(nextProposalId: 4, openProposals: 0, totalStake: 298 * Tokens.one))
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
        let at18 = try state(after: 18), before18 = try state(after: 17)
        XCTAssertEqual(at18.balance(dave), 2_500 * Tokens.one + 497 * Tokens.one / 1000)
        XCTAssertEqual(proposals[2].deposit, 150 * Tokens.one)
        XCTAssertEqual(before18.proposal(3)?.status, .voting)
        XCTAssertEqual(before18.balance(ModuleAccount.governance.address), 150 * Tokens.one)
        XCTAssertEqual(
            at18.totals().burned - before18.totals().burned, 150 * Tokens.one + (Tokens.one / 1000 + 36_000_000_000_000_000) * 4 / 10,
            "block 18 burned the deposit and 40% of its two fees")
        XCTAssertEqual(replay.balance(ModuleAccount.treasury.address), 4_997_500_250_000_000_000_000_004)
        XCTAssertEqual(replay.totals().burned, 360_200_000_000_000_000_002)
        XCTAssertEqual(replay.totals().minted, 20_010_404_621_868_873_430)
    }
}

// The independent Python model of this chain: scripts/golden_chain_model.py (`make test-models` runs it).
