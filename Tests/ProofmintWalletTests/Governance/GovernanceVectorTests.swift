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
            "e1175f84a12f79a3db83e5756865a0eee5d0634f275edfaddd84233b42ae2559",
            "7bee1ff237485c417fa09aa9faf7130f63c3fbb26a539510ad759a1db6a14060",
            "d705f3948d75104b224ebbb1ff05f27b33d5f05ebc0bc2707172ad8e124045a9",
        ])
        XCTAssertEqual(chain.store.values[.governance]?.hex, "02000000000000000200000001000000000000003ba1910bf341b00000")
        XCTAssertEqual(chain.store.values[.due(height: 259_201)]?.hex, "01000000010000000000000001")
        XCTAssertEqual(chain.store.values[.voter(proposal: 1, index: 0)], try DevAccounts.address(index: 0).bytes)
    }

    func testTheFastGovernanceLifecycle() throws {
        let chain = try chain(fastGovernance: true)
        XCTAssertEqual(chain.genesisBlock.header.stateRoot.hex, "3714d6229459f9acb1766b3a6a36656e9940053f465415f6f6fbb4b40781094d")
        var roots = try openVector(on: chain)
        let dev1 = try DevAccounts.key(index: 1)
        for tx in [chain.stake(from: dev1, amount: 100 * Tokens.one), chain.vote(from: dev1, proposal: 1, .no, nonce: 1)] {
            roots.append(try chain.produce([tx]).block.header.stateRoot.hex)
        }
        for _ in 6...9 { roots.append(try chain.produce([]).block.header.stateRoot.hex) }
        XCTAssertEqual(roots[6], "166940696f54fc43730ed4378d5ece4e82f71e40151d3a3a10001d23bd980bf3", "block 7: the tally")
        XCTAssertEqual(roots[8], "fda367eeb10de1d44ca159b5d62854162b9a671a94e02a8088845868695b88c8", "block 9: the execution")
        XCTAssertEqual(roots[4], roots[5])
        XCTAssertEqual(roots[6], roots[7])
        let tally = try XCTUnwrap(chain.proposal(1)?.tally)
        XCTAssertEqual([tally.yesStake, tally.noStake, tally.participationStake], [1_000 * Tokens.one, 100 * Tokens.one, 1_100 * Tokens.one])
        XCTAssertEqual(chain.store.values[.governance]?.hex, "0200000000000000020000000000000000000000410d586a20a4c00000")
    }
}
