@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// `unjail` (PROTOCOL.md §9.9, protocol version 2): refused for an account that is not jailed and before
/// `staking.jail_period_blocks` have passed since the jailing; afterwards it burns `staking.unjail_fee` on top of the
/// fee, clears `jailed`, and the stake counts again for power and quorum.
final class UnjailTests: StakingTestCase {
    static let AI = Tokens.one
    let validatorA = TestKeys.key("validator-a"), carol = TestKeys.key("carol")
    var chain: TestChain!
    var fee: Amount { chain.parameters.minFee }

    override func setUpWithError() throws {
        chain = try TestChain(
            users: [("validator-a", 2_000 * Self.AI), ("carol", 100 * Self.AI)],
            parameters: #"{"staking": {"jail_period_blocks": 10, "unjail_fee": "\#(5 * Self.AI)", "slash_malicious_bps": 5000}}"#,
            bonds: [("validator-a", 1_000 * Self.AI)])
    }

    /// Carol reports validator-a's double signing; returns the height it was jailed at.
    func jail() throws -> UInt64 {
        try assertSucceeds(chain.evidence(from: carol, chain.doubleSign(by: validatorA, height: 1)), on: chain)
        let stake = try XCTUnwrap(chain.stakeRecord(address(validatorA)))
        XCTAssertTrue(stake.jailed)
        XCTAssertEqual(stake.jailedAt, chain.head.height)
        XCTAssertEqual(stake.amount, 500 * Self.AI, "half the bond burned")
        XCTAssertEqual(chain.governanceState().totalStake, 0, "a jailed stake leaves the quorum")
        return chain.head.height
    }

    func testUnjailIsRefusedWhenNotJailedAndBeforeThePeriodEnds() throws {
        try assertExecutionFails(chain.unjail(from: carol), .notJailed, on: chain)
        try assertExecutionFails(chain.unjail(from: validatorA), .notJailed, on: chain)
        let jailedAt = try jail()
        try assertExecutionFails(chain.unjail(from: validatorA), .jailPeriodNotOver(until: jailedAt + 10, height: jailedAt + 1), on: chain)
        try chain.advance(to: jailedAt + 8)
        try assertExecutionFails(chain.unjail(from: validatorA), .jailPeriodNotOver(until: jailedAt + 10, height: jailedAt + 9), on: chain)
        XCTAssertTrue(try XCTUnwrap(chain.stakeRecord(address(validatorA))).jailed)
    }

    func testUnjailAfterThePeriodBurnsTheFeeAndTheStakeCountsAgain() throws {
        let a = address(validatorA)
        let jailedAt = try jail()
        try chain.advance(to: jailedAt + 9)
        let before = chain.totals(), balance = chain.balance(a)
        let receipt = try assertSucceeds(chain.unjail(from: validatorA), on: chain)
        XCTAssertEqual(receipt.events, [feeEvent(a, fee, chain.parameters), .unjailed(provider: a, burned: 5 * Self.AI)])
        XCTAssertEqual(chain.balance(a), balance - fee - 5 * Self.AI)
        XCTAssertEqual(chain.totals().burned, before.burned + 5 * Self.AI + fee * 4 / 10)
        let stake = try XCTUnwrap(chain.stakeRecord(a))
        XCTAssertFalse(stake.jailed)
        XCTAssertEqual(stake.jailedAt, jailedAt, "the last jail height is kept")
        XCTAssertEqual(chain.governanceState().totalStake, 500 * Self.AI)
        XCTAssertEqual(StakingPower.of(stake, parameters: chain.parameters.staking), 500 * Self.AI)
        assertSupplyInvariant(chain)
        // It may stake again, and a second unjail has nothing to lift.
        try assertSucceeds(chain.stake(from: validatorA, amount: 100 * Self.AI), on: chain)
        try assertExecutionFails(chain.unjail(from: validatorA), .notJailed, on: chain)
    }

    func testUnjailNeedsTheFeeInTheBalance() throws {
        let a = address(validatorA)
        let jailedAt = try jail()
        try chain.advance(to: jailedAt + 9)
        // Leave validator-a less than the unjail fee after the transaction fee.
        let keep = 5 * Self.AI - 1 + fee
        try assertSucceeds(chain.transfer(from: validatorA, to: address(carol), amount: chain.balance(a) - keep - fee), on: chain)
        try assertExecutionFails(
            chain.unjail(from: validatorA), .insufficientBalance(balance: 5 * Self.AI - 1, needed: 5 * Self.AI), on: chain)
    }
}
