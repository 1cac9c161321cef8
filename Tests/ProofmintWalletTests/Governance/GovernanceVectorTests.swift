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

    /// dev0's tier-2 attestation by the INSECURE devnet attestor (registered by genesis/devnet.json), expiring at
    /// height 1,000,000: the signed-attestation vector of PROTOCOL.md §15.
    static func attestation(chainId: String) throws -> SignedAttestation {
        let attestor = try DevAttestor.key(index: 0)
        return Attestation(
            attestor: attestor.publicKey, chainId: chainId, provider: try DevAccounts.address(index: 0), tier: .cpuTEE,
            measurement: attestation, expiresAt: 1_000_000
        ).signed(by: attestor)
    }

    func testTheSignedAttestationVector() throws {
        let signed = try Self.attestation(chainId: "proofmint-devnet-1")
        XCTAssertEqual(
            signed.canonicalBytes.hex,
            "0150f98798f8244aebbb45f94de41ee38579e958957e1253df8b71dd4908602b060000001270726f6f666d696e742d6465766e65742d311951e59fca22a5b731ca2c9ce35a93f2e480bc19028c6c6184fd1ed0fbc4e67dad9f96cde33d0dd04c93d3c6865462c72522af862c00000000000f4240ee67cf5a0c00572a197dd23a0605c73337103e802ee4ce7180fb165ec3f1ab468db312d4c307ce76485b9e1b6b75b6d3ac7c4f8c84f74b3c946f6b8c90b6ad07")
        XCTAssertTrue(signed.hasValidSignature)
    }

    /// dev0 stakes 1,000 AI at tier 2 with the attestation (block 1), proposes min_fee + one step (2) and votes yes (3).
    func openVector(on chain: TestChain) throws -> [String] {
        let dev0 = try DevAccounts.key(index: 0)
        let proposal = ProposalContent.parameterChange([.init(name: "min_fee", value: 1_200_000_000_000_000)])
        var roots = [String]()
        for tx in [
            chain.stake(from: dev0, amount: 1_000 * Tokens.one, lockEpochs: 4, tier: .cpuTEE, claim: .signed(try Self.attestation(chainId: chain.chainId))),
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
            "7e0f0d501d870fd9a802e8016ff1cf3aa181ddd87363964d2770d80b7917b714",
            "afdb7b2792891939c35290626d9f7a0eae0f5aac9b77c6134edfd6714714798e",
            "2deba569bc89d09bb1075c08ab681c9711f118afc6faade32bdaa364eb2b56cc",
        ])
        XCTAssertEqual(chain.store.values[.governance]?.hex, "02000000000000000200000001000000000000003ba1910bf341b00000")
        XCTAssertEqual(chain.store.values[.due(height: 259_201)]?.hex, "01000000010000000000000001")
        XCTAssertEqual(chain.store.values[.voter(proposal: 1, index: 0)], try DevAccounts.address(index: 0).bytes)
    }

    func testTheFastGovernanceLifecycle() throws {
        let chain = try chain(fastGovernance: true)
        XCTAssertEqual(chain.genesisBlock.header.stateRoot.hex, "34bb66200e0b864e16b65f80fd3931ed8cbad11f16c43ff66ff00ee6f34247ac")
        var roots = try openVector(on: chain)
        let dev1 = try DevAccounts.key(index: 1)
        for tx in [chain.stake(from: dev1, amount: 100 * Tokens.one), chain.vote(from: dev1, proposal: 1, .no, nonce: 1)] {
            roots.append(try chain.produce([tx]).block.header.stateRoot.hex)
        }
        for _ in 6...9 { roots.append(try chain.produce([]).block.header.stateRoot.hex) }
        XCTAssertEqual(roots[6], "932a6de65f6a92ddd7a3163cab541837e387b4d0be51c795bcae91a265294b3d", "block 7: the tally")
        XCTAssertEqual(roots[8], "24b0b3c654000a59d9c23a70c4fcb5bf000663e1599449d77ccfc17e762735bb", "block 9: the execution")
        // Blocks 6 and 8 change nothing but the randomness mix (protocol version 3), so their roots differ from the block before.
        XCTAssertNotEqual(roots[4], roots[5])
        XCTAssertNotEqual(roots[6], roots[7])
        let tally = try XCTUnwrap(chain.proposal(1)?.tally)
        XCTAssertEqual([tally.yesStake, tally.noStake, tally.participationStake], [1_000 * Tokens.one, 100 * Tokens.one, 1_100 * Tokens.one])
        XCTAssertEqual(chain.store.values[.governance]?.hex, "0200000000000000020000000000000000000000410d586a20a4c00000")
    }
}
