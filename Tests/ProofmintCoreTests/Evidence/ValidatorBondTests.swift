import Foundation
@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// Validators' genesis bonds (PROTOCOL.md §10.1, §10.3, protocol version 2): the bond moves from the validator's own
/// allocation into a `Stake` of its address, so double-sign evidence burns `slash_malicious_bps` of it (and of its
/// unbonding entries) and jails it. Before version 2 a validator held no stake and evidence burned nothing.
final class ValidatorBondTests: StakingTestCase {
    static let AI = Tokens.one
    let validatorA = TestKeys.key("validator-a"), carol = TestKeys.key("carol")

    func makeChain(parameters: String? = nil) throws -> TestChain {
        try TestChain(
            users: [("validator-a", 2_000 * Self.AI), ("carol", 100 * Self.AI)], parameters: parameters,
            bonds: [("validator-a", 1_000 * Self.AI)])
    }

    func testTheGenesisBondIsAStakeTakenFromTheAllocation() throws {
        let chain = try makeChain()
        let a = address(validatorA)
        XCTAssertEqual(chain.balance(a), 1_000 * Self.AI)
        XCTAssertEqual(
            chain.stakeRecord(a),
            Stake(amount: 1_000 * Self.AI, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: false))
        XCTAssertEqual(chain.totals().staked, 1_000 * Self.AI)
        XCTAssertEqual(chain.totals().issued, 2_100 * Self.AI, "a bond moves tokens, it creates none")
        XCTAssertEqual(chain.governanceState().totalStake, 1_000 * Self.AI)
        assertSupplyInvariant(chain)
    }

    func testDoubleSignEvidenceBurnsTheWholeBondAtTheDefaultRateAndJails() throws {
        let chain = try makeChain()
        let a = address(validatorA)
        XCTAssertEqual(chain.parameters.staking.slashMaliciousBps, 10_000)
        let before = chain.totals()
        let receipt = try assertSucceeds(chain.evidence(from: carol, chain.doubleSign(by: validatorA, height: 1)), on: chain)
        XCTAssertEqual(receipt.events.dropFirst(), [
            .slashed(provider: a, reason: SlashReason.doubleSign.rawValue, bps: 10_000, fromStake: 1_000 * Self.AI, fromUnbonding: 0),
            .jailed(provider: a),
        ])
        XCTAssertEqual(chain.totals().staked, before.staked - 1_000 * Self.AI)
        XCTAssertEqual(chain.totals().burned, before.burned + 1_000 * Self.AI + chain.parameters.minFee * 4 / 10)
        XCTAssertEqual(chain.stakeRecord(a)?.jailed, true)
        XCTAssertEqual(chain.stakeRecord(a)?.jailedAt, chain.head.height)
        XCTAssertEqual(chain.balance(a), 1_000 * Self.AI, "the liquid part of the allocation is not slashed")
        assertSupplyInvariant(chain)
    }

    func testEvidenceReachesTheBondsUnbondingEntries() throws {
        let chain = try makeChain(parameters: #"{"staking": {"slash_malicious_bps": 5000, "unbonding_period": 50}}"#)
        let a = address(validatorA)
        // The bond is under the normal rules: no lock, so it can be unstaked at once (0.1% burned).
        try assertSucceeds(chain.unstake(from: validatorA, amount: 400 * Self.AI), on: chain)
        XCTAssertEqual(chain.unbonding(a).entries.map(\.amount), [3_996 * Self.AI / 10])
        let receipt = try assertSucceeds(chain.evidence(from: carol, chain.doubleSign(by: validatorA, height: 1)), on: chain)
        XCTAssertEqual(receipt.events.dropFirst(), [
            .slashed(provider: a, reason: 4, bps: 5000, fromStake: 300 * Self.AI, fromUnbonding: 1_998 * Self.AI / 10),
            .jailed(provider: a),
        ])
        XCTAssertEqual(chain.stakeRecord(a)?.amount, 300 * Self.AI)
        XCTAssertEqual(chain.unbonding(a).entries.map(\.amount), [1_998 * Self.AI / 10])
        assertSupplyInvariant(chain)
    }

    func testABondTheAllocationDoesNotCoverIsRefusedNamingTheField() {
        func parse(users: [(name: String, amount: Amount)], bond: Amount) -> GenesisError? {
            let json = TestChain.genesisJSON(
                chainId: "proofmint-test", genesisTime: "2026-01-01T00:00:00Z", validators: ["validator-b", "validator-a"],
                users: users, bonds: [("validator-a", bond)])
            do {
                _ = try Genesis.parse(json: Array(json.utf8))
                return nil
            } catch { return error }
        }
        let path = "genesis.validators[1].bond"
        XCTAssertEqual(parse(users: [("carol", 1_000 * Self.AI)], bond: 100 * Self.AI)?.path, path, "no allocation")
        XCTAssertEqual(parse(users: [("validator-a", 99 * Self.AI)], bond: 100 * Self.AI)?.path, path, "allocation too small")
        XCTAssertEqual(parse(users: [("validator-a", 1_000 * Self.AI)], bond: 99 * Self.AI)?.path, path, "below staking.min_stake")
        XCTAssertNil(parse(users: [("validator-a", 100 * Self.AI)], bond: 100 * Self.AI), "the whole allocation may be bonded")
    }

    func testTheDevnetValidatorIsBonded() throws {
        let url = RepositoryRoot.url.appendingPathComponent("genesis/devnet.json")
        let genesis = try Genesis.parse(json: Array(try Data(contentsOf: url)))
        let validator = try XCTUnwrap(genesis.validators.validators.first)
        XCTAssertEqual(genesis.bonds, [ValidatorBond(address: Address(publicKey: validator.publicKey), amount: 100 * Self.AI)])
    }
}
