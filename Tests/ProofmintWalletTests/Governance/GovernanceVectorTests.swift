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
            "2ac5beea388002ce5458065de7dd560ee14b7e30a4e75001988c4664185a5961",
            "d8ca68e9d92db1a2bf25b536ee0f6d4ec60380ccd66112ce07185c842cf23aff",
            "ed018c230fef6bd41fa750c0cb02fb47c4f6f91c3243bcd81a306a4ea1569262",
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
        XCTAssertEqual(roots[6], "c4f8b3c7b95d44215b6e554134add5053a636b7d28ad036c9cf9aeea6330bcbf", "block 7: the tally")
        XCTAssertEqual(roots[8], "12d1368e8674562164fb0da73521f50351890512e678680cb575e49794eded8f", "block 9: the execution")
        XCTAssertEqual(roots[4], roots[5])
        XCTAssertEqual(roots[6], roots[7])
        let tally = try XCTUnwrap(chain.proposal(1)?.tally)
        XCTAssertEqual([tally.yesStake, tally.noStake, tally.participationStake], [1_000 * Tokens.one, 100 * Tokens.one, 1_100 * Tokens.one])
        XCTAssertEqual(chain.store.values[.governance]?.hex, "0200000000000000020000000000000000000000410d586a20a4c00000")
    }
}
