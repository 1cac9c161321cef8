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

/// Protocol version 3's Proof of Compute attacks (issue 12): the expectations come from the parameters and from what
/// the run measured, never from a pinned figure.
extension AttackScenarioTests {
    func testWashTradingLosesMoneyAndEveryCertainSampleIsCaught() throws {
        let measured = try WashTradeScenario.measure(scale: 40)
        let parameters = measured.parameters
        let rules = parameters.compute.verification
        let stake = parameters.staking.minStake
        let slash = FeeSplit.portion(stake, parameters.staking.slashMaliciousBps)
        XCTAssertFalse(measured.report.succeeded, measured.report.text)
        let held = measured.outcomes.reduce(Amount(0)) { $0 + $1.net }
        let allocated = measured.outcomes.reduce(Amount(0)) { $0 + $1.loss }
        XCTAssertLessThan(held, allocated, "the owner's accounts together end behind\n\(measured.report.text)")
        for (index, outcome) in measured.outcomes.enumerated() {
            // Everything worth sample_value or more is sampled; an honest validator catches it before the colluder joins.
            if !outcome.colluding, rules.sampleProbabilityBps(value: outcome.value) == 10_000 {
                XCTAssertTrue(outcome.detected, "outcome \(index)\n\(measured.report.text)")
            }
            if outcome.detected {
                XCTAssertEqual(outcome.reward, 0, "a caught provider forfeits its epoch (outcome \(index))")
                XCTAssertEqual(outcome.slashed, slash, "outcome \(index)")
            } else {
                XCTAssertEqual(outcome.slashed, 0, "outcome \(index)")
                XCTAssertLessThanOrEqual(outcome.reward, FeeSplit.portion(outcome.value, rules.rewardCapBps), "the reward cap (outcome \(index))")
            }
        }
    }

    func testRealisedDetectionsMatchTheSamplingProbability() throws {
        let measured = try WashTradeScenario.measure(scale: 100)
        let rules = measured.parameters.compute.verification
        let crowd = measured.outcomes.dropFirst(3)
        let alpha = Double(WashTradeScenario.collusionShareBps) / 10_000
        // Expected detections Σ p(1−α) and the binomial spread; the run is deterministic, 4σ leaves room for any seed.
        let probabilities = crowd.map { Double(rules.sampleProbabilityBps(value: $0.value)) / 10_000 * ($0.colluding ? 1 - alpha : 1) }
        let expected = probabilities.reduce(0, +)
        let sigma = probabilities.reduce(0) { $0 + $1 * (1 - $1) }.squareRoot()
        let detected = Double(crowd.filter(\.detected).count)
        XCTAssertEqual(detected, expected, accuracy: 4 * sigma, measured.report.text)
        XCTAssertGreaterThan(detected, 0, measured.report.text)
    }

    /// The bound of docs/ECONOMIC-SECURITY.md: for a receipt worth at most sample_value, p ≥ value / sample_value, the
    /// gain is at most reward_cap × value and the loss at least stake × p(1−α), so the expected net is negative for every
    /// value once stake ≥ reward_cap × sample_value / (1−α); below that threshold some value pays.
    func testFakingIsNegativeEVExactlyWhenStakeCoversTheCapTimesSampleValue() {
        let parameters = Parameters.defaults
        let rules = parameters.compute.verification
        let values = stride(from: 1, through: 100, by: 1).map { Amount($0) * Tokens.one }
        for collusion in [UInt16(0), 2_500, 5_000] {
            let threshold = WideArithmetic.multiplyDivide(FeeSplit.portion(rules.sampleValue, rules.rewardCapBps), 10_000, UInt128(10_000 - collusion))
            for value in values {
                let bound = WashTradeScenario.expectedNetBound(value: value, stake: threshold, collusionBps: collusion, parameters: parameters)
                XCTAssertLessThan(bound.gain, bound.loss, "α \(collusion) bps, value \(value), stake \(threshold)")
            }
            // With sample_bps = 0 and no fees the threshold is tight (as value → 0): a stake 10% under it lets a
            // small receipt pay.
            var loose = parameters
            loose.compute.verification.sampleBps = 0
            loose.compute.protocolFeeBps = 0
            loose.compute.verification.validationFeeBps = 0
            loose.minFee = 1
            let under = threshold - threshold / 10
            let small = WashTradeScenario.expectedNetBound(value: rules.sampleValue / 100, stake: under, collusionBps: collusion, parameters: loose)
            XCTAssertGreaterThan(small.gain, small.loss, "α \(collusion) bps: under the threshold faking pays")
        }
        // The devnet's min_stake clears the threshold at α = 0 and at the scenario's α = 25%.
        XCTAssertGreaterThanOrEqual(parameters.staking.minStake, FeeSplit.portion(rules.sampleValue, rules.rewardCapBps) * 4 / 3)
    }

    func testFillingTheEpochWithProvidersLeavesHonestReceiptsAccepted() throws {
        let report = try AttackScenarios.run("slot-filling", scale: 200)
        XCTAssertFalse(report.succeeded, report.text)
        XCTAssertEqual(figure(report, "honest receipt"), "accepted", report.text)
        XCTAssertEqual(figure(report, "filler receipts accepted"), "200 of 200", report.text)
        XCTAssertEqual(report.gain, 0, report.text)
        XCTAssertGreaterThan(report.cost, 0, report.text)
    }

    func testChallengeGriefingCostsTheBondAndAFakeReceiptsChallengeIsUpheld() throws {
        let n = 4
        let report = try AttackScenarios.run("challenge-griefing", scale: n)
        let rules = Parameters.defaults.compute.verification
        XCTAssertFalse(report.succeeded, report.text)
        XCTAssertEqual(report.gain, 0, report.text)
        XCTAssertGreaterThanOrEqual(report.cost, Amount(n) * rules.challengeBond, report.text)
        XCTAssertEqual(figure(report, "honest receipts"), "\(n) of \(n) challenges rejected; each receipt still stands", report.text)
        XCTAssertEqual(figure(report, "honest provider received"), "\(Tokens.format(Amount(n) * rules.challengeBond)) AI", report.text)
        XCTAssertEqual(figure(report, "fake receipt's challenge"), "upheld", report.text)
    }
}

extension AttackScenarioTests {
    /// Part (c): above sample_value every fake is sampled, so only the attacker's own validator lets one through; the
    /// ones it passes are paid, the others slashed. (Whether the sum is positive depends on α against
    /// stake / (stake + D); docs/ECONOMIC-SECURITY.md measures it at the audit's scale.)
    func testAboveSampleValueOnlyTheAttackersOwnValidatorLetsAFakeThrough() throws {
        let measured = try WashTradeScenario.measure(scale: 40)
        let parameters = measured.parameters
        let slash = FeeSplit.portion(parameters.staking.minStake, parameters.staking.slashMaliciousBps)
        XCTAssertFalse(measured.boundary.isEmpty)
        for (index, outcome) in measured.boundary.enumerated() {
            XCTAssertGreaterThanOrEqual(outcome.value, parameters.compute.verification.sampleValue)
            XCTAssertTrue(outcome.sampled, "always sampled (outcome \(index))")
            if outcome.detected {
                XCTAssertEqual(outcome.slashed, slash, "outcome \(index)")
                XCTAssertEqual(outcome.reward, 0, "outcome \(index)")
            } else {
                XCTAssertEqual(outcome.slashed, 0, "outcome \(index)")
                XCTAssertGreaterThan(outcome.reward, 0, "passed by the attacker's validator and paid (outcome \(index))")
            }
        }
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
