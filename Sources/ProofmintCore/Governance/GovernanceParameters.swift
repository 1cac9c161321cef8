/// Governance's own parameters (seed 000's quorums and periods, seed 001's deposit and proposer threshold, seed
/// 002's 20% step), themselves changeable by governance within their bounds.
public struct GovernanceParameters: Equatable, Sendable {
    /// Quorum and voting period of one proposal kind.
    public struct KindRule: Equatable, Sendable {
        /// Participating staked power needed, in basis points of the total (§12 of PROTOCOL.md).
        public var quorumBps: UInt16
        /// Days the vote stays open; converted to blocks with `block_time_ms`.
        public var votingDays: UInt32
        public init(quorumBps: UInt16, votingDays: UInt32) {
            self.quorumBps = quorumBps
            self.votingDays = votingDays
        }
    }

    /// Locked with every proposal; returned if it passes, burned if it fails (seed 001).
    public var minDeposit: Amount
    /// Voting power a proposer needs (seed 001), balance and stake counted: by default 2·√(100 AI in base units), the
    /// power of the minimum stake alone (about 400 AI held liquid gives the same).
    public var minProposerPower: UInt128
    /// Only accounts with at least this much active, unjailed stake may vote: the Sybil bound on quadratic voting
    /// (0 turns it off).
    public var voterMinStake: Amount
    /// The block time governance assumes to turn days into blocks.
    public var blockTimeMs: UInt64
    /// Rules by `ProposalKind` (tags 1–5, in order).
    public var rules: [KindRule]
    /// Yes must exceed this share of yes + no, in basis points (abstain counts for quorum only).
    public var passThresholdBps: UInt16
    /// Blocks between a passing tally and execution.
    public var timelockBlocks: UInt64
    /// The largest change of one parameter within one change window, in basis points of its value at the window's
    /// start (seed 002: 20% per quarter). At most 2,000 (registry bound) so no single step can lift the rule.
    public var maxChangeBps: UInt16
    /// Proposals in their voting period or timelock at once: a bound on the work of every block's end.
    public var maxActiveProposals: UInt32
    /// The rolling window of the step rule, in blocks, from a parameter's first change after its previous window ended
    /// (default a quarter of 1-second blocks; protocol version 2).
    public var changeWindowBlocks: UInt64
    /// The most governance may pay from one module account within one window of `change_window_blocks`, in basis
    /// points of the account's balance at the window's start (protocol version 2: the frozen allocations' way out).
    public var maxSpendBps: UInt16

    public static let defaults = GovernanceParameters(
        minDeposit: 100 * Tokens.one, minProposerPower: 20_000_000_000, voterMinStake: 100 * Tokens.one, blockTimeMs: 1000,
        rules: [
            KindRule(quorumBps: 5100, votingDays: 3),   // parameter change (seed 000: 51%, 3 days)
            KindRule(quorumBps: 6000, votingDays: 7),   // treasury spend (seed 000: 60%, 7 days)
            KindRule(quorumBps: 7500, votingDays: 14),  // protocol upgrade (seed 000: 75%, 14 days)
            KindRule(quorumBps: 6000, votingDays: 7),   // slash: as a treasury decision (a loss of funds)
            KindRule(quorumBps: 5100, votingDays: 3),   // text: as a parameter change
        ],
        passThresholdBps: 5000, timelockBlocks: 86_400, maxChangeBps: 2000, maxActiveProposals: 100,
        changeWindowBlocks: 7_776_000, maxSpendBps: 1000)

    public init(
        minDeposit: Amount, minProposerPower: UInt128, voterMinStake: Amount, blockTimeMs: UInt64, rules: [KindRule],
        passThresholdBps: UInt16, timelockBlocks: UInt64, maxChangeBps: UInt16, maxActiveProposals: UInt32,
        changeWindowBlocks: UInt64 = 7_776_000, maxSpendBps: UInt16 = 1000
    ) {
        self.minDeposit = minDeposit
        self.minProposerPower = minProposerPower
        self.voterMinStake = voterMinStake
        self.blockTimeMs = blockTimeMs
        self.rules = rules
        self.passThresholdBps = passThresholdBps
        self.timelockBlocks = timelockBlocks
        self.maxChangeBps = maxChangeBps
        self.maxActiveProposals = maxActiveProposals
        self.changeWindowBlocks = changeWindowBlocks
        self.maxSpendBps = maxSpendBps
    }

    public func rule(_ kind: ProposalKind) -> KindRule {
        let index = Int(kind.ruleKind.rawValue) - 1
        return index < rules.count ? rules[index] : KindRule(quorumBps: 10_000, votingDays: 1)
    }

    /// `days × 86,400,000 / block_time_ms` blocks, at least 1.
    public func votingPeriodBlocks(_ kind: ProposalKind) -> UInt64 {
        let milliseconds = UInt128(rule(kind).votingDays) * 86_400_000
        let blocks = milliseconds / UInt128(max(blockTimeMs, 1))
        return UInt64(clamping: max(blocks, 1))
    }

    func violations() -> [String] {
        var problems = [String]()
        if minDeposit == 0 { problems.append("governance.min_deposit must be at least 1 base unit") }
        if blockTimeMs == 0 { problems.append("governance.block_time_ms must be at least 1") }
        if rules.count != ProposalKind.withOwnRule.count { problems.append("governance needs one rule per proposal kind") }
        if rules.contains(where: { $0.quorumBps == 0 || $0.quorumBps > 10_000 || $0.votingDays == 0 }) {
            problems.append("governance quorums must be 1–10000 bps and voting periods at least 1 day")
        }
        if passThresholdBps < 5000 || passThresholdBps >= 10_000 { problems.append("governance.pass_threshold_bps must be 5000–9999") }
        if maxChangeBps == 0 || maxChangeBps > 2000 { problems.append("governance.max_change_bps must be 1–2000") }
        if changeWindowBlocks == 0 { problems.append("governance.change_window_blocks must be at least 1") }
        if maxSpendBps == 0 || maxSpendBps > 2000 { problems.append("governance.max_spend_bps must be 1–2000") }
        if maxActiveProposals == 0 || maxActiveProposals > 1000 { problems.append("governance.max_active_proposals must be 1–1000") }
        return problems
    }
}

extension GovernanceParameters: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u128(minDeposit)
        writer.u128(minProposerPower)
        writer.u128(voterMinStake)
        writer.u64(blockTimeMs)
        writer.u8(UInt8(rules.count))
        for rule in rules {
            writer.u16(rule.quorumBps)
            writer.u32(rule.votingDays)
        }
        writer.u16(passThresholdBps)
        writer.u64(timelockBlocks)
        writer.u16(maxChangeBps)
        writer.u32(maxActiveProposals)
        writer.u64(changeWindowBlocks)
        writer.u16(maxSpendBps)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> GovernanceParameters {
        let deposit = try reader.u128()
        let power = try reader.u128()
        let voterStake = try reader.u128()
        let blockTime = try reader.u64()
        let count = Int(try reader.u8())
        guard count <= 8 else { throw .lengthTooLarge(field: "governance rules", length: count, max: 8) }
        var rules = [KindRule]()
        for _ in 0..<count { rules.append(KindRule(quorumBps: try reader.u16(), votingDays: try reader.u32())) }
        return GovernanceParameters(
            minDeposit: deposit, minProposerPower: power, voterMinStake: voterStake, blockTimeMs: blockTime, rules: rules,
            passThresholdBps: try reader.u16(), timelockBlocks: try reader.u64(), maxChangeBps: try reader.u16(),
            maxActiveProposals: try reader.u32(), changeWindowBlocks: try reader.u64(), maxSpendBps: try reader.u16())
    }
}
