import Foundation
import ProofmintCore
import ProofmintTestSupport
import ProofmintWallet
import XCTest

/// The governance vectors of docs/PROTOCOL.md §12.11 and §15, which scripts/protocol_vectors.py computes from the
/// specification alone, reproduced by the Swift state transition: the same signed transactions of the dev accounts
/// on the devnet genesis (and on its fast-governance variant) give the same records and state roots.
final class GovernanceVectorTests: XCTestCase {
    static let attestation = Hash32.digest(Array("proofmint/vector/attestation".utf8))

    func chain(fastGovernance: Bool) throws -> TestChain {
        var json = try String(contentsOf: RepositoryRoot.url.appendingPathComponent("genesis/devnet.json"), encoding: .utf8)
        if fastGovernance {
            json = json.replacingOccurrences(
                of: #""parameters": {"#, with: #""parameters": {"governance": {"block_time_ms": 43200000, "timelock_blocks": 2}, "#)
        }
        let validator = try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("proofmint/insecure-dev-validator/0".utf8)))
        return try TestChain(genesis: try Genesis.parse(json: Array(json.utf8)), validatorKeys: [validator])
    }

    /// dev0 stakes 1,000 AI (block 1), proposes min_fee + one step (2) and votes yes (3).
    func openVector(on chain: TestChain) throws -> [String] {
        let dev0 = try DevAccounts.key(index: 0)
        let proposal = ProposalContent.parameterChange([.init(name: "min_fee", value: 1_200_000_000_000_000)])
        var roots = [String]()
        for tx in [
            chain.stake(from: dev0, amount: 1_000 * Tokens.one, lockEpochs: 4, tier: .cpuTEE, attestation: Self.attestation),
            chain.propose(from: dev0, proposal, deposit: 100 * Tokens.one, nonce: 1),
            chain.vote(from: dev0, proposal: 1, .yes, nonce: 2),
        ] {
            let (block, outcome, dropped) = try chain.produce([tx])
            XCTAssertTrue(dropped.isEmpty)
            XCTAssertEqual(outcome.receipts.map(\.code), [0])
            roots.append(block.header.stateRoot.hex)
        }
        return roots
    }

    func testTheStakeAndGovernanceVectors() throws {
        let chain = try chain(fastGovernance: false)
        let roots = try openVector(on: chain)
        XCTAssertEqual(roots, [
            "b43c838abe92493a901663340e4e9eb171d1550bd1c2a241a2780daecfa4f96b",
            "385a6f1f327e3b40301ab6bcf51f398152e83fdd0ba9b26ddd37aafa70b513fc",
            "f03bfbefbd9fef63a7f73d47e887d5e95cc13a6cc89ee04fd264402bcbae849a",
        ])
        XCTAssertEqual(chain.store.values[.governance]?.hex, "02000000000000000200000001000000000000003ba1910bf341b00000")
        XCTAssertEqual(chain.store.values[.due(height: 259_201)]?.hex, "01000000010000000000000001")
        XCTAssertEqual(chain.store.values[.voter(proposal: 1, index: 0)], try DevAccounts.address(index: 0).bytes)
    }

    func testTheFastGovernanceLifecycle() throws {
        let chain = try chain(fastGovernance: true)
        XCTAssertEqual(chain.genesisBlock.header.stateRoot.hex, "f910761819ff6f42f3252ee27a41e3d5e93d883424138226924a31f42c06b82a")
        var roots = try openVector(on: chain)
        let dev1 = try DevAccounts.key(index: 1)
        for tx in [chain.stake(from: dev1, amount: 100 * Tokens.one), chain.vote(from: dev1, proposal: 1, .no, nonce: 1)] {
            roots.append(try chain.produce([tx]).block.header.stateRoot.hex)
        }
        for _ in 6...9 { roots.append(try chain.produce([]).block.header.stateRoot.hex) }
        XCTAssertEqual(roots[6], "d739ae7f9c9d07f2744279ca89b0620b945f6152adfdcdd7880f92e30aefb951", "block 7: the tally")
        XCTAssertEqual(roots[8], "af070f3837bcd5a826aa4643bfaea1420ac691fd8b3675af20fc2e0f37e8ede3", "block 9: the execution")
        // Blocks 6 and 8 change nothing but the randomness mix (protocol version 3), so their roots differ from the block before.
        XCTAssertNotEqual(roots[4], roots[5])
        XCTAssertNotEqual(roots[6], roots[7])
        let tally = try XCTUnwrap(chain.proposal(1)?.tally)
        XCTAssertEqual([tally.yesStake, tally.noStake, tally.participationStake], [1_000 * Tokens.one, 100 * Tokens.one, 1_100 * Tokens.one])
        XCTAssertEqual(chain.store.values[.governance]?.hex, "0200000000000000020000000000000000000000410d586a20a4c00000")
    }
}
