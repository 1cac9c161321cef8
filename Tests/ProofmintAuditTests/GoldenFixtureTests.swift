import Foundation
import ProofmintAudit
import ProofmintCore
import ProofmintTestSupport
import XCTest

/// A committed chain of 240 blocks (Tests/Fixtures/golden-chain.pmc) that uses every transaction kind over many
/// epochs and governance periods, with every block's state root pinned in Tests/Fixtures/golden-chain.roots. Replaying
/// it must give exactly those roots: a change to any consensus rule fails here and names the first block it changes.
///
/// The fixture is made by `FixtureGenerator` below, from fixed keys and a seeded generator, so it can be rebuilt:
///
///     PROOFMINT_REGENERATE_FIXTURE=1 swift test --filter GoldenFixtureTests/testRegenerateFixture
///
/// Re-pinning is a consensus change: docs/PROTOCOL.md §14 says it needs a new protocol version.
final class GoldenFixtureTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    static var chainPath: String { fixtures.appendingPathComponent("golden-chain.pmc").path }
    static var rootsPath: String { fixtures.appendingPathComponent("golden-chain.roots").path }

    func testTheFixtureReplaysToItsPinnedRoots() throws {
        let pinned = try String(contentsOfFile: Self.rootsPath, encoding: .utf8).split(separator: "\n").map(String.init)
        let reader = try ChainFileReader(path: Self.chainPath)
        let report = try ChainReplayer(keepRoots: true).replay(genesisFile: reader.genesisFile, next: { try reader.nextBlock() })
        if let mismatch = report.mismatch {
            return XCTFail("the golden fixture no longer replays: block \(mismatch.height) differs: \(mismatch.reason)")
        }
        XCTAssertEqual(report.blocks, pinned.count)
        for (index, root) in report.roots.enumerated() where index < pinned.count && root.hex != pinned[index] {
            return XCTFail("block \(index + 1) replays to state root \(root.hex), pinned \(pinned[index])")
        }
    }

    /// The generated chain is the committed one: the generator is deterministic and documented.
    func testTheGeneratorReproducesTheFixture() throws {
        let (genesisFile, blocks, _) = try FixtureGenerator.make()
        let committed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.chainPath)))
        XCTAssertEqual(ChainFileWriter.encode(genesisFile: genesisFile, blocks: blocks), committed, "regenerate the fixture (see the doc comment)")
    }

    func testRegenerateFixture() throws {
        guard ProcessInfo.processInfo.environment["PROOFMINT_REGENERATE_FIXTURE"] == "1" else {
            throw XCTSkip("set PROOFMINT_REGENERATE_FIXTURE=1 to rewrite Tests/Fixtures/golden-chain.*")
        }
        let (genesisFile, blocks, kinds) = try FixtureGenerator.make()
        try Data(ChainFileWriter.encode(genesisFile: genesisFile, blocks: blocks)).write(to: URL(fileURLWithPath: Self.chainPath))
        try (blocks.map(\.header.stateRoot.hex).joined(separator: "\n") + "\n").write(toFile: Self.rootsPath, atomically: true, encoding: .utf8)
        print("fixture: \(blocks.count) blocks; included transactions by kind: \(kinds.sorted { $0.key < $1.key })")
    }
}

/// Builds the fixture chain: two validators, six users and a treasury; 5-block epochs, a 100-block year, one-block
/// governance days. Every block offers a seeded mix of transfers, stakes, unstakes, withdrawals, compute receipts,
/// proposals and votes; blocks 50 and 150 carry double-sign evidence.
enum FixtureGenerator {
    static let users = ["f0", "f1", "f2", "f3", "f4", "f5"]
    static let blockCount = 240

    static func make() throws -> (genesis: Bytes, blocks: [Block], kinds: [String: Int]) {
        let json = TestChain.genesisJSON(
            chainId: "proofmint-fixture", genesisTime: "2026-01-01T00:00:00Z", validators: ["fixture-a", "fixture-b"],
            users: users.map { ($0, 100_000 * Tokens.one) } + [("fixture-a", 1_000 * Tokens.one)], modules: [(.treasury, 50_000 * Tokens.one)],
            parameters: #"{"epoch_length": 5, "staking": {"unbonding_period": 3}, "compute": {"blocks_per_year": 100}, "governance": {"block_time_ms": 86400000, "timelock_blocks": 1}}"#)
        let chain = try TestChain(genesis: try Genesis.parse(json: Array(json.utf8)), validatorKeys: ["fixture-a", "fixture-b"].map(TestKeys.key))
        var rng = SplitMix64(seed: 0xF1_7C0E)
        var kinds = [String: Int]()
        for height in 1...blockCount {
            var nonces = [String: UInt64]()
            func nonce(_ name: String) -> UInt64 {
                let value = nonces[name] ?? chain.nonce(TestKeys.address(name))
                nonces[name] = value + 1
                return value
            }
            var candidates = [SignedTransaction]()
            if height == 50 || height == 150 {
                candidates.append(chain.evidence(from: TestKeys.key("f0"), chain.doubleSign(by: TestKeys.key("fixture-a"), height: UInt64(height - 1)), nonce: nonce("f0")))
            }
            for _ in 0..<rng.int(1...5) {
                let name = rng.element(users), key = TestKeys.key(name)
                switch rng.below(9) {
                case 0: candidates.append(chain.stake(from: key, amount: Amount(100 + rng.below(400)) * Tokens.one, lockEpochs: UInt32(rng.below(3)), nonce: nonce(name)))
                case 1: candidates.append(chain.unstake(from: key, amount: Amount(1 + rng.below(150)) * Tokens.one, nonce: nonce(name)))
                case 2: candidates.append(chain.withdraw(from: key, nonce: nonce(name)))
                case 3, 4:
                    let provider = rng.element(users.filter { $0 != name })
                    let receipt = chain.receipt(
                        consumer: key, provider: TestKeys.address(provider), units: rng.below(5_000) + 1, quality: UInt8(rng.below(101)),
                        price: Amount(1 + rng.below(20)) * Tokens.one, jobId: Hash32.digest(Array("fixture/job/\(height)/\(candidates.count)".utf8)))
                    candidates.append(chain.submitProof(from: TestKeys.key(provider), receipt, nonce: nonce(provider)))
                case 5:
                    let content: ProposalContent = rng.bool()
                        ? .parameterChange([.init(name: "compute.protocol_fee_bps", value: UInt128(chain.currentParameters().compute.protocolFeeBps) + 1)])
                        : .treasurySpend(recipient: TestKeys.address(rng.element(users)), amount: Amount(1 + rng.below(1000)) * Tokens.one)
                    candidates.append(chain.propose(from: key, content, nonce: nonce(name)))
                case 6:
                    let active = chain.openProposals()
                    if let id = active.isEmpty ? nil : rng.element(active) {
                        candidates.append(chain.vote(from: key, proposal: id, rng.chance(3, in: 4) ? .yes : .no, nonce: nonce(name)))
                    }
                default:
                    candidates.append(chain.transfer(from: key, to: TestKeys.address(rng.element(users)), amount: Amount(1 + rng.below(100)) * Tokens.one, nonce: nonce(name)))
                }
            }
            let (block, _, _) = try chain.produce(candidates)
            for transaction in block.transactions { kinds[transaction.transaction.payload.kind.name, default: 0] += 1 }
        }
        return (Array(json.utf8), chain.blocks, kinds)
    }
}
