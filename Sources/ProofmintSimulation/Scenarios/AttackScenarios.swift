import ProofmintCore

/// The attacks of docs/ECONOMIC-SECURITY.md, each run through the real state transition by
/// `proofmintd simulate --scenario NAME`; tests assert their outcome, never a timing.
public enum AttackScenarios {
    public struct Scenario: Sendable {
        public let name: String
        public let summary: String
        /// The audit's size; smaller scales keep every ratio.
        public let defaultScale: Int
        let run: @Sendable (Int) throws(ScenarioError) -> ScenarioReport
    }

    public static let all: [Scenario] = [
        Scenario(
            name: "sybil-split",
            summary: "1,000,000 AI staked as N accounts of 100 AI votes a 150M AI treasury spend to itself against nine stakers of "
                + "N × 100 AI who vote no",
            defaultScale: 10_000, run: SybilSplitScenario.run),
        Scenario(
            name: "voter-list-fill",
            summary: "N accounts of 100 AI staked vote on a proposal first; then an honest staker votes",
            defaultScale: 10_000, run: VoterListFillScenario.run),
        Scenario(
            name: "slash-escape",
            summary: "a provider named by a 100% slash proposal unstakes at once and withdraws when unbonding ends, before the vote",
            defaultScale: 1, run: SlashEscapeScenario.run),
        Scenario(
            name: "parameter-creep",
            summary: "a stake majority raises a parameter by the largest step allowed, proposal after proposal, for N quarters",
            defaultScale: 1, run: ParameterCreepScenario.run),
        Scenario(
            name: "double-sign",
            summary: "the validator signs two blocks at one height; a reporter submits the evidence",
            defaultScale: 1, run: DoubleSignScenario.run),
        Scenario(
            name: "treasury-drain",
            summary: "a stake majority spends the treasury to itself, proposal after proposal, for N quarters",
            defaultScale: 1, run: TreasuryDrainScenario.run),
        Scenario(
            name: "wash-trade",
            summary: "one owner's provider and consumer keys sign receipts for work never done; N accounts fake 1–50 AI each beside honest load",
            defaultScale: 400, run: WashTradeScenario.run),
        Scenario(
            name: "slot-filling",
            summary: "N staked accounts each submit one minimum-price receipt into an epoch; then an honest provider submits one",
            defaultScale: 10_000, run: SlotFillingScenario.run),
        Scenario(
            name: "challenge-griefing",
            summary: "an attacker challenges N honest receipts; validators vote; a watcher challenges one fake receipt",
            defaultScale: 10, run: ChallengeGriefingScenario.run),
        Scenario(
            name: "fake-tier",
            summary: "a provider claims tier 4 (2.0x) with a self-made attestation by a zero-amount restake; then an attestor is "
                + "revoked and its provider reported",
            defaultScale: 1, run: FakeTierScenario.run),
    ]

    public static func scenario(named name: String) throws(ScenarioError) -> Scenario {
        guard let found = all.first(where: { $0.name == name }) else { throw .unknownScenario(name) }
        return found
    }

    /// Runs `name` at `scale` (its audit size when nil).
    public static func run(_ name: String, scale: Int? = nil) throws(ScenarioError) -> ScenarioReport {
        let scenario = try scenario(named: name)
        let size = scale ?? scenario.defaultScale
        guard size >= 1, size <= 100_000 else { throw .invalidScale("--scale must be 1 to 100000, got \(size)") }
        return try scenario.run(size)
    }

    /// What `count` transactions cost in fees at the minimum fee.
    static func fees(_ count: Int, _ parameters: Parameters) -> Amount { Amount(count) * parameters.minFee }
}
