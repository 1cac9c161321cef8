import ProofmintCore
import ProofmintSimulation
import XCTest

/// The attacks of docs/ECONOMIC-SECURITY.md, run small (same ratios as the documented runs) through the real state
/// transition: each must fail, and fail for the documented reason.
final class AttackScenarioTests: XCTestCase {
    private func figure(_ report: ScenarioReport, _ label: String) -> String? { report.figures.first { $0.0 == label }?.1 }

    func testASybilSplitCannotOutvoteTheStakeMajority() throws {
        let report = try AttackScenarios.run("sybil-split", scale: 100)
        XCTAssertFalse(report.succeeded, report.text)
        XCTAssertEqual(report.gain, 0, report.text)
        XCTAssertEqual(figure(report, "proposal"), "rejected", report.text)
        // The deposit is burned on top of the fees and the burn to leave: the attack only costs.
        XCTAssertGreaterThan(report.cost, 100 * Tokens.one, report.text)
    }

    func testFillingTheVotersLeavesHonestVotesAccepted() throws {
        let report = try AttackScenarios.run("voter-list-fill", scale: 300)
        XCTAssertFalse(report.succeeded, report.text)
        XCTAssertEqual(figure(report, "honest vote"), "accepted", report.text)
        XCTAssertEqual(figure(report, "filler votes accepted"), "300 of 300", report.text)
    }

    func testAProviderNamedByASlashCannotWithdrawBeforeTheVote() throws {
        let report = try AttackScenarios.run("slash-escape", scale: 1)
        XCTAssertFalse(report.succeeded, report.text)
        XCTAssertEqual(figure(report, "slash proposal"), "executed", report.text)
        XCTAssertTrue(figure(report, "withdraw")?.hasPrefix("refused") == true, report.text)
        // Everything it staked, less the 0.1% unstake burn, is burned by the slash.
        XCTAssertEqual(figure(report, "burned by the slash"), "9990 AI", report.text)
    }

    func testScenarioNamesAndScalesAreChecked() {
        XCTAssertThrowsError(try AttackScenarios.run("sybil")) { XCTAssertTrue("\($0)".contains("sybil-split"), "\($0)") }
        XCTAssertThrowsError(try AttackScenarios.run("sybil-split", scale: 0)) { XCTAssertTrue("\($0)".contains("--scale"), "\($0)") }
    }
}

extension AttackScenarioTests {
    func testDoubleSignEvidenceBurnsTheValidatorsBond() throws {
        let report = try AttackScenarios.run("double-sign", scale: 1)
        XCTAssertFalse(report.succeeded, report.text)
        XCTAssertEqual(report.cost, 10_000 * Tokens.one, report.text)
        XCTAssertEqual(report.figures.first { $0.0 == "jailed" }?.1, "yes", report.text)
    }

    func testAParameterMovesAtMostOneStepAQuarter() throws {
        let report = try AttackScenarios.run("parameter-creep", scale: 1)
        XCTAssertFalse(report.succeeded, report.text)
        XCTAssertEqual(report.figures.first { $0.0 == "value" }?.1, "30 → 36 basis points", report.text)
        XCTAssertEqual(report.figures.first { $0.0 == "changes executed" }?.1, "1", report.text)
    }
}

extension AttackScenarioTests {
    func testATreasuryDrainIsBoundedToItsShareAWindow() throws {
        let report = try AttackScenarios.run("treasury-drain", scale: 1)
        XCTAssertFalse(report.succeeded, report.text)
        // At most 10% of what the treasury held at the window's start (plus the fee shares it collected meanwhile).
        XCTAssertLessThanOrEqual(report.gain, 15_000_001 * Tokens.one, report.text)
        XCTAssertGreaterThan(report.gain, 0, report.text)
        XCTAssertEqual(report.figures.first { $0.0 == "spends executed" }?.1, "1", report.text)
    }
}

extension AttackScenarioTests {
    /// Issue 12, attestors: a self-made tier-4 claim is refused (bare hash and self-signed alike) and equal work counts
    /// 1.0x; a revoked attestor's provider falls to 1.0x at the revocation and a report slashes 10% of its stake.
    func testAFakeTierIsRefusedAndARevokedAttestorsProviderIsSlashed() throws {
        let report = try AttackScenarios.run("fake-tier", scale: 1)
        XCTAssertFalse(report.succeeded, report.text)
        XCTAssertEqual(report.gain, 0, report.text)
        func figure(_ name: String) -> String? { report.figures.first { $0.0 == name }?.1 }
        XCTAssertEqual(figure("v3: bare hash, 0 AI"), "signed_attestation_required", report.text)
        XCTAssertEqual(figure("v3: self-signed"), "attestor_unknown", report.text)
        XCTAssertEqual(figure("tier bps of equal work"), "attacker 10000, honest 10000, attested by the vendor 20000", report.text)
        XCTAssertEqual(figure("revocation"), "executed", report.text)
        XCTAssertEqual(figure("attested provider after it"), "tier bps 10000 (was 20000)", report.text)
        XCTAssertEqual(figure("report"), "accepted", report.text)
        XCTAssertEqual(figure("slashed")?.hasPrefix("100 AI of 1000 AI"), true, report.text)
        XCTAssertEqual(figure("v2 rule (computed)")?.contains("66.66%"), true, report.text)
    }
}
